"""Loading and validating playbooks (YAML, one file per situation, ru/pl/en)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from .catalogue import SITUATION_IDS

PLAYBOOK_DIR = Path(__file__).resolve().parent.parent / "playbooks"
LANGUAGES = ("en", "ru", "pl")
ROOT_CAUSES = (
    "defects",
    "broken_functionality",
    "design_mismatch",
    "delay",
    "client_misuse",
    "other",
)


class PlaybookError(Exception):
    """A playbook file is broken; the message names the file and the field."""


@dataclass(frozen=True)
class PlaybookProblem:
    """One thing the schema refused: where (``loc``, as pydantic names it), what kind
    (``type``), its parameters (``context``) and pydantic's English message."""

    loc: tuple[str | int, ...]
    type: str
    context: dict[str, Any]
    message: str

    @property
    def field(self) -> str:
        return ".".join(str(part) for part in self.loc) or "(top level)"


class PlaybookInvalid(PlaybookError):
    """The data does not fit the schema; ``problems`` lists every refusal, first one first."""

    def __init__(self, name: str, problems: list[PlaybookProblem]):
        first = problems[0]
        super().__init__(f"{name}: field {first.field}: {first.message}")
        self.problems = problems


class ReplyTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    subject: str = Field(min_length=1)
    body: str = Field(min_length=20)


class LanguageText(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1)
    steps: list[str] = Field(min_length=2)
    questions: list[str] = Field(min_length=1)
    do: list[str] = Field(min_length=1)
    dont: list[str] = Field(min_length=1)
    reply: ReplyTemplate
    root_causes: dict[str, list[str]] | None = None

    @model_validator(mode="after")
    def _root_causes_known(self):
        if self.root_causes is not None:
            unknown = set(self.root_causes) - set(ROOT_CAUSES)
            if unknown:
                raise PydanticCustomError(
                    "root_causes_unknown",
                    "unknown root causes: {causes}",
                    {"causes": ", ".join(sorted(unknown))},
                )
        return self


class Playbook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    situation: str
    kind: Literal["upset", "decline", "clarify"]
    handover: str | None = None
    languages: dict[str, LanguageText]

    @model_validator(mode="after")
    def _complete(self):
        # Custom errors keep pydantic's wording for files and carry their parameters, so a form
        # can put each refusal next to its field in the reader's language.
        if self.situation not in SITUATION_IDS:
            raise PydanticCustomError(
                "situation_unknown",
                "situation: unknown id {situation!r}",
                {"situation": self.situation},
            )
        missing = [language for language in LANGUAGES if language not in self.languages]
        if missing:
            raise PydanticCustomError(
                "languages_missing",
                "languages: missing {languages}",
                {"languages": ", ".join(missing)},
            )
        if self.situation == "quality_complaint":
            for language, text in self.languages.items():
                if not text.root_causes or set(text.root_causes) != set(ROOT_CAUSES):
                    raise PydanticCustomError(
                        "root_causes_incomplete",
                        "languages.{language}.root_causes: all of {causes} are required",
                        {"language": language, "causes": ", ".join(ROOT_CAUSES)},
                    )
        return self

    def text(self, language: str) -> LanguageText:
        return self.languages.get(language) or self.languages["en"]


def parse_playbook(source: str, *, name: str) -> Playbook:
    """Parse and validate YAML text; errors name the file and the field."""
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as error:
        raise PlaybookError(f"{name}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise PlaybookError(
            f"{name}: the file must be a mapping with situation, kind and languages"
        )
    return playbook_validate(data, name=name)


def playbook_validate(data: dict, *, name: str) -> Playbook:
    """Validate parsed data against the schema; PlaybookInvalid lists every problem."""
    try:
        return Playbook.model_validate(data)
    except ValidationError as error:
        problems = [
            PlaybookProblem(
                loc=tuple(item["loc"]),
                type=item["type"],
                context=dict(item.get("ctx") or {}),
                message=item["msg"],
            )
            for item in error.errors()
        ]
        raise PlaybookInvalid(name, problems) from error


class _PlaybookDumper(yaml.SafeDumper):
    """Writes playbooks the way the shipped files are written: texts with line breaks as
    literal blocks, lists indented under their key, in the schema's order."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def _represent_text(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_PlaybookDumper.add_representer(str, _represent_text)


def playbook_yaml(playbook: Playbook) -> str:
    """The playbook as YAML in the shipped files' layout (the storage and export format)."""
    data: dict[str, Any] = {"situation": playbook.situation, "kind": playbook.kind}
    if playbook.handover is not None:
        data["handover"] = playbook.handover
    languages: dict[str, Any] = {}
    ordered = [code for code in LANGUAGES if code in playbook.languages]
    ordered += [code for code in playbook.languages if code not in ordered]
    for code in ordered:
        text = playbook.languages[code]
        entry: dict[str, Any] = {
            "title": text.title,
            "steps": list(text.steps),
            "questions": list(text.questions),
            "do": list(text.do),
            "dont": list(text.dont),
        }
        if text.root_causes is not None:
            entry["root_causes"] = {cause: list(items) for cause, items in text.root_causes.items()}
        entry["reply"] = {"subject": text.reply.subject, "body": text.reply.body}
        languages[code] = entry
    data["languages"] = languages
    return yaml.dump(
        data, Dumper=_PlaybookDumper, sort_keys=False, allow_unicode=True, width=10_000, indent=2
    )


def load_playbook_file(path: Path) -> Playbook:
    playbook = parse_playbook(path.read_text(encoding="utf-8"), name=path.name)
    if playbook.situation != path.stem:
        raise PlaybookError(
            f"{path.name}: field situation: {playbook.situation!r} does not match the file name"
        )
    return playbook


@cache
def builtin_playbooks() -> dict[str, Playbook]:
    playbooks = {}
    for situation in SITUATION_IDS:
        path = PLAYBOOK_DIR / f"{situation}.yaml"
        if not path.exists():
            raise PlaybookError(f"{path.name}: missing playbook for situation {situation}")
        playbooks[situation] = load_playbook_file(path)
    return playbooks


def builtin_playbook_source(situation: str) -> str:
    """The shipped file's text, as it is in the repository."""
    return (PLAYBOOK_DIR / f"{situation}.yaml").read_text(encoding="utf-8")


def playbook_for(*, situation: str, workspace=None) -> Playbook:
    """The workspace's override when it has one, else the built-in playbook."""
    if workspace is not None:
        from .models import PlaybookOverride

        override = PlaybookOverride.objects.filter(workspace=workspace, situation=situation).first()
        if override is not None:
            return parse_playbook(override.source, name=f"override of {situation}")
    return builtin_playbooks()[situation]
