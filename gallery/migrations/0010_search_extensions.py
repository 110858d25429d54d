from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm and unaccent for forgiving search (gallery.text_match); both are no-ops on SQLite."""

    dependencies = [("gallery", "0009_stored_image_answers")]

    operations = [TrigramExtension(), UnaccentExtension()]
