"""Number the existing change requests per workspace in the order they were made."""

from django.db import migrations


def backfill(apps, schema_editor):
    change_request_model = apps.get_model("changes", "ChangeRequest")
    sequence_model = apps.get_model("changes", "ChangeRequestSequence")
    last_by_workspace: dict[int, int] = {}
    changes = change_request_model.objects.order_by("workspace_id", "created_at", "id").only(
        "id", "workspace_id"
    )
    pending = []
    for change in changes.iterator(chunk_size=2000):
        number = last_by_workspace.get(change.workspace_id, 0) + 1
        last_by_workspace[change.workspace_id] = number
        change.workspace_number = number
        pending.append(change)
        if len(pending) >= 2000:
            change_request_model.objects.bulk_update(pending, ["workspace_number"])
            pending = []
    change_request_model.objects.bulk_update(pending, ["workspace_number"])
    sequence_model.objects.bulk_create(
        sequence_model(workspace_id=workspace_id, last_number=last)
        for workspace_id, last in last_by_workspace.items()
    )


def forget(apps, schema_editor):
    apps.get_model("changes", "ChangeRequestSequence").objects.all().delete()
    apps.get_model("changes", "ChangeRequest").objects.update(workspace_number=None)


class Migration(migrations.Migration):
    dependencies = [("changes", "0003_changerequest_workspace_number")]

    operations = [migrations.RunPython(backfill, forget)]
