import datetime
from decimal import Decimal

import factory

from accord.clients.tests.factories import ClientFactory
from accord.projects.models import Contract, Milestone, Project, ScopeItem


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    client = factory.SubFactory(ClientFactory)
    workspace = factory.SelfAttribute("client.workspace")
    name = factory.Sequence(lambda n: f"Project {n}")
    start_date = datetime.date(2026, 1, 5)
    end_date = datetime.date(2026, 12, 18)
    budget = Decimal("50000.00")
    currency = "EUR"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    project = factory.SubFactory(ProjectFactory)
    workspace = factory.SelfAttribute("project.workspace")
    number = factory.Sequence(lambda n: f"C-2026-{n:03d}")
    signed_date = datetime.date(2026, 1, 2)
    hourly_rate = Decimal("60.00")
    payment_terms_days = 14
    response_time_hours = 8


class ScopeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScopeItem

    contract = factory.SubFactory(ContractFactory)
    workspace = factory.SelfAttribute("contract.workspace")
    title = factory.Sequence(lambda n: f"Scope item {n}")


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    workspace = factory.SelfAttribute("project.workspace")
    name = factory.Sequence(lambda n: f"Milestone {n}")
    planned_date = datetime.date(2026, 6, 30)
