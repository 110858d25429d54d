"""
What the public may know of a photograph or an exhibition, as plain data: the fields their public
pages show and nothing else (no GPS, EXIF block, consent, file name or hash). OAI-PMH, Change
Discovery and the JSON API all read these; a hash of the data decides whether a save is an Update.

URLs here are paths; the caller turns them into absolute URLs for its request.
"""

import hashlib
import json

from django.db.models import Prefetch
from django.urls import reverse

from exhibit.models import ExhibitionPage, ExhibitionPhotograph
from gallery import words
from gallery.models import Photograph

PHOTOGRAPH_SETS = ("exhibition", "community")


def public_photographs():
    """The one public() rule, with what a record shows prefetched."""
    return (
        Photograph.objects.public()
        .select_related("artist")
        .prefetch_related("communities", "tags", "translations")
    )


def exhibitions_by_photograph(photo_ids):
    """{photograph id: [public exhibition pages it hangs in, in title order]}."""
    items = (
        ExhibitionPhotograph.objects.filter(photograph_id__in=list(photo_ids), page__in=ExhibitionPage.objects.public())
        .select_related("page")
        .order_by("page__title", "page__pk")
    )
    found = {}
    for item in items:
        pages = found.setdefault(item.photograph_id, [])
        if item.page not in pages:
            pages.append(item.page)
    return found


def photograph_data(photo, exhibitions):
    statement = photo.rights_statement
    communities = sorted(photo.communities.all(), key=lambda community: community.name)
    approximate = photo.approximate_date
    return {
        "id": photo.pk,
        "iiif_identifier": photo.iiif_identifier,
        "title": photo.title,
        "alt_text": photo.alt_text,
        "caption": photo.caption,
        "creator": photo.creator_name,
        "artist": {"slug": photo.artist.slug, "name": photo.artist.name, "url": photo.artist.get_absolute_url()}
        if photo.artist_id else None,
        "date": photo.date_edtf,
        "date_display": photo.date_display,
        "date_earliest": approximate.earliest.isoformat() if approximate and approximate.earliest else None,
        "date_latest": approximate.latest.isoformat() if approximate and approximate.latest else None,
        "kind": photo.kind,
        "kind_display": photo.get_kind_display(),
        "place": photo.place,
        "communities": [
            {"slug": community.slug, "name": community.name, "url": community.get_absolute_url()} for community in communities
        ],
        "keywords": sorted(tag.name for tag in photo.tags.all()),
        "source": photo.source,
        "credit_line": photo.credit_line,
        "rights": {"uri": statement.uri, "label": statement.label, "plain": str(statement.plain)} if statement else None,
        "camera": [{"label": label, "value": str(value)} for label, value in photo.camera_facts],
        "width": photo.width,
        "height": photo.height,
        "url": photo.get_absolute_url(),
        "iiif_manifest": reverse("gallery:iiif_photograph_manifest", args=[photo.iiif_identifier]),
        "iiif_image": reverse("gallery:iiif_base", args=[photo.iiif_identifier]),
        "exhibitions": [{"slug": page.slug, "title": page.title, "url": page.url or ""} for page in exhibitions],
        # The words above are in `language`; `translations` has them in the site's other languages,
        # {"es": {"title": ..., "caption": ...}}, each field only where a curator translated it.
        "language": words.source_language(),
        "translations": {
            language: {name: text for name, text in fields.items() if text}
            for language, fields in words.translations_as_data(photo).items()
            if language in dict(words.translation_languages()) and any(fields.values())
        },
    }


def photograph_sets(data):
    specs = []
    if data["exhibitions"]:
        specs.append("exhibition")
        specs += [f"exhibition:{entry['slug']}" for entry in data["exhibitions"]]
    if data["communities"]:
        specs.append("community")
        specs += [f"community:{entry['slug']}" for entry in data["communities"]]
    return specs


def photographs(ids=None):
    """{id: data} of the public photographs among `ids` (all of them when None)."""
    queryset = public_photographs()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    photos = list(queryset)
    exhibitions = exhibitions_by_photograph([photo.pk for photo in photos])
    return {photo.pk: photograph_data(photo, exhibitions.get(photo.pk, [])) for photo in photos}


def exhibitions(ids=None):
    """{id: data} of the public exhibitions among `ids` that have a public photograph (else no manifest)."""
    queryset = ExhibitionPage.objects.public()
    if ids is not None:
        queryset = queryset.filter(pk__in=list(ids))
    pages = list(
        queryset.prefetch_related(
            Prefetch("exhibition_photographs", queryset=ExhibitionPhotograph.objects.order_by("sort_order", "pk"))
        )
    )
    wanted = {item.photograph_id for page in pages for item in page.exhibition_photographs.all()}
    public = set(Photograph.objects.public().filter(pk__in=wanted).values_list("pk", flat=True))
    found = {}
    for page in pages:
        photo_ids = [item.photograph_id for item in page.exhibition_photographs.all() if item.photograph_id in public]
        if photo_ids:
            found[page.pk] = {
                "id": page.pk,
                "slug": page.slug,
                "title": page.title,
                "summary": page.summary,
                "url": page.url or "",
                "iiif_manifest": reverse("exhibit:iiif_exhibition_manifest", args=[page.slug]),
                "photographs": photo_ids,
            }
    return found


def digest(data):
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
