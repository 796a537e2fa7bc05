from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms

from .errors import DomainError


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any | None:
    """Call a service; a DomainError becomes a form error next to its field. None on refusal."""
    try:
        return call()
    except DomainError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def run_action(request, call: Callable[[], Any], success: str) -> bool:
    """A button's service call: the success message, or the refusal shown to the user."""
    from django.contrib import messages

    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
        return False
    messages.success(request, success)
    return True
