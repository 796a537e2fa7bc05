"""Does a client message go back on an accepted agreement? (plain Python, ru/pl/en)

A message is a candidate when it uses words of changing one's mind (and none that keep a decision)
and talks about the agreement's topic: lexically (same language), or by the multilingual encoder,
when the agreement stands out from the project's other accepted agreements for this message (e5's
cosines are compressed, so only the relative standing carries meaning). Thresholds were fitted on
the tuning pairs only (tests/fixtures/reversal_pairs*.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.textkit import encoder

from .textmatch import similarity

TOPIC_THRESHOLD = 0.3
# How far above the mean cosine of the project's agreements the best one must be (middle of the
# plateau 0.005..0.0225 where the tuning pairs score best).
ENCODER_STANDOUT = 0.014
# Words of changing one's mind, refusing or replacing: on their own they prove nothing, next to the
# topic of an accepted decision they signal a reversal.
REVERSAL_CUES = re.compile(
    r"(передумал\w*|отмен\w+|вместо|не нужн\w*|не будем|не надо|не хотим|уже не|больше не|откажемся|отказываемся|"
    r"всё-таки|все-таки|теперь (нужн|хотим|надо)|пересмотр\w*|другой вариант|измени\w+|"
    r"zamiast|jednak|rezygnuj\w*|nie chcemy|już nie|juz nie|nie potrzebujemy|zmieni\w+|odwoł\w+|"
    r"wycofuj\w*|teraz (chcemy|potrzebujemy)|inaczej|"
    r"instead|changed our mind|no longer|cancel\w*|drop\w*|don't want|do not want|won't need|"
    r"actually (we|let)|rather|scrap\w*|reverse\w*|switch\w* to|now we (want|need)|not anymore|"
    # Second-round cues: a decision redone, unsuitable, moved, or widened beyond what was agreed.
    r"не подход\w*|не устраива\w*|переделать|переделыва\w*|не соглас\w*|не дожидаясь|а не |"
    r"ещё и|еще и|придётся измен\w*|"
    r"nie pasuj\w*|odpada\w*|przenie\w+|przesu\w+|wolimy|nie zgadza\w*|od razu|"
    r"after all|revis\w+|redo\w*|redone|we now (want|need)|no longer|doesn't work for us|"
    r"move (it|them|the)\b|postpone\w*|as well|too\b|instead)",
    re.IGNORECASE,
)

# Words that keep a decision as it is: a message that says so is not a reversal, whatever else it
# cancels or moves (a meeting, a photo shoot).
CONFIRMATION_CUES = re.compile(
    r"(как договаривались|как договорились|как и договорились|остаётся|остается|оставляем|"
    r"без изменений|подтвержда\w*|устраивает|"
    r"jak ustaliliśmy|jak ustalono|zostaje|bez zmian|potwierdza\w*|"
    r"as agreed|as planned|as we said|as before|stays|confirmed|keep it)",
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
    message = message or ""
    if not agreements or not REVERSAL_CUES.search(message) or CONFIRMATION_CUES.search(message):
        return []
    cosines = encoder.embed([a.text for a in agreements], "query") @ encoder.embed([message])[0]
    mean, best = float(cosines.mean()), float(cosines.max())
    scored = []
    for agreement, cosine in zip(agreements, cosines, strict=True):
        lexical = similarity(message, agreement.text)
        standout = float(cosine) - mean
        if lexical >= TOPIC_THRESHOLD or (cosine >= best and standout >= ENCODER_STANDOUT):
            # The shown score: the lexical one, or the encoder's standing on the same 0..1 scale.
            scored.append(
                ReversalMatch(agreement.id, round(max(lexical, min(1.0, 10 * standout)), 4))
            )
    return sorted(scored, key=lambda m: m.score, reverse=True)
