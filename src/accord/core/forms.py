from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from .errors import DomainError


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any | None:
    """Call a service; a DomainError becomes a form error next to its field. None on refusal."""
    try:
        return call()
    except DomainError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return None


class _LoadedChoiceIterator(ModelChoiceIterator):
    """The options of a model choice field from rows already loaded (``field.loaded_rows``)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.loaded_rows:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.loaded_rows) + (1 if self.field.empty_label is not None else 0)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.loaded_rows)


def choices_from_rows(field: forms.ModelChoiceField, rows) -> None:
    """Render ``field``'s options from ``rows`` already loaded by the page (a prefetched
    relation) instead of querying its queryset again; the queryset still checks a submitted
    value."""
    field.loaded_rows = list(rows)
    field.iterator = _LoadedChoiceIterator
    field.widget.choices = field.choices


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


class FieldLimitsMixin:
    """Every field of the form gets the limits of the column that will store its value.

    Fields of a ModelForm take them from their model field (digits and decimal places, the
    portable integer range, year 1900-2200, length); fields of a plain form get the same kinds
    of limits by type. A value outside them is an error next to the field, never a saved row.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = getattr(getattr(self, "_meta", None), "model", None)
        for name, form_field in self.fields.items():
            model_field = None
            if model is not None:
                try:
                    model_field = model._meta.get_field(name)
                except Exception:  # noqa: BLE001 - a form-only field
                    model_field = None
            _limit_form_field(form_field, model_field)


def _limit_form_field(form_field: forms.Field, model_field) -> None:
    from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
    from django.db import models as db_models

    from .limits import INTEGER_RANGES, TEXT_MAX_LENGTH, field_value_error, validate_year

    if model_field is not None and getattr(model_field, "concrete", False):

        def check(value, model_field=model_field):
            error = field_value_error(model_field, value)
            if error:
                raise forms.ValidationError(error, code="limit")

        form_field.validators.append(check)
        if isinstance(model_field, db_models.TextField) and isinstance(form_field, forms.CharField):
            form_field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))
        return
    if isinstance(form_field, (forms.DateField, forms.DateTimeField)):
        form_field.validators.append(validate_year)
    elif isinstance(form_field, forms.IntegerField) and not isinstance(
        form_field, forms.DecimalField
    ):
        low, high = INTEGER_RANGES["IntegerField"]
        if form_field.max_value is None:
            form_field.validators.append(MaxValueValidator(high))
        if form_field.min_value is None:
            form_field.validators.append(MinValueValidator(low))
    elif isinstance(form_field, forms.DecimalField) and form_field.max_digits is None:
        form_field.validators.append(MaxValueValidator(10**12))
        form_field.validators.append(MinValueValidator(-(10**12)))
    elif isinstance(form_field, forms.CharField) and form_field.max_length is None:
        form_field.validators.append(MaxLengthValidator(TEXT_MAX_LENGTH))


class LimitedForm(FieldLimitsMixin, forms.Form):
    """The base of every plain form in Accord."""


class LimitedModelForm(FieldLimitsMixin, forms.ModelForm):
    """The base of every model form in Accord."""
