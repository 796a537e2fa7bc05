from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.agreements.models import Commitment
from accord.core.forms import DateInput, DateTimeInput, LimitedForm
from accord.projects.models import Contract

from .models import Meeting


class MeetingForm(LimitedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), initial=60, min_value=5, max_value=600
    )
    location = forms.CharField(label=_("Place or link"), required=False, max_length=500)
    contacts = forms.ModelMultipleChoiceField(
        label=_("Client attendees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Team attendees"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.CharField(
        label=_("Today's topics"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        from accord.workspaces.models import Member

        self.fields["contacts"].queryset = project.client.contacts.filter(is_active=True)
        self.fields["contacts"].label_from_instance = lambda c: f"{c.name} ({c.get_role_display()})"
        self.fields["members"].queryset = Member.objects.filter(
            workspace=project.workspace
        ).select_related("user")
        self.fields["members"].label_from_instance = lambda m: m.display_name


class AgendaItemForm(LimitedForm):
    text = forms.CharField(label=_("New agenda item"), max_length=500)
    team_note = forms.BooleanField(label=_("Team note (never sent)"), required=False)


class MinutesForm(LimitedForm):
    """What was discussed; decisions and action items come as rows (formsets below)."""

    discussed = forms.CharField(
        label=_("Discussed (one point per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
    )


class DecisionRowForm(LimitedForm):
    """One decision; a row left empty is skipped."""

    title = forms.CharField(label=_("Decision"), max_length=500, required=False)
    accepted_by = forms.ModelChoiceField(
        label=_("Accepted by (client)"), queryset=None, required=False
    )

    def __init__(self, *args, contacts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_by"].queryset = contacts
        self.fields["accepted_by"].label_from_instance = lambda contact: contact.name

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("title", "").strip())


class ActionRowForm(LimitedForm):
    """One action item: what, whose side, owner, due date; a row left empty is skipped."""

    title = forms.CharField(label=_("What"), max_length=500, required=False)
    side = forms.ChoiceField(label=_("Whose side"), choices=Commitment.Side.choices)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    # "" until the person answered a duplicate suggestion, then "new" or an existing commitment's id
    merge_into = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, contacts=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contacts = {contact.pk: contact for contact in contacts}
        self.members = {member.pk: member for member in members}
        self.fields["owner"].choices = [
            ("", "—"),
            (_("Our team"), [(f"member:{pk}", m.display_name) for pk, m in self.members.items()]),
            (_("Client"), [(f"contact:{pk}", c.name) for pk, c in self.contacts.items()]),
        ]

    def clean(self):
        data = super().clean()
        if not data.get("title", "").strip():
            return data
        if data.get("due_date") is None:
            self.add_error("due_date", _("A commitment needs a due date."))
        kind, _separator, key = (data.get("owner") or "").partition(":")
        data["owner_member"] = self.members.get(int(key)) if kind == "member" else None
        data["owner_contact"] = self.contacts.get(int(key)) if kind == "contact" else None
        if data.get("side") == Commitment.Side.CLIENT and data["owner_member"] is not None:
            self.add_error("owner", _("A client-side commitment is owned by a client person."))
        if data.get("side") == Commitment.Side.OURS and data["owner_contact"] is not None:
            self.add_error("owner", _("Our commitment is owned by a team member."))
        merge = data.get("merge_into") or ""
        if merge not in ("", "new") and not merge.isdigit():
            self.add_error(None, _("Choose a similar commitment or keep the row as new."))
        return data

    @property
    def is_filled(self) -> bool:
        return bool(self.cleaned_data.get("title", "").strip())


DecisionRowFormSet = forms.formset_factory(DecisionRowForm, extra=1, max_num=50, absolute_max=50)
ActionRowFormSet = forms.formset_factory(ActionRowForm, extra=1, max_num=50, absolute_max=50)


class KickoffForm(LimitedForm):
    meeting_cadence = forms.ChoiceField(
        label=_("Meeting cadence"), choices=[c for c in Contract.Cadence.choices if c[0]]
    )
    documentation_list = forms.CharField(
        label=_("Documents to produce (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    escalation_path = forms.CharField(
        label=_("Escalation path / conflict resolution"), widget=forms.Textarea(attrs={"rows": 3})
    )
    our_first_task = forms.CharField(label=_("Our first task"), required=False)
    our_first_due = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    client_first_task = forms.CharField(label=_("Client's first task"), required=False)
    client_first_due = forms.DateField(label=_("Due"), required=False, widget=DateInput())
