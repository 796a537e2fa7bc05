from __future__ import annotations

from django.db import connection

from accord.communications.models import Interaction

from .models import TriageResult


def label_counts_for_project(*, project) -> list[tuple[str, int]]:
    """How often each triage label was found in the project's messages, most frequent first,
    counted in the database: the rows sent back are one per label, not one per message."""
    results = TriageResult._meta.db_table
    interactions = Interaction._meta.db_table
    if connection.vendor == "postgresql":
        labels = "jsonb_array_elements_text(r.labels::jsonb) AS label(value)"
    else:
        labels = "json_each(r.labels) AS label"
    sql = (
        f"SELECT label.value, COUNT(*) FROM {results} r "
        f"JOIN {interactions} i ON i.id = r.interaction_id, {labels} "
        "WHERE i.project_id = %s GROUP BY label.value ORDER BY COUNT(*) DESC, label.value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [project.pk])
        return [(str(label), int(count)) for label, count in cursor.fetchall()]
