from django.db import migrations, models
from django.db.models import F


def from_created(apps, schema_editor):
    # What is known of an existing record's last change is when it was made.
    apps.get_model("gallery", "Photograph").objects.update(updated_at=F("created_at"))


class Migration(migrations.Migration):

    dependencies = [
        ("gallery", "0010_search_extensions"),
    ]

    operations = [
        migrations.AddField(
            model_name="photograph",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, editable=False),
        ),
        migrations.RunPython(from_created, migrations.RunPython.noop),
    ]
