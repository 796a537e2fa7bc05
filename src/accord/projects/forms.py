from __future__ import annotations

from django import forms

from accord.core.forms import DateInput, DateTimeInput, LimitedModelForm

from .models import Contract, Milestone, Project, ScopeItem


class ProjectForm(LimitedModelForm):
    class Meta:
        model = Project
        fields = [
            "client",
            "name",
            "description",
            "status",
            "start_date",
            "end_date",
            "budget",
            "currency",
            "max_client_attendees",
            "silence_threshold_days",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, workspace=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = self.fields["client"].queryset.filter(workspace=workspace)
        if self.instance.pk:
            self.fields["client"].disabled = True


class ContractForm(LimitedModelForm):
    class Meta:
        model = Contract
        fields = [
            "number",
            "signed_date",
            "document",
            "hourly_rate",
            "payment_terms_days",
            "payment_clause",
            "response_time_hours",
            "meeting_cadence",
            "documentation_list",
            "escalation_path",
            "notes",
        ]
        widgets = {"signed_date": DateInput()}


class ScopeItemForm(LimitedModelForm):
    class Meta:
        model = ScopeItem
        fields = ["title", "description", "kind"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MilestoneForm(LimitedModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "deliverable", "planned_date", "forecast_date", "done_date", "demoed_at"]
        widgets = {
            "planned_date": DateInput(),
            "forecast_date": DateInput(),
            "done_date": DateInput(),
            "demoed_at": DateTimeInput(),
            "deliverable": forms.Textarea(attrs={"rows": 2}),
        }
