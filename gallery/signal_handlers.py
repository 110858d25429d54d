"""
What the archive does when its rows change, connected from GalleryConfig.ready().

A photograph stored with a new original gets its public sizes and pyramid made in the background
(a task: at once embedded, by the worker in production), after the transaction commits.

The search index is kept true to what a photograph shows (and `photographs_described` tells other
apps which photographs changed that way).
Wagtail (modelsearch) reindexes an object when *it* is saved. A photograph's communities and
keywords are many-to-many and are set after the save (the admin form, `photo.communities.set()`),
and its artist's and communities' names live on other rows: without these handlers the index
would still hold the old names. Reindexing goes through the same task Wagtail uses, so it runs at
once embedded and in the worker in production.
"""

from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_save
from modelsearch.tasks import insert_or_update_object_task

from . import cdn_purge, text_match
from .models import Artist, Community, Photograph, TaggedCommunity
from .signals import original_stored, photographs_described
from .tasks import make_public_sizes


def make_public_sizes_after_commit(sender, instance, **kwargs):
    photo_id = instance.pk
    transaction.on_commit(lambda: make_public_sizes.enqueue(photo_id))


def reindex(photo_ids):
    photo_ids = list(photo_ids)
    for photo_id in photo_ids:
        insert_or_update_object_task.enqueue(Photograph._meta.app_label, Photograph._meta.model_name, str(photo_id))
    if photo_ids:
        photographs_described.send(sender=Photograph, photo_ids=photo_ids)


def tags_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Photograph):
        reindex([instance.pk])
    elif pk_set and model is Photograph:
        reindex(pk_set)


def artist_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(instance.photographs.values_list("pk", flat=True))


def community_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex(TaggedCommunity.objects.filter(tag=instance).values_list("content_object_id", flat=True))


def register_signal_handlers():
    connection_created.connect(text_match.register_sqlite_functions, dispatch_uid="gallery-text-match-sqlite")
    cdn_purge.connect()
    original_stored.connect(make_public_sizes_after_commit, sender=Photograph, dispatch_uid="gallery-public-sizes")
    m2m_changed.connect(tags_changed, sender=Photograph.communities.through, dispatch_uid="gallery-reindex-communities")
    m2m_changed.connect(tags_changed, sender=Photograph.tags.through, dispatch_uid="gallery-reindex-keywords")
    post_save.connect(artist_saved, sender=Artist, dispatch_uid="gallery-reindex-artist")
    post_save.connect(community_saved, sender=Community, dispatch_uid="gallery-reindex-community")
