import pytest
from django.apps import apps
from django.contrib import admin

from accord.projects.tests.factories import ProjectFactory
from accord.situations.models import Case


def test_every_accord_model_is_registered_in_the_admin():
    models = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("accord.") and not model._meta.auto_created
    ]

    missing = [model._meta.label for model in models if not admin.site.is_registered(model)]

    assert models and missing == []


@pytest.mark.django_db
def test_the_admin_cannot_open_decide_or_record_what_raises_an_event(client, member):
    """Cases, change requests and messages are made by the services that number them and raise
    their webhooks; the admin may look at them and edit what no event depends on."""
    member.user.is_staff = member.user.is_superuser = True
    member.user.save()
    project = ProjectFactory(client__workspace=member.workspace)
    case = Case.objects.create(
        workspace=member.workspace, project=project, situation="conflict", severity="high"
    )
    client.force_login(member.user)

    for path in (
        "/admin/situations/case/add/",
        "/admin/changes/changerequest/add/",
        "/admin/communications/interaction/add/",
    ):
        assert client.get(path).status_code == 403, path
    form = client.get(f"/admin/situations/case/{case.pk}/change/").content.decode()
    assert 'name="severity"' in form
    assert 'name="status"' not in form and 'name="resolved_at"' not in form
