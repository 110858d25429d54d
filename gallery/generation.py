"""
The site's content generation: one number every process reads, moved on by any change to what a
public page can show. The page cache (sitewide.page_cache) keys whole pages by it and moves it on
(its signal handlers call `bump()`); the archive keys what it counts for those pages by it
(gallery.counted), so a count is taken once per generation instead of once per request.

It lives in the `shared` cache (PAGE_CACHE_GENERATION_ALIAS: Redis, else a table in the database),
never in one process's memory, so a worker that never saw a save still reads the new number.
"""

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

GENERATION_KEY = "pagecache:generation"


def shared():
    return caches[settings.PAGE_CACHE_GENERATION_ALIAS]


def generation():
    value = shared().get(GENERATION_KEY)
    if value is None:
        # A fresh (or evicted) key starts from the clock, never from a number an older entry may still
        # be stored under; add() keeps racing workers agreed.
        shared().add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = shared().get(GENERATION_KEY)
    return value


def _incr():
    try:
        shared().incr(GENERATION_KEY)
    except ValueError:
        generation()


def bump():
    """Move to the next generation, in every process: now (inside the change's transaction, so with
    the database cache it becomes visible with the change) and again once the transaction commits (so
    a request that read the new number from Redis before the commit cannot keep what it built from
    the old rows)."""
    _incr()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_incr, robust=True)
