"""
Recording, at the moment it happens, that a photograph or an exhibition became public, changed, or
stopped being public. The handlers are connected in OpenDataConfig.ready(); each change writes its
PublicRecord and an Activity in the same transaction as the change itself, so every process and
every harvester sees the same history, and a withdrawal is never lost to a cache or a restart.
"""

import threading

from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone
from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from exhibit.models import ExhibitionPage, ExhibitionPhotograph
from gallery import signals
from gallery.models import Photograph, TaggedCommunity

from . import records
from .models import Activity, Kind, PublicRecord


def _apply(kind, object_id, identifier, data, set_specs, now):
    """Bring one record in line with `data` (None: not public). Returns True when something changed."""
    record = PublicRecord.objects.select_for_update().filter(kind=kind, object_id=object_id).first()
    if data is None:
        if record is None or not record.is_public:
            return False
        record.is_public, record.digest, record.datestamp = False, "", now
        record.save(update_fields=["is_public", "digest", "datestamp"])
        Activity.objects.create(record=record, type=Activity.Type.DELETE, end_time=now)
        return True
    digest = records.digest(data)
    specs = "|" + "|".join(set_specs) + "|" if set_specs else ""
    if record is None:
        try:
            with transaction.atomic():
                record = PublicRecord.objects.create(
                    kind=kind, object_id=object_id, identifier=identifier, digest=digest, set_specs=specs, datestamp=now
                )
        except IntegrityError:
            # Another process recorded it a moment ago: carry on from its record.
            record = PublicRecord.objects.select_for_update().get(kind=kind, object_id=object_id)
        else:
            Activity.objects.create(record=record, type=Activity.Type.CREATE, end_time=now)
            return True
    if record.is_public and record.digest == digest:
        return False
    activity = Activity.Type.UPDATE if record.is_public else Activity.Type.CREATE
    record.is_public, record.digest, record.identifier, record.set_specs, record.datestamp = True, digest, identifier, specs, now
    record.save()
    Activity.objects.create(record=record, type=activity, end_time=now)
    return True


def sync_photographs(ids, cascade=True):
    ids = set(ids)
    if not ids:
        return
    now = timezone.now()
    with transaction.atomic():
        public = records.photographs(ids)
        identifiers = dict(Photograph.objects.filter(pk__in=ids).values_list("pk", "iiif_identifier"))
        changed_visibility, exhibition_slugs = [], set()
        for photo_id in ids:
            data = public.get(photo_id)
            before = PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH, object_id=photo_id).first()
            was_public = bool(before and before.is_public)
            identifier = identifiers.get(photo_id) or (data or {}).get("iiif_identifier", "")
            sets = records.photograph_sets(data) if data else []
            _apply(Kind.PHOTOGRAPH, photo_id, identifier, data, sets, now)
            if was_public != (data is not None):
                changed_visibility.append(photo_id)
                # The exhibitions it was in by its record: a deleted photograph's rows are gone.
                exhibition_slugs |= {spec.split(":", 1)[1] for spec in (before.sets if before else []) if spec.startswith("exhibition:")}
        if cascade and changed_visibility:
            # An exhibition's manifest lists its public photographs: it changed too.
            pages = set(ExhibitionPhotograph.objects.filter(photograph_id__in=changed_visibility).values_list("page_id", flat=True))
            pages |= set(PublicRecord.objects.filter(kind=Kind.EXHIBITION, identifier__in=exhibition_slugs).values_list("object_id", flat=True))
            sync_exhibitions(pages, cascade=False)


def sync_exhibitions(ids, cascade=True):
    ids = set(ids)
    if not ids:
        return
    now = timezone.now()
    with transaction.atomic():
        public = records.exhibitions(ids)
        slugs = dict(ExhibitionPage.objects.filter(pk__in=ids).values_list("pk", "slug"))
        for page_id in ids:
            data = public.get(page_id)
            identifier = (data or {}).get("slug") or slugs.get(page_id, "")
            _apply(Kind.EXHIBITION, page_id, identifier, data, [], now)
        if cascade:
            # Photographs name the exhibitions they hang in (relation, sets).
            photos = set(ExhibitionPhotograph.objects.filter(page_id__in=ids).values_list("photograph_id", flat=True))
            sync_photographs(photos | photos_listed_in(ids), cascade=False)


