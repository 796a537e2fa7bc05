"""A GIN index over clients' e-mail domains on PostgreSQL, so finding the client of a sender's
domain is one indexed containment query (``email_domains @> '["x.example"]'``) instead of a scan of
every client. SQLite has no such index and looks into the JSON list in SQL."""

from django.db import migrations

INDEX = "client_email_domains_gin"


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON clients_client "
        "USING gin (email_domains jsonb_path_ops)"
    )


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0001_initial"),
    ]

    operations = [migrations.RunPython(index_create, index_drop)]
