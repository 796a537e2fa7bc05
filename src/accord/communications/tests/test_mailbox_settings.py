"""The mailbox settings page: owners and managers only, a write-only password, a real login test."""

import pytest

from accord.communications.ingestion.mailbox import (
    mailbox_connection_test,
    mailbox_password,
    mailbox_save,
)
from accord.communications.models import Mailbox
from accord.core.errors import DomainError
from accord.workspaces.models import Member
from accord.workspaces.tests.factories import MemberFactory

from .test_imap import imap_server  # noqa: F401 - the real Dovecot fixture

pytestmark = pytest.mark.django_db


def values(**changes) -> dict:
    return {
        "name": "Support",
        "host": "127.0.0.1",
        "port": 143,
        "use_tls": False,
        "username": "team",
        "folder": "INBOX",
        "is_active": True,
    } | changes


def form_data(**changes) -> dict:
    data = values(**changes)
    data["use_tls"] = "on" if data["use_tls"] else ""
    data["is_active"] = "on" if data["is_active"] else ""
    return {key: value for key, value in data.items() if value != ""}


def test_saving_keeps_the_password_encrypted_and_an_empty_one_keeps_it(workspace):
    mailbox = mailbox_save(workspace=workspace, mailbox=None, values=values(), password="s3cret")
    mailbox_save(workspace=workspace, mailbox=mailbox, values=values(port=10143), password="")

    mailbox.refresh_from_db()
    assert mailbox.port == 10143
    assert "s3cret" not in mailbox.password_encrypted
    assert mailbox_password(mailbox) == "s3cret"


def test_another_workspaces_mailbox_is_refused(workspace):
    other = MemberFactory().workspace
    foreign = mailbox_save(workspace=other, mailbox=None, values=values(), password="x")

    with pytest.raises(DomainError):
        mailbox_save(workspace=workspace, mailbox=foreign, values=values(name="Hijack"))

    foreign.refresh_from_db()
    assert foreign.name == "Support"


def test_connection_test_logs_in_and_opens_the_folder(imap_server, workspace):  # noqa: F811
    mailbox = mailbox_save(
        workspace=workspace,
        mailbox=None,
        values=values(port=imap_server["port"]),
        password=imap_server["password"],
    )

    assert mailbox_connection_test(mailbox=mailbox) == 0

    mailbox_save(
        workspace=workspace,
        mailbox=mailbox,
        values=values(port=imap_server["port"]),
        password="wrong",
    )
    with pytest.raises(DomainError, match="refused the user or the password"):
        mailbox_connection_test(mailbox=mailbox)
    mailbox_save(
        workspace=workspace,
        mailbox=mailbox,
        values=values(port=imap_server["port"], folder="Nowhere"),
        password=imap_server["password"],
    )
    with pytest.raises(DomainError, match="folder Nowhere cannot be opened"):
        mailbox_connection_test(mailbox=mailbox)


def test_unreachable_server_is_named(workspace):
    from .test_imap import _free_port

    mailbox = mailbox_save(
        workspace=workspace, mailbox=None, values=values(port=_free_port()), password="x"
    )

    with pytest.raises(DomainError, match="Cannot reach 127.0.0.1:"):
        mailbox_connection_test(mailbox=mailbox)


@pytest.mark.parametrize("role", [Member.Role.OWNER, Member.Role.MANAGER])
def test_owners_and_managers_save_the_mailbox_and_the_password_is_never_shown(client, role):
    member = MemberFactory(role=role)
    client.force_login(member.user)

    response = client.post("/communications/mailbox/", form_data() | {"password": "s3cret"})
    mailbox = Mailbox.objects.get(workspace=member.workspace)
    page = client.get(f"/communications/mailbox/{mailbox.pk}/").content.decode()
    listing = client.get("/communications/mailbox/").content.decode()

    assert (response.status_code, response["Location"]) == (
        302,
        f"/communications/mailbox/{mailbox.pk}/",
    )
    assert "s3cret" not in listing and mailbox.password_encrypted not in listing
    assert mailbox_password(mailbox) == "s3cret"
    assert "s3cret" not in page and mailbox.password_encrypted not in page
    assert '<dd id="password-state">set</dd>' in page


