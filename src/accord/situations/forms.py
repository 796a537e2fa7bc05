from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import LimitedForm, LimitedModelForm

from .catalogue import Situation
from .models import Case


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
