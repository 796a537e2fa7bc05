from django import forms
from django.utils.translation import gettext_lazy as _

from accord.core.forms import LimitedForm


class TokenForm(LimitedForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What uses the token, e.g. “CRM sync”."),
    )
