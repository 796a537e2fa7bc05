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
    """Fast capture: one line per decision and per action item."""

    discussed = forms.CharField(
        label=_("Discussed (one point per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
    )
    decisions = forms.CharField(
        label=_("Decisions (one per line; optionally “ — Name” of the client person who accepted)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    actions = forms.CharField(
        label=_("Action items (one per line: what ; ours|client ; owner name ; YYYY-MM-DD)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


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


SIDES = {
    "ours": Commitment.Side.OURS,
    "our": Commitment.Side.OURS,
    "мы": Commitment.Side.OURS,
    "my": Commitment.Side.OURS,
    "client": Commitment.Side.CLIENT,
    "клиент": Commitment.Side.CLIENT,
    "klient": Commitment.Side.CLIENT,
}
