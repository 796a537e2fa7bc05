from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import DateTimeInput, LimitedForm


class ChangeRequestForm(LimitedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What the client asks for"), widget=forms.Textarea(attrs={"rows": 4})
    )
    client_reason = forms.CharField(
        label=_("Reason the client gives"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requested_by = forms.ModelChoiceField(label=_("Requested by"), queryset=None, required=False)

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_by"].queryset = project.client.contacts.all()


class AssessForm(LimitedForm):
    effort_hours = forms.DecimalField(
        label=_("Effort (hours)"), min_value=0, max_digits=8, decimal_places=1
    )
    risks = forms.CharField(
        label=_("Risks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        for milestone in project.milestones.filter(done_date__isnull=True):
            self.fields[f"shift_{milestone.pk}"] = forms.IntegerField(
                label=_("Shift of “%(name)s” (days)") % {"name": milestone.name},
                required=False,
                initial=0,
                min_value=-365,
                max_value=365,
            )

    def shifts(self) -> dict[int, int]:
        return {
            int(name.removeprefix("shift_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("shift_") and value
        }


class HandDecisionForm(LimitedForm):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approved")), ("reject", _("Rejected"))]
    )
    evidence = forms.CharField(label=_("Evidence (where the client decided)"), max_length=500)
    comment = forms.CharField(
        label=_("Client's comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_past_dates = forms.BooleanField(
        label=_("Approve even if a milestone moves to a date already past"), required=False
    )


class PublicDecisionForm(LimitedForm):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm_past_dates = forms.BooleanField(
        label=_("Approve even if a milestone moves to a date already past"), required=False
    )


class ScopeCheckForm(LimitedForm):
    text = forms.CharField(
        label=_("What the client asks for"), widget=forms.Textarea(attrs={"rows": 3})
    )


class IntermediateResultForm(LimitedForm):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("demo", _("Demo")), ("delivery", _("Delivery"))]
    )
    description = forms.CharField(
        label=_("What was shown or delivered"), widget=forms.Textarea(attrs={"rows": 2})
    )
    shown_at = forms.DateTimeField(label=_("When"), required=False, widget=DateTimeInput())
