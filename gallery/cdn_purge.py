"""
Telling a CDN or caching proxy in front of the site to forget a photograph the moment it stops being
public (consent withdrawn, unpublished, moved to a private collection, deleted), through Wagtail's
frontend cache module (settings.WAGTAILFRONTENDCACHE: an HTTP PURGE proxy, Cloudflare, CloudFront...).

Browsers and caches that are not told still revalidate: public images go out with a short lifetime
and an ETag (PUBLIC_MEDIA_MAX_AGE), so a copy outlives a withdrawal by at most that.
Without WAGTAILFRONTENDCACHE nothing here runs (not even the query that tells whether it was public).
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

from .base_url import absolute
from .iiif import derivatives, image_api
from .models import Photograph, StoredImageAnswer


def public_urls(photo):
    """Every public URL that shows this photograph's pixels or words on its own (absolute)."""
    paths = [photo.get_absolute_url(), reverse("gallery:index")]
    paths += [rendition.url for rendition in photo.renditions.all()]
    identifier = photo.iiif_identifier
    iiif = reverse("gallery:iiif_base", args=[identifier])
    paths += [iiif, f"{iiif}/", reverse("gallery:iiif_info", args=[identifier]),
              reverse("gallery:iiif_photograph_manifest", args=[identifier])]
    prefix = f"{derivatives.pyramid.folder(photo)}/iiif/"
    stored = StoredImageAnswer.objects.filter(photograph_id=photo.pk).values_list("name", flat=True)
    paths += [f"{iiif}/{name.removeprefix(prefix)}" for name in stored]
    paths += [f"{iiif}/{canonical}" for canonical in kept_requests(photo)]
    return list(dict.fromkeys(absolute(path) for path in paths))


def kept_requests(photo):
    """The canonical tile, size and thumbnail requests info.json and the manifest lead viewers to."""
    try:
        facts = derivatives.facts(photo)
    except (OSError, ValueError):
        return []
    full = (facts.width, facts.height)
    limits, max_scale = derivatives.limits_for(photo, full)
    found = []
    for factor, w, h in image_api.allowed_levels(*full, derivatives.pyramid.TILE, limits, max_scale):
        found.append(f"full/{w},{h}/0/default.jpg")
        step = derivatives.pyramid.TILE * factor
        for y in range(0, full[1], step):
            for x in range(0, full[0], step):
                rw, rh = min(step, full[0] - x), min(step, full[1] - y)
                region = "full" if (x, y, rw, rh) == (0, 0, *full) else f"{x},{y},{rw},{rh}"
                found.append(f"{region}/{-(-rw // factor)},{-(-rh // factor)}/0/default.jpg")
    served = image_api.parse("full", "max", "0", "default.jpg", full, limits, max_scale).size
    thumb = image_api.thumbnail_size(served)
    found.append(f"full/{thumb[0]},{thumb[1]}/0/default.jpg")
    return found


def _purge_later(urls):
    transaction.on_commit(lambda: purge_urls_from_cache(urls), robust=True)


def _was_public(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or not get_backends():
        return
    instance._was_public = Photograph.objects.public().filter(pk=instance.pk).exists()


def _purge_if_withdrawn(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_was_public", False):
        return
    instance._was_public = False
    if not Photograph.objects.public().filter(pk=instance.pk).exists():
        _purge_later(public_urls(instance))


def _purge_before_delete(sender, instance, **kwargs):
    # Before the cascade takes its renditions and stored answers, which name the URLs.
    if get_backends() and Photograph.objects.public().filter(pk=instance.pk).exists():
        _purge_later(public_urls(instance))


def connect():
    """Called from gallery.signal_handlers.register_signal_handlers()."""
    pre_save.connect(_was_public, sender=Photograph, dispatch_uid="cdn-purge-pre-save")
    post_save.connect(_purge_if_withdrawn, sender=Photograph, dispatch_uid="cdn-purge-post-save")
    pre_delete.connect(_purge_before_delete, sender=Photograph, dispatch_uid="cdn-purge-pre-delete")
