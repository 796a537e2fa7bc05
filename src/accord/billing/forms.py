from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.clients.models import Contact
from accord.core.errors import DomainError
from accord.core.forms import DateInput, LimitedForm
from accord.projects.models import Project

from .imports import parse_amount, parse_date
from .models import DunningStep, Payment


class InvoiceForm(LimitedForm):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.none())
    number = forms.CharField(label=_("invoice number"), max_length=60)
    amount = forms.DecimalField(label=_("amount"), max_digits=16, decimal_places=3)
    currency = forms.CharField(
        label=_("currency"),
        max_length=3,
        required=False,
        help_text=_("Empty: the project's currency."),
    )
    issue_date = forms.DateField(label=_("issue date"), widget=DateInput())
    due_date = forms.DateField(
        label=pgettext_lazy("payment", "due date"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: from the contract's payment terms."),
    )
    billing_contact = forms.ModelChoiceField(
        label=_("billing contact"),
        queryset=Contact.objects.none(),
        required=False,
        help_text=_("Empty: the client's accountant, else the decision-maker."),
    )
    description = forms.CharField(label=_("for"), max_length=300, required=False)
    document = forms.FileField(label=_("document"), required=False)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(
            workspace=workspace
        ).select_related("client")
        self.fields["billing_contact"].queryset = Contact.objects.filter(
            workspace=workspace, is_active=True
        ).select_related("client")


class PaymentForm(LimitedForm):
    amount = forms.DecimalField(label=_("amount"), max_digits=16, decimal_places=3)
    paid_on = forms.DateField(label=_("paid on"), widget=DateInput())
    reference = forms.CharField(label=_("reference"), max_length=120, required=False)
    method = forms.ChoiceField(label=_("method"), choices=Payment.Method.choices)
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class ImportForm(LimitedForm):
    kind = forms.ChoiceField(
        label=_("what the file holds"),
        choices=[("invoices", _("Invoices")), ("payments", _("Payments"))],
    )
    file = forms.FileField(label=_("CSV or XLSX file"))
    mode = forms.ChoiceField(
        label=_("when some rows are wrong"),
        choices=[
            ("rows", _("import the good rows, report the bad ones")),
            ("file", _("import nothing unless every row is good")),
        ],
        initial="rows",
    )
    dry_run = forms.BooleanField(
        label=_("dry run: check only, write nothing"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5_000_000:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class PaymentPlanForm(LimitedForm):
    agreed_on = forms.DateField(label=_("agreed on"), widget=DateInput())
    accepted_by = forms.ModelChoiceField(
        label=_("agreed by (client)"), queryset=Contact.objects.none(), required=False
    )
    instalments = forms.CharField(
        label=_("instalments"),
        widget=forms.Textarea(
            attrs={"rows": 4, "placeholder": "2026-03-15 500.00\n2026-04-15 500.00"}
        ),
        help_text=_("One per line: date and amount."),
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_by"].queryset = client.contacts.filter(is_active=True)

    def clean_instalments(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.split(None, 1)
            try:
                if len(parts) != 2:
                    raise DomainError(_("write a date and an amount"))
                day = parse_date(parts[0], field="instalments")
                amount = parse_amount(parts[1])
            except DomainError as error:
                raise forms.ValidationError(
                    _("Line %(line)s: %(error)s") % {"line": number, "error": error.message}
                ) from error
            rows.append((day, amount))
        if not rows:
            raise forms.ValidationError(_("Add at least one instalment."))
        return rows


class LadderStepForm(LimitedForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    days_late = forms.IntegerField(label=_("days after the due date"), min_value=1, max_value=365)
    action = forms.ChoiceField(label=_("action"), choices=DunningStep.Action.choices)
    is_active = forms.BooleanField(label=_("active"), required=False)
    delete = forms.BooleanField(label=_("remove"), required=False)


LadderFormSet = forms.formset_factory(LadderStepForm, extra=1)
