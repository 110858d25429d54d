"""
What the public pages count (the gallery's total and facet counts, a search's ranked matches, the
sitemap's size), taken once per content generation (gallery.generation) instead of on every request:
at 100,000 photographs each count is an aggregate over every public row.

Only counts of public photographs are stored, and the key holds the generation, which any change to
a photograph (a consent withdrawn, a photograph unpublished) moves on at once in every process: the
next request counts again. The key also holds the language (labels are translated) and today's date
with the page cache's lifetime, as whole pages do, for what is public by date (a showing's schedule).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone, translation

from .generation import generation


def remembered(name, parts, compute):
    """`compute()`'s value for (name, parts) in this generation, computed on the first ask."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"counted:{name}:{generation()}:{timezone.localdate().isoformat()}:{translation.get_language()}:{digest}"
    cache = caches[settings.PAGE_CACHE_ALIAS]
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value
