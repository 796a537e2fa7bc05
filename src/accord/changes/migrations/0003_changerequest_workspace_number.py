import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("changes", "0002_changerequest_sent_email"),
        ("workspaces", "0004_member_tokens_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="changerequest",
            name="workspace_number",
            field=models.PositiveIntegerField(null=True, verbose_name="reference number"),
        ),
        migrations.CreateModel(
            name="ChangeRequestSequence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("last_number", models.PositiveIntegerField(default=0)),
                (
                    "workspace",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="workspaces.workspace",
                    ),
                ),
            ],
        ),
    ]
