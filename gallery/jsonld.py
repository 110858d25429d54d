"""
schema.org JSON-LD of the archive's public records: a photograph as Photograph and VisualArtwork,
and the organisation that keeps the archive (the `organizer` of exhibitions, the IIIF `provider`).

Built from public fields only: never GPS, EXIF or consent. The exhibitions a photograph is part
of come from providers another app registers as a Wagtail hook (gallery never imports exhibit):

    hooks.register("photograph_part_of", provider)   # provider(photo) -> [{"name": ..., "url": ...}, ...]

and a page puts the result in its head with `script_tag`.
"""

import json

from django.conf import settings
from django.utils.safestring import mark_safe
from wagtail import hooks

from .base_url import absolute
from .machine_dates import schema_date
from .words import language_maps

CONTEXT = "https://schema.org"


def organization():
    """The organisation behind the archive, as schema.org names it."""
    return {"@type": "Organization", "name": settings.ORGANIZATION_NAME, "url": settings.ORGANIZATION_URL}


def person(name, url=""):
    data = {"@type": "Person", "name": name}
    if url:
        data["url"] = url
    return data


def words(photo, field):
    """One of the photograph's own words: a plain string while it is only in the source language;
    once translated, every language's as a language-tagged value ({"@value", "@language"})."""
    maps = language_maps(photo, field)
    if len(maps) < 2:
        return getattr(photo, field)
    return [{"@value": value, "@language": code} for code, value in maps.items()]


def photograph(photo, image_url=""):
    """A public photograph's own record; `image_url` is a public rendition's absolute URL."""
    data = {
        "@context": CONTEXT,
        "@type": ["Photograph", "VisualArtwork"],
        "@id": absolute(photo.get_absolute_url()),
        "url": absolute(photo.get_absolute_url()),
        "name": words(photo, "title"),
        "artform": "Photograph",
    }
    if photo.caption:
        data["description"] = words(photo, "caption")
    if photo.alt_text:
        data["abstract"] = words(photo, "alt_text")
    if image_url:
        data["image"] = image_url
    if photo.artist_id:
        data["creator"] = person(photo.artist.name, absolute(photo.artist.get_absolute_url()))
    elif photo.creator_credit:
        data["creator"] = person(photo.creator_credit)
    if created := schema_date(photo):
        data["dateCreated"] = created
    if photo.place:
        # The place by its name only: a photograph's coordinates never leave the admin.
        data["contentLocation"] = {"@type": "Place", "name": words(photo, "place")}
    if photo.rights:
        data["license"] = photo.rights
    if photo.credit_line:
        data["creditText"] = words(photo, "credit_line")
    if photo.source:
        data["provider"] = {"@type": "Organization", "name": photo.source}
    communities = [community.name for community in photo.communities.all()]
    keywords = communities + [tag.name for tag in photo.tags.all()]
    if keywords:
        data["keywords"] = keywords
    data["publisher"] = organization()
    part_of = [
        {"@type": "Collection", "name": entry["name"], "url": entry["url"]}
        for provider in hooks.get_hooks("photograph_part_of")
        for entry in provider(photo)
    ]
    if part_of:
        data["isPartOf"] = part_of
    return data


def script_tag(data):
    """<script type="application/ld+json">, escaped so no value can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
