import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.clients.selectors import client_for_domain
from accord.clients.tests.factories import ClientFactory
from accord.workspaces.tests.factories import WorkspaceFactory

pytestmark = pytest.mark.django_db


def test_client_for_domain_finds_the_client_in_one_query_whatever_the_number_of_clients(
    workspace,
):
    for number in range(40):
        ClientFactory(workspace=workspace, email_domains=[f"a{number}.example", "shared.test"])
    wanted = ClientFactory(workspace=workspace, email_domains=["first.example", "Wanted.example"])
    wanted.email_domains = ["first.example", "wanted.example"]
    wanted.save(update_fields=["email_domains"])
    # The same domain in another workspace is not this workspace's client.
    ClientFactory(workspace=WorkspaceFactory(), email_domains=["wanted.example"])

    with CaptureQueriesContext(connection) as queries:
        found = client_for_domain(workspace=workspace, domain=" @WANTED.example ")
    assert found == wanted
    assert len(queries) == 1

    assert client_for_domain(workspace=workspace, domain="first.example") == wanted
    # Only whole entries match: no substring of a domain, no other workspace's domain.
    assert client_for_domain(workspace=workspace, domain="anted.example") is None
    assert client_for_domain(workspace=workspace, domain="wanted") is None
    assert client_for_domain(workspace=workspace, domain="") is None
    assert client_for_domain(workspace=WorkspaceFactory(), domain="wanted.example") is None


def test_client_for_domain_uses_the_index_on_postgresql(workspace):
    if connection.vendor != "postgresql":
        pytest.skip("the GIN index exists on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'client_email_domains_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "gin" in definition and "email_domains" in definition
    ClientFactory(workspace=workspace, email_domains=["x.example"])
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM clients_client WHERE email_domains @> %s::jsonb",
            ['["x.example"]'],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "client_email_domains_gin" in plan
