"""
The site's content generation: one number every process reads, moved on by any change to what a
public page can show. The page cache (sitewide.page_cache) keys whole pages by it and moves it on
(its signal handlers call `bump()`); the archive keys what it counts for those pages by it
(gallery.counted), so a count is taken once per generation instead of once per request.

It lives in the `shared` cache (PAGE_CACHE_GENERATION_ALIAS: Redis, else a table in the database),
never in one process's memory, so a worker that never saw a save still reads the new number.

Within one request it is read once: the page cache's middleware opens a `pinned()` scope, and the
first read in it is kept for the rest of the request (a page built from one generation throughout,
and one shared-cache read instead of one per count). The next request reads it again, so a change
made in another process is seen then. A `bump()` in the request drops what was kept.
"""

import contextvars
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

GENERATION_KEY = "pagecache:generation"


class _Pin:
    value = None


# The current request's pin (None outside a `pinned()` scope: every call reads the shared cache).
_pin = contextvars.ContextVar("generation_pin", default=None)


def shared():
    return caches[settings.PAGE_CACHE_GENERATION_ALIAS]


@contextmanager
def pinned():
    """A scope (one request) in which the generation is read from the shared cache at most once."""
    token = _pin.set(_Pin())
    try:
        yield
    finally:
        _pin.reset(token)


def keep(value):
    """Keep `value`, read by the caller from the shared cache, as this scope's generation."""
    pin = _pin.get()
    if pin is not None:
        pin.value = value


def generation():
    pin = _pin.get()
    if pin is not None and pin.value is not None:
        return pin.value
    value = shared().get(GENERATION_KEY)
    if value is None:
        # A fresh (or evicted) key starts from the clock, never from a number an older entry may still
        # be stored under; add() keeps racing workers agreed.
        shared().add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = shared().get(GENERATION_KEY)
    keep(value)
    return value


def _incr():
    keep(None)  # what this scope kept is the old generation now
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
