"""
What a page tells search engines and link previews: its canonical URL, and Open Graph / Twitter
card tags with a rendition (the SOCIAL_SPEC size, written by gallery.imaging.codec, so stripped of
metadata like every public image).
"""

from django.utils.text import Truncator
from wagtail.images.models import Filter

from gallery.base_url import absolute
from gallery.imaging.sizes import SOCIAL_SPEC

SOCIAL_FILTER = Filter(spec=SOCIAL_SPEC)


def page_meta(request, title, description="", photo=None, canonical_path=None, kind="website", robots=""):
    """The dict base.html's meta block reads. `photo` must be public (its rendition URL is public)."""
    canonical = absolute(canonical_path or request.path)
    meta = {
        "canonical": canonical,
        "title": title,
        "description": Truncator(" ".join((description or "").split())).chars(200),
        "type": kind,
        "card": "summary",
        "robots": robots,
    }
    if photo is not None:
        rendition = social_rendition(photo)
        meta.update(
            image=absolute(rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=photo.words().alt_text,
            card="summary_large_image",
        )
    return meta


def social_image_url(photo):
    """The absolute URL of a public photograph's link-preview size (JSON-LD `image`, og:image)."""
    return absolute(social_rendition(photo).url)


def social_rendition(photo):
    """The card-sized rendition: one query, even when the photo's grid renditions were prefetched.

    (Wagtail looks only in the prefetched set when there is one, and would make the file again.)
    """
    prefetched = getattr(photo, "prefetched_renditions", None)  # set by prefetch_renditions()
    if prefetched is not None and not any(r.filter_spec == SOCIAL_SPEC for r in prefetched):
        found = photo.renditions.filter(
            filter_spec=SOCIAL_SPEC, focal_point_key=SOCIAL_FILTER.get_cache_key(photo)
        ).first()
        if found is not None:
            return found
    return photo.get_rendition(SOCIAL_FILTER)
