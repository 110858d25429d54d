"""
Everything a bag carries, as JSON, by natural identity: run as `python -m tests.preservation.archive_snapshot`
against a database (DATABASE_URL, MEDIA_ROOT) to compare two installations field by field.

Every concrete field of every model below is included, except those listed in IGNORED: primary keys,
timestamps of when a row was written, tree positions and revision pointers, which legitimately differ
between the installation that exported and the one that imported. Foreign keys become natural keys
(a photograph is its SHA-256, an artist or venue its slug), and each original's bytes are hashed.
"""

import hashlib
import json
import os

PAGE_IGNORED = {
    "id", "page_ptr", "path", "numchild", "translation_key", "latest_revision", "live_revision", "owner",
    "first_published_at", "last_published_at", "latest_revision_created_at", "locked", "locked_at", "locked_by",
}
IGNORED = {
    "Photograph": {"id", "created_at", "updated_at", "uploaded_by_user", "fixity_checked_at", "fixity_ok"},
    "ExhibitionPage": PAGE_IGNORED,
    "Artist": {"id"}, "Community": {"id"}, "Venue": {"id"},
    "ExhibitionPhotograph": {"id"}, "Showing": {"id"}, "Event": {"id"},
}


def natural(instance):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    from exhibit.models import Showing
    from gallery.models import Artist, Community, Photograph

    if instance is None:
        return None
    if isinstance(instance, Photograph):
        return f"photo:{instance.sha256}"
    if isinstance(instance, (Artist, Community)) or hasattr(instance, "slug") and not isinstance(instance, Page):
        return f"{type(instance).__name__.lower()}:{instance.slug}"
    if isinstance(instance, Page):
        return f"page:{instance.url_path}"
    if isinstance(instance, Showing):
        return f"showing:{instance.exhibition.slug}/{instance.venue.slug}/{instance.opens}"
    if isinstance(instance, Collection):
        return f"collection:{instance.name}"
    if isinstance(instance, ContentType):
        return f"{instance.app_label}.{instance.model}"
    if isinstance(instance, Locale):
        return instance.language_code
    raise TypeError(f"no natural key for {instance!r}")


def photographs_by_sha(value, sha):
    """Stream JSON with every chosen photograph (a "photograph" key holding an id) named by its SHA-256."""
    if isinstance(value, list):
        return [photographs_by_sha(item, sha) for item in value]
    if isinstance(value, dict):
        return {key: f"photo:{sha[item]}" if key == "photograph" and isinstance(item, int) else photographs_by_sha(item, sha)
                for key, item in value.items()}
    return value


def row(instance):
    from django.core.serializers.json import DjangoJSONEncoder
    from wagtail.fields import StreamField

    from gallery.models import Photograph

    ignored = IGNORED[type(instance).__name__]
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in ignored:
            continue
        if isinstance(field, StreamField):
            sha = dict(Photograph.objects.values_list("pk", "sha256"))
            raw = json.loads(json.dumps(field.value_from_object(instance).get_prep_value(), cls=DjangoJSONEncoder))
            value = photographs_by_sha(raw, sha)
        elif field.is_relation:
            value = natural(getattr(instance, field.name))
        else:
            value = field.value_from_object(instance)
            value = getattr(value, "name", value)  # a stored file: its name in storage
        values[field.name] = value
    for field in instance._meta.many_to_many:
        if field.name == "staff":  # venue staff logins belong to one installation; bags do not carry users
            continue
        manager = getattr(instance, field.name)
        if hasattr(manager, "names"):  # taggit
            values[field.name] = sorted(manager.names())
        else:
            values[field.name] = sorted(natural(item) for item in manager.all())
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def snapshot():
    """The archive as a bag carries it. An exhibition's bag is its default language's page; the demo's
    Spanish translation (a copy with its own stops and events) is not in a bag, so not compared."""
    from django.conf import settings
    from django.db.models import F

    from exhibit.models import Event, ExhibitionPage, ExhibitionPhotograph, Showing, Venue
    from gallery.models import Artist, Community, Photograph

    language = {"locale__language_code": settings.LANGUAGE_CODE}
    photos = {}
    for photo in Photograph.objects.order_by("sha256"):
        values = row(photo)
        with photo.file.open("rb") as handle:
            values["file bytes sha256"] = hashlib.sha256(handle.read()).hexdigest()
        values["collection is private"] = bool(photo.public_blockers and "private collection" in photo.public_blockers)
        values["translations"] = {
            row.language: {name: getattr(row, name) for name in ("title", "alt_text", "caption", "credit_line", "place")}
            for row in photo.translations.order_by("language")
        }
        photos[photo.sha256] = values
    return {
        "photographs": photos,
        "artists": {a.slug: row(a) for a in Artist.objects.all()},
        "communities": {c.slug: row(c) for c in Community.objects.all()},
        "venues": {v.slug: row(v) for v in Venue.objects.all()},
        "exhibitions": {p.slug: row(p) for p in ExhibitionPage.objects.filter(**language)},
        "exhibition photographs": sorted(
            (row(i) for i in ExhibitionPhotograph.objects.filter(page__locale__language_code=settings.LANGUAGE_CODE)
             .order_by("page__slug", "sort_order")),
            key=lambda r: (r["page"], r["sort_order"])),
        "showings": [row(s) for s in Showing.objects.filter(exhibition__locale__language_code=settings.LANGUAGE_CODE)
                     .order_by("exhibition__slug", "sort_order", "venue__slug")],
        "events": [row(e) for e in Event.objects.filter(showing__exhibition__locale__language_code=settings.LANGUAGE_CODE).order_by(F("showing__exhibition__slug"), "showing__venue__slug",
                                                           "sort_order", "date", "kind")],
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    print(json.dumps(snapshot(), indent=1, sort_keys=True))
