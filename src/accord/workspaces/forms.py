from __future__ import annotations

import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import DateInput, LimitedForm, LimitedModelForm

from .models import Holiday, Workspace


class WorkspaceForm(LimitedModelForm):
    class Meta:
        model = Workspace
        fields = [
            "name",
            "default_language",
            "time_zone",
            "work_day_start",
            "work_day_end",
            "working_weekdays",
        ]
        widgets = {
            "work_day_start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "work_day_end": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        help_texts = {
            "working_weekdays": _("ISO weekday numbers, 1 = Monday: 12345 for Monday to Friday.")
        }

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"]
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(_("Unknown time zone."))
        return value


class HolidayForm(LimitedModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name"]
        widgets = {"date": DateInput()}


class MemberAddForm(LimitedForm):
    username = forms.SlugField(label=_("Username"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Initial password"), widget=forms.PasswordInput, min_length=8
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("member", _("Member")), ("manager", _("Manager")), ("owner", _("Owner"))],
    )
    language = forms.ChoiceField(
        label=_("Interface language"),
        choices=[("en", "English"), ("ru", "Русский"), ("pl", "Polski")],
    )
