"""Indexes for large logs: unanswered client messages per project, and full-text search on
PostgreSQL (a GIN index over the same expression the search filters on; SQLite searches with
LIKE and gets no index)."""

from django.db import migrations, models

SEARCH_INDEX = "interaction_search"
# Exactly what django.contrib.postgres.search.SearchVector("subject", "body_text", "quoted_text",
# config="simple") renders, so the planner matches the index (see selectors._search).
SEARCH_EXPRESSION = (
    "to_tsvector('simple'::regconfig, COALESCE(subject, '') || ' ' || COALESCE(body_text, '')"
    " || ' ' || COALESCE(quoted_text, ''))"
)


def search_index_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON communications_interaction "
        f"USING gin ({SEARCH_EXPRESSION})"
    )


def search_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("communications", "0004_triage_state_backfill"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                fields=["project", "direction", "occurred_at"], name="interaction_project_dir_time"
            ),
        ),
        migrations.RunPython(search_index_create, search_index_drop),
    ]
