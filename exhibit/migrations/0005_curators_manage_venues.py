"""Curators manage venues (a snippet). Venue staff get nothing more: their schedule view checks the venue link."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VENUE_PERMISSIONS = ["add_venue", "change_venue", "delete_venue", "view_venue"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth.Permission")
    curators, _ = apps.get_model("auth.Group").objects.get_or_create(name="Curators")
    curators.permissions.add(
        *Permission.objects.filter(content_type__app_label="exhibit", codename__in=VENUE_PERMISSIONS)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    curators = apps.get_model("auth.Group").objects.filter(name="Curators").first()
    if curators:
        curators.permissions.remove(
            *Permission.objects.filter(content_type__app_label="exhibit", codename__in=VENUE_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("exhibit", "0004_exhibitions_venues_events")]
    operations = [migrations.RunPython(grant, revoke)]
