"""Loading and validating playbooks (YAML, one file per situation, ru/pl/en)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

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
                raise ValueError(f"unknown root causes: {', '.join(sorted(unknown))}")
        return self


class Playbook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    situation: str
    kind: Literal["upset", "decline", "clarify"]
    handover: str | None = None
    languages: dict[str, LanguageText]

    @model_validator(mode="after")
    def _complete(self):
        if self.situation not in SITUATION_IDS:
            raise ValueError(f"situation: unknown id {self.situation!r}")
        missing = [language for language in LANGUAGES if language not in self.languages]
        if missing:
            raise ValueError(f"languages: missing {', '.join(missing)}")
        if self.situation == "quality_complaint":
            for language, text in self.languages.items():
                if not text.root_causes or set(text.root_causes) != set(ROOT_CAUSES):
                    raise ValueError(
                        f"languages.{language}.root_causes: all of {', '.join(ROOT_CAUSES)} are required"
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
    try:
        return Playbook.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise PlaybookError(f"{name}: field {field}: {first['msg']}") from error


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


def playbook_for(*, situation: str, workspace=None) -> Playbook:
    """The workspace's override when it has one, else the built-in playbook."""
    if workspace is not None:
        from .models import PlaybookOverride

        override = PlaybookOverride.objects.filter(workspace=workspace, situation=situation).first()
        if override is not None:
            return parse_playbook(override.source, name=f"override of {situation}")
    return builtin_playbooks()[situation]
