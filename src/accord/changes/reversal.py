"""Does a client message go back on an accepted agreement? (plain Python, ru/pl/en)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textmatch import similarity

TOPIC_THRESHOLD = 0.3
# Words of changing one's mind, refusing or replacing: on their own they prove nothing, next to the
# topic of an accepted decision they signal a reversal.
REVERSAL_CUES = re.compile(
    r"(передумал\w*|отмен\w+|вместо|не нужн\w*|не будем|не надо|не хотим|уже не|больше не|откажемся|отказываемся|"
    r"всё-таки|все-таки|теперь (нужн|хотим|надо)|пересмотр\w*|другой вариант|измени\w+|"
    r"zamiast|jednak|rezygnuj\w*|nie chcemy|już nie|juz nie|nie potrzebujemy|zmieni\w+|odwoł\w+|"
    r"wycofuj\w*|teraz (chcemy|potrzebujemy)|inaczej|"
    r"instead|changed our mind|no longer|cancel\w*|drop\w*|don't want|do not want|won't need|"
    r"actually (we|let)|rather|scrap\w*|reverse\w*|switch\w* to|now we (want|need)|not anymore)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AgreementText:
    id: int
    text: str


@dataclass(frozen=True)
class ReversalMatch:
    agreement_id: int
    score: float


def reversal_candidates(message: str, agreements: list[AgreementText]) -> list[ReversalMatch]:
    """Accepted agreements the message seems to contradict, best first."""
    if not REVERSAL_CUES.search(message or ""):
        return []
    scored = [ReversalMatch(item.id, similarity(message, item.text)) for item in agreements]
    return sorted(
        (m for m in scored if m.score >= TOPIC_THRESHOLD), key=lambda m: m.score, reverse=True
    )
