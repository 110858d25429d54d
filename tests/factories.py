"""Many photographs fast, for query-count tests and benchmarks.

Clones share one original and one set of rendition files (the rows are distinct, the bytes are
not), so a test can have 60 or 2,000 public photographs, each with every standard rendition row,
without decoding or encoding an image per photograph. Signals do not fire for bulk_create: the
search index is filled explicitly when asked.
"""

import hashlib

from gallery import approximate_dates, db_stats
from gallery.models import Artist, Photograph, PhotographRendition, TaggedCommunity

# Unique per photograph: each clone gets its own (iiif_identifier from the field default).
SKIP_FIELDS = {"id", "sha256", "perceptual_hash", "iiif_identifier"}


def clone_photos(template, count, communities=(), index=False, **overrides):
    """`count` public photographs copied from `template`; overrides may be callables of the number."""
    fields = [f.attname for f in Photograph._meta.concrete_fields if f.attname not in SKIP_FIELDS]
    start = Photograph.objects.count()
    photos = []
    for offset in range(count):
        number = start + offset
        photo = Photograph(**{name: getattr(template, name) for name in fields})
        photo.title = f"{template.title} {number}"
        for name, value in overrides.items():
            setattr(photo, name, value(number) if callable(value) else value)
        photo.sha256 = hashlib.sha256(f"clone-{template.pk}-{number}".encode()).hexdigest()
        photo.set_date_range()
        photos.append(photo)
    photos = Photograph.objects.bulk_create(photos, batch_size=500)
    renditions = list(template.renditions.all())
    PhotographRendition.objects.bulk_create(
        [
            PhotographRendition(
                image=photo, filter_spec=r.filter_spec, focal_point_key=r.focal_point_key,
                file=r.file.name, width=r.width, height=r.height,
            )
            for photo in photos
            for r in renditions
        ],
        batch_size=1000,
    )
    if communities:
        TaggedCommunity.objects.bulk_create(
            [TaggedCommunity(content_object=photo, tag=community) for photo in photos for community in communities],
            batch_size=1000,
        )
    if index:
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        backend.add_bulk(Photograph, list(Photograph.objects.filter(pk__in=[p.pk for p in photos])))
    return photos


def enlarge_demo(total):
    """
    The demo archive (gallery.demo.load_archive, already loaded) cloned up to `total` public
    photographs: each demo photograph's communities, a third of the contemporary clones without an
    artist, the rest spread over the artists. Used by the page benchmark and the load test.
    """
    templates = list(Photograph.objects.order_by("pk"))
    artists = list(Artist.objects.order_by("pk"))
    per_template = (total - len(templates)) // len(templates) + 1
    for template in templates:
        missing = total - Photograph.objects.count()
        if missing <= 0:
            break
        contemporary = template.kind == "contemporary"
        clone_photos(
            template, min(per_template, missing), communities=list(template.communities.all()), index=True,
            artist=lambda n, contemporary=contemporary: artists[n % len(artists)] if contemporary and n % 3 else None,
        )
    assert Photograph.objects.public().count() == total
    # What import_photos and load_demo do after adding many rows (the clones stand in for an import).
    db_stats.refresh_planner_statistics()


def date_for(number):
    """A spread of approximate dates, circa and decades among them."""
    return ("1905~", "191X", "1890/1910", "1925", "193X", "1948", "1950~", "2013-10", "2014-03-07", "")[number % 10]


__all__ = ["clone_photos", "date_for", "enlarge_demo", "approximate_dates"]
