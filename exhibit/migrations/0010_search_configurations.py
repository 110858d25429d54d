from django.db import migrations

# gallery.search_backend's configurations: {ours: (PostgreSQL's it copies, its stemming dictionary)}.
BUILT_FROM = {
    "archive_english": ("english", "english_stem"),
    "archive_spanish": ("spanish", "spanish_stem"),
    "archive_simple": ("simple", "simple"),
}


def create_configurations(apps, schema_editor):
    """Unaccented text search configurations, one per language with a stemmer and one word for word
    (gallery.search_backend): PostgreSQL's own, with accents folded before stemming."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return  # SQLite's full-text search has no configurations
    with connection.cursor() as cursor:
        for name, (source, dictionary) in BUILT_FROM.items():
            cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [name])
            if cursor.fetchone():
                continue
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {source})")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
            )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in BUILT_FROM:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("exhibit", "0009_locales"), ("gallery", "0010_search_extensions")]

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
