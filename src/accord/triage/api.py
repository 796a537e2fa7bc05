"""API: triage of a text (what the engine reads in a client message)."""

from ninja import Router, Schema
from pydantic import Field

from accord.api.permissions import api_member
from accord.api.schemas import text as limited_text

API_PREFIX = "/triage"
router = Router(tags=["triage"])


class TriageIn(Schema):
    text: limited_text(200_000) = Field(description="A client's message (ru, pl or en).")


class EvidenceOut(Schema):
    label: str
    text: str


class TriageOut(Schema):
    labels: list[str] = Field(description="Situation ids from the catalogue.")
    scores: dict[str, float]
    tone: str
    urgency: str
    lang: str
    evidence: list[EvidenceOut]
    model_version: str


@router.post("/", response=TriageOut)
def triage_text(request, payload: TriageIn):
    """Read a text: situations, tone, urgency, language and the sentences behind each label.

    Nothing is stored; bad input (empty, junk) gives a valid empty result."""
    from .engine import classify

    api_member(request)
    result = classify(payload.text)
    return {**result.as_dict(), "model_version": result.model_version or ""}
