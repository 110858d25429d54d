"""
A photograph's metadata as JSON for a BagIt export: Dublin Core names where one exists
(`dc:title`, `dc:creator`, ...), the archive's own names for the rest, and everything needed to
restore the record, the exhibitions it is in among them (`exhibit:exhibitions`), and its own words
in the site's other languages (`archive:translations`: {"es": {"title": ..., "alt_text": ...}}).

The bag is an archival copy for the organisation, not a public file, so the private facts (GPS,
consent, raw EXIF) travel in it under "archive:private" to be restored as they were.
"""

from decimal import Decimal

from django.utils.dateparse import parse_datetime
from wagtail.models import CollectionViewRestriction

from gallery import words
from gallery.photograph_words import FIELDS as TRANSLATED_FIELDS

FORMAT = "faces-and-places/photograph/1"

# Makes the record JSON-LD: a processor reads `dc:` names as DCMI Metadata Terms, `dc:type` as the
# DCMI Type vocabulary, rights as URIs, and the archive's own names in a namespace that is no host
# (a bag is read wherever it is restored, offline too).
ARCHIVE_NAMESPACE = "urn:faces-and-places:archive:"
CONTEXT = {
    "@version": 1.1,
    "dc": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "archive": ARCHIVE_NAMESPACE,
    "@vocab": ARCHIVE_NAMESPACE,
    "dc:type": {"@id": "dc:type", "@type": "@vocab"},
    "StillImage": "dcmitype:StillImage",
    "dc:rights": {"@id": "dc:rights", "@type": "@id"},
    "dc:subject": {"@id": "dc:subject", "@container": "@set"},
    # Restored as they were, not read as linked data: JSON literals.
    "archive:fields": {"@id": "archive:fields", "@type": "@json"},
    "archive:private": {"@id": "archive:private", "@type": "@json"},
    "archive:artist": {"@id": "archive:artist", "@type": "@json"},
    "archive:communities": {"@id": "archive:communities", "@type": "@json"},
    "archive:translations": {"@id": "archive:translations", "@type": "@json"},
    # "exhibit:exhibitions" reads as a compact IRI, so its prefix is declared to match.
    "exhibit": ARCHIVE_NAMESPACE + "exhibit:",
    "exhibit:exhibitions": {"@id": ARCHIVE_NAMESPACE + "exhibit:exhibitions", "@type": "@json"},
}

# Model fields restored as they are, beyond those with a Dublin Core name.
ARCHIVE_FIELDS = (
    "alt_text", "kind", "credit_line", "consent", "is_published", "creator_credit",
    "camera_make", "camera_model", "lens", "exposure_time", "f_number", "iso", "focal_length", "orientation",
    "exif_artist", "exif_copyright", "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height",
)
PRIVATE_FIELDS = ("gps_latitude", "gps_longitude", "exif_raw", "exif_warnings")
# Carried when the model has them: a restored photograph keeps its public IIIF URLs.
OPTIONAL_FIELDS = ("iiif_identifier",)


def photograph_record(photo, *, file_path):
    """The JSON-able record of `photo`; `file_path` is the original's path inside the bag's data/."""
    artist = photo.artist
    record = {
        "@context": CONTEXT,
        "format": FORMAT,
        "id": photo.pk,
        "dc:title": photo.title,
        "dc:description": photo.caption,
        "dc:creator": photo.creator_name,
        "dc:date": photo.date_edtf,
        "dc:type": "StillImage",
        "dc:format": _mime(photo.file.name),
        "dc:subject": sorted(photo.tags.names()),
        "dc:coverage": photo.place,
        "dc:source": photo.source,
        "dc:rights": photo.rights,
        "dc:identifier": f"sha256:{photo.sha256}" if photo.sha256 else "",
        "archive:file": file_path,
        "archive:sha256": photo.sha256,
        "archive:size": photo.original_size,
        "archive:width": photo.width,
        "archive:height": photo.height,
        "archive:date_taken": photo.date_taken.isoformat() if photo.date_taken else None,
        "archive:artist": {"name": artist.name, "slug": artist.slug, "bio": artist.bio, "website": artist.website,
                           "communities": sorted(artist.communities.values_list("slug", flat=True))} if artist else None,
        "archive:communities": [
            {"name": c.name, "slug": c.slug, "description": c.description} for c in photo.communities.order_by("slug")
        ],
        "archive:collection": photo.collection.name if photo.collection_id and photo.collection.depth > 1 else None,
        # A private collection must stay private wherever the bag is restored.
        "archive:collection_private": bool(
            photo.collection_id and CollectionViewRestriction.objects.filter(collection_id=photo.collection_id).exists()
        ),
        "archive:fields": {name: _json(getattr(photo, name)) for name in (*ARCHIVE_FIELDS, *_optional(photo))},
        "archive:private": {name: _json(getattr(photo, name)) for name in PRIVATE_FIELDS},
    }
    translations = words.translations_as_data(photo)
    if translations:
        record["archive:translations"] = translations
    exhibitions = _exhibitions_of(photo)
    if exhibitions:
        record["exhibit:exhibitions"] = exhibitions
    return record


def translation_rows(record):
    """(language, {field: words}) of the translations a record restores (none in bags made before them)."""
    return [
        (language, {name: fields.get(name, "") for name in TRANSLATED_FIELDS})
        for language, fields in sorted((record.get("archive:translations") or {}).items())
    ]


def _exhibitions_of(photo):
    items = photo.exhibition_items.select_related("page").order_by("page__slug", "sort_order")
    return [{"slug": item.page.slug, "caption": item.caption, "sort_order": item.sort_order} for item in items]


def field_values(record):
    """The Photograph field values a record restores (not the file, tags, artist or collection)."""
    values = {
        "title": record["dc:title"], "caption": record["dc:description"], "date_edtf": record["dc:date"],
        "place": record["dc:coverage"], "source": record["dc:source"], "rights": record["dc:rights"],
        "sha256": record["archive:sha256"] or None, "original_size": record["archive:size"],
        "date_taken": parse_datetime(record["archive:date_taken"]) if record.get("archive:date_taken") else None,
        **record["archive:fields"], **record["archive:private"],
    }
    for name in ("gps_latitude", "gps_longitude"):
        if values.get(name) is not None:
            values[name] = Decimal(values[name])
    return values


def _optional(photo):
    names = {model_field.name for model_field in photo._meta.concrete_fields}
    return [name for name in OPTIONAL_FIELDS if name in names]


def _json(value):
    return str(value) if isinstance(value, Decimal) else value


def _mime(name):
    extension = name.rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "tif": "image/tiff", "tiff": "image/tiff",
            "webp": "image/webp", "heic": "image/heic", "avif": "image/avif", "gif": "image/gif"}.get(extension, "")
