import uuid

import django.core.validators
from django.db import migrations, models

import gallery.models


def give_identifiers(apps, schema_editor):
    Photograph = apps.get_model("gallery", "Photograph")
    for photo in Photograph.objects.filter(iiif_identifier__isnull=True).only("pk"):
        Photograph.objects.filter(pk=photo.pk).update(iiif_identifier=str(uuid.uuid4()))


class Migration(migrations.Migration):
    dependencies = [("gallery", "0002_pending_originals")]

    operations = [
        migrations.AddField(
            model_name="photograph",
            name="iiif_identifier",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="IIIF identifier"),
        ),
        migrations.RunPython(give_identifiers, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="photograph",
            name="iiif_identifier",
            field=models.CharField(
                default=gallery.models.new_iiif_identifier,
                editable=False,
                max_length=64,
                unique=True,
                validators=[django.core.validators.RegexValidator("^[A-Za-z0-9_-]+$", "Letters, digits, - and _ only.")],
                verbose_name="IIIF identifier",
            ),
        ),
    ]
