from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from accord.core.forms import LimitedForm, LimitedModelForm

from .catalogue import Situation
from .models import Case
from .playbooks import (
    LANGUAGES,
    ROOT_CAUSES,
    LanguageText,
    Playbook,
    PlaybookInvalid,
    PlaybookProblem,
    playbook_validate,
)


class CaseOpenForm(LimitedForm):
    situation = forms.ChoiceField(label=_("Situation"), choices=Situation.choices)
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=[("", _("Derive from the records")), *Case.Severity.choices],
        required=False,
    )


class CaseUpdateForm(LimitedModelForm):
    class Meta:
        model = Case
        fields = ["status", "severity", "owner", "root_cause", "notes", "resolution_summary"]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "resolution_summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accord.workspaces.models import Member

        self.fields["owner"].queryset = Member.objects.filter(
            workspace=self.instance.workspace
        ).select_related("user")
        self.fields["owner"].label_from_instance = lambda member: member.display_name


class DraftForm(LimitedForm):
    subject = forms.CharField(label=_("Subject"), max_length=500)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))


class CheckForm(LimitedForm):
    text = forms.CharField(label=_("E-mail text"), widget=forms.Textarea(attrs={"rows": 10}))


class OverrideForm(LimitedForm):
    source = forms.CharField(
        label=_("Playbook (YAML)"), widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"})
    )


class RowsInput(forms.Widget):
    """A list of one-line texts sent as repeated inputs of the same name (rows the page adds,
    removes and reorders); the page template draws the rows itself."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])

    def value_omitted_from_data(self, data, files, name):
        return False

    def format_value(self, value):
        return list(value or [])


class RowsField(forms.Field):
    """A list of texts: rows left empty are dropped, each row has a length limit."""

    widget = RowsInput
    item_max_length = 500

    def __init__(self, *, item_label, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.item_label = item_label

    def to_python(self, value) -> list[str]:
        if value in self.empty_values:
            return []
        if isinstance(value, str):
            value = [value]
        # A row is one line: line breaks typed or pasted into it become spaces.
        rows = (" ".join(str(item).splitlines()).strip() for item in value)
        return [row for row in rows if row]

    def validate(self, value) -> None:
        super().validate(value)
        for number, item in enumerate(value, start=1):
            if len(item) > self.item_max_length:
                raise forms.ValidationError(
                    ngettext_lazy(
                        "Row %(number)s is longer than %(limit)s character.",
                        "Row %(number)s is longer than %(limit)s characters.",
                        "limit",
                    ),
                    code="max_length",
                    params={"number": number, "limit": self.item_max_length},
                )

    def bound_data(self, data, initial):
        return list(data or [])


class ReplyBodyField(forms.CharField):
    """The reply text keeps its line breaks (browsers send CRLF) and its final newline."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


KIND_CHOICES = [
    ("upset", _("Upset client: apology and concession, drafted after a person confirms")),
    ("decline", _("Decline: a polite, concrete no")),
    ("clarify", _("Clarify: questions and next steps")),
]
HANDOVER_CHOICES = [
    ("", _("No hand-over")),
    ("dunning", _("Hand over to the dunning ladder")),
]
LANGUAGE_NAMES = {"en": _("English"), "ru": _("Russian"), "pl": _("Polish")}
# The lists every language has: (key, label, label of one row, numbered list, add button).
LISTS = [
    ("steps", _("Steps"), _("Step %(number)s"), True, _("Add a step")),
    ("questions", _("Questions to ask"), _("Question %(number)s"), False, _("Add a question")),
    ("do", _("Do"), _("Do, row %(number)s"), False, _("Add a row")),
    ("dont", _("Don't"), _("Don't, row %(number)s"), False, _("Add a row")),
]


def _min_length(name: str) -> int:
    for rule in LanguageText.model_fields[name].metadata:
        if getattr(rule, "min_length", None) is not None:
            return rule.min_length
    return 0


def _root_cause_names() -> dict[str, str]:
    return {value: label for value, label in Case.RootCause.choices if value}