def test_members_get_403_and_nothing_changes(client):
    member = MemberFactory(role=Member.Role.MEMBER)
    mailbox = mailbox_save(workspace=member.workspace, mailbox=None, values=values(), password="x")
    client.force_login(member.user)

    assert client.get("/communications/mailbox/").status_code == 403
    assert client.post("/communications/mailbox/", form_data(name="New")).status_code == 403
    assert client.get(f"/communications/mailbox/{mailbox.pk}/").status_code == 403
    assert (
        client.post(f"/communications/mailbox/{mailbox.pk}/", form_data(name="Edited")).status_code
        == 403
    )
    assert client.post(f"/communications/mailbox/{mailbox.pk}/test/").status_code == 403
    assert list(Mailbox.objects.values_list("name", flat=True)) == ["Support"]


def test_page_shows_only_the_own_workspaces_mailboxes(member_client, workspace):
    other = MemberFactory().workspace
    foreign = mailbox_save(
        workspace=other, mailbox=None, values=values(host="secret.example"), password="x"
    )

    page = member_client.get("/communications/mailbox/").content.decode()
    member_client.post("/communications/mailbox/", form_data(host="mine.example"))

    assert "secret.example" not in page
    assert member_client.get(f"/communications/mailbox/{foreign.pk}/").status_code == 404
    assert (
        member_client.post(
            f"/communications/mailbox/{foreign.pk}/", form_data(host="hijack.example")
        ).status_code
        == 404
    )
    assert member_client.post(f"/communications/mailbox/{foreign.pk}/test/").status_code == 404
    assert Mailbox.objects.get(workspace=other).host == "secret.example"
    assert Mailbox.objects.get(workspace=workspace).host == "mine.example"


def test_several_mailboxes_are_listed_added_and_edited_one_by_one(member_client, workspace):
    support = mailbox_save(workspace=workspace, mailbox=None, values=values(), password="x")
    Mailbox.objects.filter(pk=support.pk).update(
        last_fetched_at="2026-03-02T09:00:00Z", last_error=""
    )

    added = member_client.post(
        "/communications/mailbox/", form_data(name="Billing", username="billing")
    )
    billing = Mailbox.objects.get(name="Billing")
    edited = member_client.post(
        f"/communications/mailbox/{billing.pk}/",
        form_data(name="Billing", username="billing", folder="Invoices"),
    )
    page = member_client.get("/communications/mailbox/")

    assert added.status_code == 302 and edited.status_code == 302
    assert [box.name for box in page.context["mailboxes"]] == ["Billing", "Support"]
    assert list(Mailbox.objects.order_by("name").values_list("name", "folder", "username")) == [
        ("Billing", "Invoices", "billing"),
        ("Support", "INBOX", "team"),
    ]
    listing = page.content.decode()
    assert "fetched without errors" in listing and "never" in listing
    assert f'action="/communications/mailbox/{billing.pk}/test/"' in listing
    assert f'action="/communications/mailbox/{support.pk}/test/"' in listing


def test_test_connection_button_reports_the_failure_for_that_mailbox(member_client, workspace):
    from .test_imap import _free_port

    mailbox_save(workspace=workspace, mailbox=None, values=values(name="Other"), password="x")
    mailbox = mailbox_save(
        workspace=workspace, mailbox=None, values=values(port=_free_port()), password="x"
    )

    response = member_client.post(f"/communications/mailbox/{mailbox.pk}/test/", follow=True)
    from_list = member_client.post(f"/communications/mailbox/{mailbox.pk}/test/", {"next": "list"})

    assert response.redirect_chain[-1][0] == f"/communications/mailbox/{mailbox.pk}/"
    assert f"Cannot reach 127.0.0.1:{mailbox.port}" in response.content.decode()
    assert from_list["Location"] == "/communications/mailbox/"


def test_a_mailbox_beyond_the_workspaces_limit_is_refused(workspace, monkeypatch):
    from accord.communications import selectors

    monkeypatch.setattr(selectors, "MAILBOXES_PER_WORKSPACE", 1)
    mailbox_save(workspace=workspace, mailbox=None, values=values(), password="x")

    with pytest.raises(DomainError, match="at most 1 mailbox"):
        mailbox_save(workspace=workspace, mailbox=None, values=values(name="Second"))

    assert list(Mailbox.objects.values_list("name", flat=True)) == ["Support"]
