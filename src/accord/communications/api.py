from ninja import Router

API_PREFIX = "/interactions"
router = Router(tags=["communications"])
