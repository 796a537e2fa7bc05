"""The three parts of a good e-mail (practice §2): context, the problem, what we ask of the reader."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT = re.compile(
    r"(context|regarding|about|following|thank you for|thanks for|we are writing|as agreed|on \d|your (message|request|e-?mail)|"
    r"we are continuing|контекст|по поводу|касательно|в связи|спасибо|пишем|как (мы )?договорились|ваше письмо|"
    r"мы продолжаем|по теме|kontekst|w sprawie|w nawiązaniu|dotycz|dziękujemy|dziękuję|piszemy|zgodnie z|kontynuujemy)",
    re.IGNORECASE,
)
PROBLEM = re.compile(
    r"(problem|issue|unfortunately|delay|late|overdue|error|bug|fail|cannot|can't|not (part|covered|clear)|missing|"
    r"at risk|frustrat|disagree|changes what|affects|sorry|apologi|"
    r"проблем|к сожалению|задерж|просроч|ошибк|не входит|не можем|не хватает|под угрозой|недовол|разноглас|"
    r"несогласи|меняет|влияет|извин|неясн|недостаточно|неудобств|"
    r"niestety|opóźni|po terminie|błąd|nie jest częścią|nie możemy|brakuje|zagrożony|frustrac|spór|zastrzeż|"
    r"zmienia|wpływa|przeprasz|niejasn|nie są na tyle)",
    re.IGNORECASE,
)
ASK = re.compile(
    r"(\?|please|could you|can you|would you|we ask|let us know|tell us|confirm|"
    r"пожалуйста|просим|прошу|просьба|подтвердите|сообщите|подскажите|пришлите|ответьте|можете|можем ли|"
    r"prosimy|proszę|prośba|potwierd|daj(cie)? znać|czy mogą|czy możemy|prześlij|odpowiedz)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ThreePartResult:
    context: bool
    problem: bool
    ask: bool

    @property
    def missing(self) -> list[str]:
        return [name for name in ("context", "problem", "ask") if not getattr(self, name)]

    @property
    def ok(self) -> bool:
        return not self.missing


def three_part_check(text: str) -> ThreePartResult:
    """Context near the start, a stated problem, and a request to the reader near the end."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]
    if not paragraphs:
        return ThreePartResult(False, False, False)
    head = " ".join(paragraphs[: max(1, min(2, len(paragraphs) - 1))])
    tail = " ".join(paragraphs[-3:])
    body = " ".join(paragraphs)
    return ThreePartResult(
        context=bool(CONTEXT.search(head)) and len(paragraphs) >= 2,
        problem=bool(PROBLEM.search(body)),
        ask=bool(ASK.search(tail)),
    )
