from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("changes", "0004_changerequest_workspace_number_backfill")]

    operations = [
        migrations.AlterField(
            model_name="changerequest",
            name="workspace_number",
            field=models.PositiveIntegerField(verbose_name="reference number"),
        ),
        migrations.AddConstraint(
            model_name="changerequest",
            constraint=models.UniqueConstraint(
                fields=("workspace", "workspace_number"), name="change_request_workspace_number"
            ),
        ),
    ]
