def workspace_overview(*, workspace):
    return {"clients": []}