def problem_message(problem: PlaybookProblem) -> str:
    """What the schema refused, said in the active language."""
    count = problem.context.get("min_length")
    if problem.type == "too_short" and count is not None:
        return ngettext("Add at least %(count)d row.", "Add at least %(count)d rows.", count) % {
            "count": count
        }
    if problem.type == "string_too_short" and count is not None:
        if count <= 1:
            return gettext("This field is required.")
        return ngettext(
            "Write at least %(count)d character.", "Write at least %(count)d characters.", count
        ) % {"count": count}
    if problem.type == "missing":
        return gettext("This field is required.")
    if problem.type == "literal_error":
        return gettext("Choose one of the offered values.")
    if problem.type == "situation_unknown":
        return gettext("Unknown situation.")
    if problem.type == "languages_missing":
        return gettext("A playbook needs texts in English, Russian and Polish.")
    if problem.type == "root_causes_incomplete":
        return gettext(
            "Every root cause needs its place: defects, broken functionality, design, delay, misuse and other."
        )
    if problem.type == "extra_forbidden":
        return gettext("This field is not part of a playbook.")
    return gettext("Not accepted: %(reason)s") % {"reason": problem.message}


def problem_field(loc: tuple) -> str | None:
    """The form field a schema location belongs to (None: the playbook as a whole)."""
    if loc[:1] in (("kind",), ("handover",)):
        return str(loc[0])
    if len(loc) >= 3 and loc[0] == "languages" and loc[1] in LANGUAGES:
        code, name = loc[1], loc[2]
        if name in ("title", *(key for key, *_rest in LISTS)):
            return f"{code}-{name}"
        if name == "reply" and len(loc) >= 4 and loc[3] in ("subject", "body"):
            return f"{code}-reply_{loc[3]}"
        if name == "root_causes" and len(loc) >= 4 and loc[3] in ROOT_CAUSES:
            return f"{code}-cause-{loc[3]}"
    return None


@dataclass
class RowsBlock:
    """One editable list on the page: its bound field, the rows to draw and their labels."""

    field: forms.BoundField
    label: str
    row_label: str
    ordered: bool
    add_label: str
    hint: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def template_label(self) -> str:
        return self.row_label % {"number": "__n__"}


@dataclass
class LanguageSection:
    code: str
    name: str
    title: forms.BoundField
    lists: list[RowsBlock]
    reply_subject: forms.BoundField
    reply_body: forms.BoundField
    causes: list[RowsBlock]
    causes_required: bool

    @property
    def error_count(self) -> int:
        fields = [self.title, self.reply_subject, self.reply_body]
        fields += [block.field for block in (*self.lists, *self.causes)]
        return sum(len(bound.errors) for bound in fields)

    @property
    def causes_filled(self) -> bool:
        return any(block.field.value() for block in self.causes)


