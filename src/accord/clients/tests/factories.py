import factory

from accord.clients.models import Client, Contact, ContactEmail
from accord.workspaces.tests.factories import WorkspaceFactory


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Client {n}")
    email_domains = factory.Sequence(lambda n: [f"client{n}.example"])
    language = "en"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    workspace = factory.SelfAttribute("client.workspace")
    name = factory.Sequence(lambda n: f"Contact {n}")
    language = factory.SelfAttribute("client.language")
    role = Contact.Role.MANAGER

    @factory.post_generation
    def email(contact, create, extracted, **kwargs):
        if not create:
            return
        domain = (contact.client.email_domains or ["client.example"])[0]
        address = extracted or f"contact{contact.pk}@{domain}"
        ContactEmail.objects.create(workspace=contact.workspace, contact=contact, address=address)
