"""
Anonymous page views, cached whole.

Each cached page is keyed by a site-wide *generation* number plus the full URL. Any change to
something a public page can show (a photograph, artist, community, keyword, page, collection,
exhibition...) bumps the generation, so every page is rebuilt on its next request: a curator's
change is visible at once, and nothing has to know which pages show what. Old entries simply age
out (CACHE_SECONDS). In production the cache is Redis (REDIS_URL), shared by every worker, so one
bump clears the site for all of them; embedded it is local memory.

Only anonymous GET/HEAD requests are served from or stored in the cache: anyone carrying a session
cookie (curators, venue staff) always gets a fresh page. Only complete 200 HTML/XML/text responses
that set no cookie and are not private are stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

GENERATION_KEY = "pagecache:generation"
# Pages say what is on today: the date is in the key, and venues in other time zones see at most
# this much staleness around their midnight.
CACHE_SECONDS = int(getattr(settings, "PAGE_CACHE_SECONDS", 15 * 60))
# Public pages show content from these apps; anything else (sessions, search index, task queue,
# renditions written while a page renders) leaves cached pages as they are.
WATCHED_APPS = {"gallery", "exhibit", "wagtailcore", "taggit", "wagtailimages"}
IGNORED_MODELS = {
    "gallery.photographrendition",
    "wagtailimages.rendition",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.referenceindex",
}
# IIIF answers are images and JSON, never stored here: asking the cache for them would only cost
# two cache round trips per tile while a viewer loads dozens.
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/healthz", "/iiif/")
CACHEABLE_TYPES = ("text/html", "application/xml", "text/xml", "text/plain")


def cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def generation():
    value = cache().get(GENERATION_KEY)
    if value is None:
        # A fresh cache (or an evicted key) starts a new generation; add() keeps racing workers agreed.
        cache().add(GENERATION_KEY, 1, timeout=None)
        value = cache().get(GENERATION_KEY) or 1
    return value


def bump():
    """Forget every cached page (by moving to the next generation)."""
    try:
        cache().incr(GENERATION_KEY)
    except ValueError:
        cache().set(GENERATION_KEY, 2, timeout=None)


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and getattr(settings, "PAGE_CACHE_ENABLED", True)
    )


def cacheable_response(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def key_for(request, generation_number):
    url = request.build_absolute_uri()
    today = timezone.localdate().isoformat()
    return f"pagecache:{generation_number}:{today}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache; store what they were given. Put it before sessions."""

    # Headers set by the view and by middleware inside this one (X-Frame-Options), kept with the page.
    HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag", "X-Frame-Options")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        key = key_for(request, generation())
        stored = cache().get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(response) and not getattr(request, "_page_cache_skip", False):
            headers = [(name, response[name]) for name in self.HEADERS if response.has_header(name)]
            cache().set(key, (response.content, headers), CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def _changed(sender, **kwargs):
    if kwargs.get("raw") or kwargs.get("action", "post_").split("_")[0] != "post":
        return
    model = sender._meta if hasattr(sender, "_meta") else None
    if model is None:
        return
    if model.app_label in WATCHED_APPS and model.label_lower not in IGNORED_MODELS:
        bump()


def _published(sender, **kwargs):
    bump()


def connect_signals():
    """Called from SitewideConfig.ready(); covers models added later in the watched apps too."""
    post_save.connect(_changed, dispatch_uid="pagecache-post-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-post-delete")
    m2m_changed.connect(_changed, dispatch_uid="pagecache-m2m")
    page_published.connect(_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_published, dispatch_uid="pagecache-unpublished")
