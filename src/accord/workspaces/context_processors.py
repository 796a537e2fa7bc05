def current_member(request):
    return {
        "member": getattr(request, "member", None),
        "workspace": getattr(request, "workspace", None),
    }
