from ninja import Router

API_PREFIX = "/change-requests"
router = Router(tags=["changes"])
