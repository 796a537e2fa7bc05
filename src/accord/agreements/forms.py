from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import DateInput, LimitedForm, LimitedModelForm, choices_from_rows
from accord.core.hooks import prefetched

from .models import Agreement, Commitment


class AgreementForm(LimitedModelForm):
    class Meta:
        model = Agreement
        fields = [
            "title",
            "details",
            "source",
            "source_reference",
            "decided_on",
            "accepted_by",
            "status",
        ]
        widgets = {"decided_on": DateInput(), "details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_by"].queryset = (
            project.client.contacts.all() if project else self.fields["accepted_by"].queryset.none()
        )
        self.fields["status"].choices = [
            (Agreement.Status.ACCEPTED, Agreement.Status.ACCEPTED.label),
            (Agreement.Status.PROPOSED, Agreement.Status.PROPOSED.label),
        ]


class AgreementReviseForm(LimitedModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "details", "source", "source_reference", "decided_on", "accepted_by"]
        widgets = {"decided_on": DateInput(), "details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_by"].queryset = project.client.contacts.all()


class AgreementReverseForm(LimitedForm):
    reversed_by_contact = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Reversed by")
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("What happened")
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reversed_by_contact"].queryset = project.client.contacts.all()


class CommitmentForm(LimitedModelForm):
    class Meta:
        model = Commitment
        fields = [
            "title",
            "side",
            "owner_member",
            "owner_contact",
            "due_date",
            "milestone",
            "estimate_hours",
            "status",
        ]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        from accord.workspaces.models import Member

        self.fields["owner_member"].queryset = Member.objects.filter(
            workspace=project.workspace
        ).select_related("user")
        self.fields["owner_member"].label_from_instance = lambda member: member.display_name
        self.fields["owner_contact"].queryset = project.client.contacts.all()
        self.fields["milestone"].queryset = project.milestones.all()
        # The project page loaded the client's people and the milestones with the project.
        contacts = prefetched([project.client], "contacts")
        if contacts is not None:
            choices_from_rows(self.fields["owner_contact"], contacts[project.client_id])
        milestones = prefetched([project], "milestones")
        if milestones is not None:
            choices_from_rows(self.fields["milestone"], milestones[project.pk])
        if not self.instance.pk:
            del self.fields["status"]
