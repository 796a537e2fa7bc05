import datetime

import factory

from accord.agreements.models import Agreement, Commitment
from accord.projects.tests.factories import ProjectFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    project = factory.SubFactory(ProjectFactory)
    workspace = factory.SelfAttribute("project.workspace")
    title = factory.Sequence(lambda n: f"Decision {n}")
    source = Agreement.Source.EMAIL
    decided_on = datetime.date(2026, 2, 1)
    status = Agreement.Status.ACCEPTED


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    project = factory.SubFactory(ProjectFactory)
    workspace = factory.SelfAttribute("project.workspace")
    title = factory.Sequence(lambda n: f"Action item {n}")
    side = Commitment.Side.OURS
    due_date = datetime.date(2026, 3, 1)
