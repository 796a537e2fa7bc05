import datetime

import pytest

from accord.agreements.models import Agreement, Commitment
from accord.agreements.services import (
    agreement_record,
    agreement_reverse,
    agreement_revise,
    agreement_set_status,
    commitment_create,
)
from accord.clients.tests.factories import ContactFactory
from accord.core.errors import DomainError
from accord.core.models import Event
from accord.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(member):
    return ProjectFactory(client__workspace=member.workspace)


def test_revising_creates_a_superseding_version_and_keeps_the_old_one(project, member):
    contact = ContactFactory(client=project.client)
    original = agreement_record(
        project=project,
        title="Weekly call on Tuesdays",
        source="meeting",
        decided_on=datetime.date(2026, 2, 3),
        accepted_by=contact,
        actor=member.user,
    )

    revised = agreement_revise(
        agreement=original, actor=member.user, title="Weekly call on Thursdays"
    )

    original.refresh_from_db()
    assert original.title == "Weekly call on Tuesdays"
    assert original.status == Agreement.Status.SUPERSEDED
    assert (revised.version, revised.supersedes_id, revised.lineage) == (
        2,
        original.pk,
        original.lineage,
    )
    assert revised.status == Agreement.Status.ACCEPTED
    assert revised.accepted_by == contact
    history = list(Agreement.objects.filter(lineage=original.lineage).order_by("version"))
    assert [a.title for a in history] == ["Weekly call on Tuesdays", "Weekly call on Thursdays"]
    assert Event.objects.filter(verb="agreement.revised", target_id=revised.pk).get().before[
        "title"
    ] == ("Weekly call on Tuesdays")


def test_a_superseded_version_cannot_be_revised_again(project, member):
    original = agreement_record(
        project=project,
        title="A",
        source="email",
        decided_on=datetime.date(2026, 2, 3),
        actor=member.user,
    )
    agreement_revise(agreement=original, actor=member.user, title="B")

    with pytest.raises(DomainError):
        agreement_revise(agreement=original, actor=member.user, title="C")

    assert Agreement.objects.filter(lineage=original.lineage).count() == 2


def test_revision_without_change_is_refused(project, member):
    original = agreement_record(
        project=project,
        title="A",
        source="email",
        decided_on=datetime.date(2026, 2, 3),
        actor=member.user,
    )

    with pytest.raises(DomainError):
        agreement_revise(agreement=original, actor=member.user, title="A")


def test_reversal_records_who_and_when(project, member):
    contact = ContactFactory(client=project.client)
    agreement = agreement_record(
        project=project,
        title="No marketplace integration",
        source="contract",
        decided_on=datetime.date(2026, 1, 10),
        actor=member.user,
    )

    reversed_agreement = agreement_reverse(
        agreement=agreement, actor=member.user, reversed_by_contact=contact, note="Wants Ozon now"
    )

    assert reversed_agreement.status == Agreement.Status.REVERSED
    assert reversed_agreement.reversed_by_contact == contact
    assert reversed_agreement.reversed_by_user == member.user
    assert reversed_agreement.reversed_at is not None
    with pytest.raises(DomainError):
        agreement_reverse(agreement=reversed_agreement, actor=member.user)


def test_status_transitions_are_checked(project, member):
    agreement = agreement_record(
        project=project,
        title="Proposed thing",
        source="meeting",
        decided_on=datetime.date(2026, 2, 3),
        actor=member.user,
        status="proposed",
    )

    disputed = agreement_set_status(agreement=agreement, status="disputed", actor=member.user)
    accepted = agreement_set_status(agreement=disputed, status="accepted", actor=member.user)

    assert accepted.status == "accepted"
    with pytest.raises(DomainError):
        agreement_set_status(agreement=accepted, status="superseded", actor=member.user)


def test_contact_from_another_client_cannot_accept(project, member):
    stranger = ContactFactory(client__workspace=member.workspace)

    with pytest.raises(DomainError) as error:
        agreement_record(
            project=project,
            title="X",
            source="email",
            decided_on=datetime.date(2026, 2, 3),
            accepted_by=stranger,
            actor=member.user,
        )

    assert error.value.field == "accepted_by"
    assert not Agreement.objects.exists()


def test_commitment_due_before_project_start_is_refused(project, member):
    with pytest.raises(DomainError) as error:
        commitment_create(
            project=project,
            title="Send data",
            side="client",
            due_date=project.start_date - datetime.timedelta(days=1),
            actor=member.user,
        )

    assert error.value.field == "due_date"
    assert not Commitment.objects.exists()


def test_revise_page_shows_history(member_client, project, member):
    agreement = agreement_record(
        project=project,
        title="First wording",
        source="email",
        decided_on=datetime.date(2026, 2, 3),
        actor=member.user,
    )

    response = member_client.post(
        f"/agreements/{agreement.pk}/revise/",
        {
            "title": "Second wording",
            "details": "",
            "source": "email",
            "source_reference": "",
            "decided_on": "2026-02-04",
            "accepted_by": "",
        },
    )

    new_version = Agreement.objects.get(version=2)
    assert response.status_code == 302
    page = member_client.get(f"/agreements/{new_version.pk}/").content.decode()
    assert "First wording" in page and "Second wording" in page
    agreement.refresh_from_db()
    assert (agreement.title, agreement.status) == ("First wording", "superseded")