def photos_listed_in(page_ids):
    """Photographs whose records still name one of these exhibitions (they may have left it)."""
    slugs = PublicRecord.objects.filter(kind=Kind.EXHIBITION, object_id__in=page_ids).values_list("identifier", flat=True)
    found = set()
    for slug in slugs:
        found |= set(
            PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH, set_specs__contains=f"|exhibition:{slug}|")
            .values_list("object_id", flat=True)
        )
    return found


def sync_all():
    """Reconcile every photograph and exhibition (for an archive that predates these records)."""
    photo_ids = set(Photograph.objects.values_list("pk", flat=True))
    photo_ids |= set(PublicRecord.objects.filter(kind=Kind.PHOTOGRAPH).values_list("object_id", flat=True))
    page_ids = set(ExhibitionPage.objects.values_list("pk", flat=True))
    page_ids |= set(PublicRecord.objects.filter(kind=Kind.EXHIBITION).values_list("object_id", flat=True))
    sync_photographs(photo_ids, cascade=False)
    sync_exhibitions(page_ids, cascade=False)
    return len(photo_ids), len(page_ids)


# ---- signal handlers ----


def photograph_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_photographs([instance.pk])


# Photographs this thread is deleting, for the length of the delete: their cascaded rows' handlers
# must not record them as changed without their exhibitions and communities just before the Delete
# (the deleted record keeps the sets it was in, for selective harvests).
_deleting = threading.local()


def photograph_deleting(sender, instance, **kwargs):
    # Before the cascade takes its exhibition rows.
    instance._opendata_pages = set(ExhibitionPhotograph.objects.filter(photograph=instance).values_list("page_id", flat=True))
    _deleting.__dict__.setdefault("ids", set()).add(instance.pk)


def photograph_deleted(sender, instance, **kwargs):
    _deleting.__dict__.setdefault("ids", set()).discard(instance.pk)
    sync_photographs([instance.pk])
    sync_exhibitions(getattr(instance, "_opendata_pages", ()), cascade=False)


def photographs_described(sender, photo_ids, **kwargs):
    sync_photographs(photo_ids)


def tagged_community_deleted(sender, instance, **kwargs):
    if instance.content_object_id not in _deleting.__dict__.get("ids", ()):
        sync_photographs([instance.content_object_id])


def collection_restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_photographs(Photograph.objects.filter(collection_id=instance.collection_id).values_list("pk", flat=True))


def page_changed(sender, instance, **kwargs):
    sync_exhibitions([instance.pk])


def page_restriction_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    page = instance.page
    below = ExhibitionPage.objects.filter(path__startswith=page.path).values_list("pk", flat=True)
    sync_exhibitions(below)


def connect():
    uid = "opendata-visibility-"
    post_save.connect(photograph_saved, sender=Photograph, dispatch_uid=uid + "photo-saved")
    pre_delete.connect(photograph_deleting, sender=Photograph, dispatch_uid=uid + "photo-deleting")
    post_delete.connect(photograph_deleted, sender=Photograph, dispatch_uid=uid + "photo-deleted")
    signals.photographs_described.connect(photographs_described, sender=Photograph, dispatch_uid=uid + "described")
    post_delete.connect(tagged_community_deleted, sender=TaggedCommunity, dispatch_uid=uid + "community-untagged")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid=uid + "collection-" + name)
        signal.connect(page_restriction_changed, sender=PageViewRestriction, dispatch_uid=uid + "page-restriction-" + name)
    page_published.connect(page_changed, sender=ExhibitionPage, dispatch_uid=uid + "published")
    page_unpublished.connect(page_changed, sender=ExhibitionPage, dispatch_uid=uid + "unpublished")
    post_delete.connect(page_changed, sender=ExhibitionPage, dispatch_uid=uid + "page-deleted")