class PlaybookForm(LimitedForm):
    """Every field of a playbook as form fields, one section per language. The schema that
    validates the YAML files validates the form too; its refusals land next to their fields."""

    kind = forms.ChoiceField(label=_("Kind of playbook"), choices=KIND_CHOICES)
    handover = forms.ChoiceField(
        label=_("When the client refuses"), choices=HANDOVER_CHOICES, required=False
    )

    def __init__(self, *args, situation: str, playbook: Playbook | None = None, **kwargs):
        if playbook is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(playbook)
        super().__init__(*args, **kwargs)
        self.situation = situation
        self.playbook: Playbook | None = None
        handover = self.initial.get("handover") or ""
        if handover and handover not in dict(HANDOVER_CHOICES):
            self.fields["handover"].choices = [*HANDOVER_CHOICES, (handover, handover)]
        causes = _root_cause_names()
        for code in LANGUAGES:
            self.fields[f"{code}-title"] = forms.CharField(
                label=_("Title"),
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )
            for key, label, row_label, *_rest in LISTS:
                self.fields[f"{code}-{key}"] = RowsField(label=label, item_label=row_label)
            for cause in ROOT_CAUSES:
                self.fields[f"{code}-cause-{cause}"] = RowsField(
                    label=causes.get(cause, cause), item_label=_("Measure %(number)s")
                )
            self.fields[f"{code}-reply_subject"] = forms.CharField(
                label=_("Reply subject"),
                max_length=500,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )
            self.fields[f"{code}-reply_body"] = ReplyBodyField(
                label=_("Reply text"),
                max_length=20_000,
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 14, "lang": code}),
                help_text=_(
                    "Placeholders in braces, such as {name}, {project} or {plan_date}, are filled "
                    "from the records when a draft is made."
                ),
            )

    @staticmethod
    def initial_from(playbook: Playbook) -> dict:
        initial: dict = {"kind": playbook.kind, "handover": playbook.handover or ""}
        for code in LANGUAGES:
            text = playbook.languages.get(code)
            if text is None:
                continue
            initial[f"{code}-title"] = text.title
            for key, *_rest in LISTS:
                initial[f"{code}-{key}"] = list(getattr(text, key))
            for cause, measures in (text.root_causes or {}).items():
                initial[f"{code}-cause-{cause}"] = list(measures)
            initial[f"{code}-reply_subject"] = text.reply.subject
            initial[f"{code}-reply_body"] = text.reply.body
        return initial

    def playbook_data(self) -> dict:
        """The cleaned values in the layout of a playbook file."""
        values = self.cleaned_data
        data: dict = {"situation": self.situation, "kind": values.get("kind", "")}
        if values.get("handover"):
            data["handover"] = values["handover"]
        languages = {}
        for code in LANGUAGES:
            text: dict = {"title": values.get(f"{code}-title", "")}
            for key, *_rest in LISTS:
                text[key] = values.get(f"{code}-{key}", [])
            causes = {cause: values.get(f"{code}-cause-{cause}", []) for cause in ROOT_CAUSES}
            if self.situation == "quality_complaint":
                text["root_causes"] = causes
            elif any(causes.values()):
                text["root_causes"] = {cause: items for cause, items in causes.items() if items}
            text["reply"] = {
                "subject": values.get(f"{code}-reply_subject", ""),
                "body": values.get(f"{code}-reply_body", ""),
            }
            languages[code] = text
        data["languages"] = languages
        return data

    def clean(self):
        cleaned = super().clean()
        try:
            self.playbook = playbook_validate(
                self.playbook_data(), name=f"override of {self.situation}"
            )
        except PlaybookInvalid as invalid:
            for problem in invalid.problems:
                name = problem_field(problem.loc)
                if name is not None and name in self.errors:
                    continue  # the field's own check already said what is wrong
                self.add_error(name, problem_message(problem))
        return cleaned

    def language_sections(self, *, first: str = "en") -> list[LanguageSection]:
        """One section per language, the reader's language first."""
        causes_required = self.situation == "quality_complaint"
        order = [first] if first in LANGUAGES else []
        order += [code for code in LANGUAGES if code not in order]
        sections = []
        for code in order:
            lists = []
            for key, label, row_label, ordered, add_label in LISTS:
                minimum = _min_length(key)
                hint = (
                    ngettext("At least %(count)d row.", "At least %(count)d rows.", minimum)
                    % {"count": minimum}
                    if minimum
                    else ""
                )
                lists.append(
                    self._block(f"{code}-{key}", label, row_label, ordered, add_label, hint)
                )
            causes = [
                self._block(
                    f"{code}-cause-{cause}",
                    self.fields[f"{code}-cause-{cause}"].label,
                    _("Measure %(number)s"),
                    False,
                    _("Add a measure"),
                )
                for cause in ROOT_CAUSES
            ]
            sections.append(
                LanguageSection(
                    code=code,
                    name=str(LANGUAGE_NAMES[code]),
                    title=self[f"{code}-title"],
                    lists=lists,
                    reply_subject=self[f"{code}-reply_subject"],
                    reply_body=self[f"{code}-reply_body"],
                    causes=causes,
                    causes_required=causes_required,
                )
            )
        return sections

    def _block(
        self, name: str, label, row_label, ordered: bool, add_label, hint: str = ""
    ) -> RowsBlock:
        bound = self[name]
        values = [str(value) for value in (bound.value() or [])]
        return RowsBlock(
            field=bound,
            label=str(label),
            row_label=str(row_label),
            ordered=ordered,
            add_label=str(add_label),
            hint=hint,
            rows=[
                (value, str(row_label) % {"number": number})
                for number, value in enumerate(values, start=1)
            ],
        )

    @property
    def error_count(self) -> int:
        return sum(len(errors) for errors in self.errors.values())

    def error_links(self) -> list[tuple[str, str, str]]:
        """(anchor, field name with its language, message) for the summary above the form."""
        links = []
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                links += [("", "", str(message)) for message in errors]
                continue
            bound = self[name]
            code = name.split("-", 1)[0]
            label = str(bound.label)
            if code in LANGUAGE_NAMES:
                label = f"{LANGUAGE_NAMES[code]} · {label}"
            links += [(bound.auto_id, label, str(message)) for message in errors]
        return links
