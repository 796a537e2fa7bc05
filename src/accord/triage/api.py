from ninja import Router

API_PREFIX = "/triage"
router = Router(tags=["triage"])
