"""
Venue staff choose no documents. Wagtail's own migration gives "choose document" to every group that
may open the admin, which let venue staff list every collection's name in the document chooser.
"""

from django.db import migrations


def remove_document_choosing(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    choose = Permission.objects.filter(content_type__app_label="wagtaildocs", codename="choose_document")
    for group in Group.objects.filter(name="Venue staff"):
        group.permissions.remove(*choose)
        GroupCollectionPermission.objects.filter(group=group, permission__in=choose).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exhibit", "0005_curators_manage_venues"),
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(remove_document_choosing, migrations.RunPython.noop)]
