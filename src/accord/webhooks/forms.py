from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import LimitedForm

from .models import Event


class EndpointForm(LimitedForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
