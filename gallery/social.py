"""
What a page tells search engines and link previews: its canonical URL, and Open Graph / Twitter
card tags with a rendition (the SOCIAL_SPEC size, written by gallery.imaging, so stripped of
metadata like every public image).
"""

from django.utils.text import Truncator

from .image_sizes import SOCIAL_SPEC


def page_meta(request, title, description="", photo=None, canonical_path=None, kind="website"):
    """The dict base.html's meta block reads. `photo` must be public (its rendition URL is public)."""
    canonical = request.build_absolute_uri(canonical_path or request.path)
    meta = {
        "canonical": canonical,
        "title": title,
        "description": Truncator(" ".join((description or "").split())).chars(200),
        "type": kind,
        "card": "summary",
    }
    if photo is not None:
        rendition = photo.get_rendition(SOCIAL_SPEC)
        meta.update(
            image=request.build_absolute_uri(rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=photo.alt_text,
            card="summary_large_image",
        )
    return meta
