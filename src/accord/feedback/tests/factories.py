import datetime
import secrets

import factory
from django.utils import timezone

from accord.clients.tests.factories import ContactFactory
from accord.feedback.models import Survey
from accord.projects.tests.factories import ProjectFactory


class SurveyFactory(factory.django.DjangoModelFactory):
    """A manual survey sent to a contact of the project's client, open for three more days."""

    class Meta:
        model = Survey

    project = factory.SubFactory(ProjectFactory)
    workspace = factory.SelfAttribute("project.workspace")
    contact = factory.SubFactory(ContactFactory, client=factory.SelfAttribute("..project.client"))
    trigger = "manual"
    language = "en"
    token_hash = factory.LazyFunction(lambda: secrets.token_hex(32))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
