from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.core.forms import LimitedForm

RATINGS = [(str(value), str(value)) for value in range(1, 6)]


class SurveyAnswerForm(LimitedForm):
    score = forms.ChoiceField(
        label=_("How satisfied are you overall?"), choices=RATINGS, widget=forms.RadioSelect
    )
    quality = forms.ChoiceField(
        label=_("Quality"), choices=RATINGS, widget=forms.RadioSelect, required=False
    )
    communication = forms.ChoiceField(
        label=_("Communication"), choices=RATINGS, widget=forms.RadioSelect, required=False
    )
    timeliness = forms.ChoiceField(
        label=_("Timeliness"), choices=RATINGS, widget=forms.RadioSelect, required=False
    )
    price = forms.ChoiceField(
        label=_("Price"), choices=RATINGS, widget=forms.RadioSelect, required=False
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us? (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PeriodForm(LimitedForm):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
