from django.db import migrations, models

# What Wagtail's PostgreSQL search backend matches (title || body, modelsearch's default vectors):
# its own GIN indexes are on each column, so without this every search scans the whole index table.
SEARCH_INDEX = "search_title_body_gin"


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {SEARCH_INDEX} ON wagtailsearch_indexentry USING gin (("title" || "body"))'
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX}")


class Migration(migrations.Migration):
    """Indexes for an archive of 100,000 photographs: the gallery's default order, a community's
    photographs, and (PostgreSQL) the search's own expression."""

    dependencies = [
        ("gallery", "0012_photograph_translations"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="photograph",
            index=models.Index(fields=["date_earliest", "title", "id"], name="photograph_date_order"),
        ),
        migrations.AddIndex(
            model_name="taggedcommunity",
            index=models.Index(fields=["tag", "content_object"], name="community_photographs"),
        ),
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
