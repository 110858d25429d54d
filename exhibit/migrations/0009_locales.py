"""A Wagtail Locale for every language the site serves (settings.LANGUAGES), so pages can be translated."""

from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    # A database made when the default was "en-us" keeps its pages, now as the default language's.
    if not Locale.objects.filter(language_code=settings.LANGUAGE_CODE).exists():
        Locale.objects.filter(language_code__iexact="en-us").update(language_code=settings.LANGUAGE_CODE)
    for code, _ in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("exhibit", "0008_checklist_entries"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
