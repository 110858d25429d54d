"""The two groups the archive is run by: Curators, and Venue staff (read-only for now)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("gallery", "add_artist"), ("gallery", "change_artist"), ("gallery", "delete_artist"), ("gallery", "view_artist"),
    ("gallery", "add_community"), ("gallery", "change_community"), ("gallery", "delete_community"),
    ("gallery", "view_community"),
]
# Wagtail checks image permissions against wagtailimages.Image's, even with a custom image model.
CURATOR_COLLECTION_PERMISSIONS = ["add_image", "change_image", "delete_image", "choose_image"]
CURATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
VENUE_STAFF_PERMISSIONS = [("wagtailadmin", "access_admin")]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth.Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Page = apps.get_model("wagtailcore.Page")

    curators, _ = Group.objects.get_or_create(name="Curators")
    curators.permissions.add(*(permission(apps, app, codename) for app, codename in CURATOR_MODEL_PERMISSIONS))
    root_collection = Collection.objects.get(depth=1)
    for codename in CURATOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=curators, collection=root_collection, permission=permission(apps, "wagtailimages", codename)
        )
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home:
        for codename in CURATOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=curators, page=home, permission=permission(apps, "wagtailcore", codename)
            )

    venue_staff, _ = Group.objects.get_or_create(name="Venue staff")
    venue_staff.permissions.add(*(permission(apps, app, codename) for app, codename in VENUE_STAFF_PERMISSIONS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=["Curators", "Venue staff"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("exhibit", "0002_home_page"),
        ("gallery", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
