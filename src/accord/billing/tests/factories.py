import datetime
from decimal import Decimal

import factory

from accord.billing.models import Invoice
from accord.projects.models import Contract
from accord.projects.tests.factories import ContractFactory, ProjectFactory


class InvoiceFactory(factory.django.DjangoModelFactory):
    """An issued invoice; its project gets a contract (14-day terms) when it has none."""

    class Meta:
        model = Invoice
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    workspace = factory.SelfAttribute("project.workspace")
    client = factory.SelfAttribute("project.client")
    number = factory.Sequence(lambda n: f"INV-{n:04d}")
    amount = Decimal("1000.00")
    currency = "EUR"
    issue_date = datetime.date(2026, 3, 2)
    due_date = factory.LazyAttribute(lambda o: o.issue_date + datetime.timedelta(days=14))

    @factory.post_generation
    def contract(invoice, create, extracted, **kwargs):
        if create and not Contract.objects.filter(project=invoice.project).exists():
            ContractFactory(project=invoice.project, **kwargs)
