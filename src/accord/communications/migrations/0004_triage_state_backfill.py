from django.db import migrations


def backfill(apps, schema_editor):
    """Messages stored before triage had a state: done when a result exists, else pending."""
    Interaction = apps.get_model("communications", "Interaction")
    TriageResult = apps.get_model("triage", "TriageResult")
    inbound = Interaction.objects.filter(direction="in", triage_state="")
    triaged = TriageResult.objects.values("interaction_id")
    inbound.filter(pk__in=triaged).update(triage_state="done")
    inbound.exclude(pk__in=triaged).update(triage_state="pending")


class Migration(migrations.Migration):
    dependencies = [
        ("communications", "0003_outbox_and_triage_state"),
        ("triage", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
