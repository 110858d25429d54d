"""
Anonymous page views, cached whole.

Each cached page is stored with the site-wide *generation* number it was made under, and served only
while that is still the generation. Any change to something a public page can show (a photograph,
artist, community, keyword, page, collection, exhibition...) bumps the generation, so every page is
rebuilt on its next request: a curator's change is visible at once, and nothing has to know which
pages show what. A rebuilt page replaces the old entry; unvisited ones age out (CACHE_SECONDS).

The generation lives in the `shared` cache, which every process reads: Redis with REDIS_URL, else a
table in the database. With Redis the pages are in the same cache, and one MGET reads the generation
and the page together. Without it the pages sit in a per-process cache (local memory, embedded): a
worker that never saw the save still reads the new generation on its next request, so it never
serves a page of the old one. The bump is made where the change is (inside its transaction, so with
the database it becomes visible with the change) and again once the transaction commits (so a
request that read the new generation from Redis before the commit cannot keep a page it built from
the old rows).

The key holds the page's language (its address's prefix) and only the GET parameters the page's
view reads (its `query_parameters` attribute: a list or a callable giving one; views without one read only `page`), in that order, each with the
value the view sees (the last). `?junk=1`, `?junk=2`... are all the page without them: a request
with anything unknown or repeated is answered from the cache but never makes a new entry.

Only anonymous GET/HEAD requests are served from or stored in the cache: anyone carrying a session
cookie (curators, venue staff) always gets a fresh page. Only complete 200 HTML/XML/text responses
that set no cookie and are not private are stored.
"""

import hashlib
from urllib.parse import urlencode

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from wagtail.signals import page_published, page_unpublished

from gallery import generation as generation_store, languages

GENERATION_KEY = generation_store.GENERATION_KEY
# Pages say what is on today: the date is in the key, and venues in other time zones see at most
# this much staleness around their midnight.
CACHE_SECONDS = settings.PAGE_CACHE_SECONDS
# Public pages show content from these apps; anything else (sessions, search index, task queue,
# renditions written while a page renders, IIIF answers stored as a viewer asks for tiles, an import's
# bookkeeping) leaves cached pages as they are.
WATCHED_APPS = {"gallery", "exhibit", "wagtailcore", "taggit", "wagtailimages"}
IGNORED_MODELS = {
    "gallery.photographrendition",
    "gallery.storedimageanswer",  # IIIF answers kept as a viewer first asks for them
    "gallery.pendingoriginal",
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


DEFAULT_PARAMETERS = ("page",)


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def shared():
    return generation_store.shared()


# The generation is the archive's (gallery.generation): it keys what the gallery counts as well.
generation = generation_store.generation
bump = generation_store.bump


def cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.PAGE_CACHE_ENABLED
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


def understood_parameters(request):
    """The GET parameters the view of this path reads, in its order."""
    try:
        # This runs before LocaleMiddleware: /es/search/ resolves only with Spanish active.
        with translation.override(languages.language_of_path(request.path_info)):
            view = resolve(request.path_info).func
    except Resolver404:
        return DEFAULT_PARAMETERS
    names = getattr(view, "query_parameters", DEFAULT_PARAMETERS)
    return names() if callable(names) else names


def normalised_query(request):
    """(the query the page sees, whether the request carried nothing else)."""
    names = understood_parameters(request)
    pairs = [(name, request.GET.getlist(name)[-1]) for name in names if name in request.GET]
    exact = all(name in names and len(request.GET.getlist(name)) == 1 for name in request.GET)
    return urlencode(pairs), exact


def key_for(request, query=None):
    if query is None:
        query = normalised_query(request)[0]
    url = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    today = timezone.localdate().isoformat()
    # The address decides the language (gallery.languages); the language is still in the key, so a
    # Spanish page is never answered from an English entry whatever the URLconf does.
    language = languages.language_of_path(request.path_info)
    return f"pagecache:{today}:{language}:{hashlib.sha256(url.encode()).hexdigest()}"


def lookup(key):
    """(the current generation, the page stored under `key` if it was made under it, else None)."""
    if settings.PAGE_CACHE_ALIAS == settings.PAGE_CACHE_GENERATION_ALIAS:
        found = shared().get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            current, found = generation(), {}
        generation_store.keep(current)
    else:
        current, found = generation(), {key: cache().get(key)}
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return current, stored[1:]
    return current, None


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs from the cache; store what they were given. Put it before sessions."""

    # Headers set by the view and by middleware inside this one (X-Frame-Options), kept with the page.
    HEADERS = ("Content-Type", "Content-Language", "Link", "X-Robots-Tag", "X-Frame-Options")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The generation is read once per request (at most): by the lookup below, else by what the
        # page counts (gallery.counted); the next request reads it again.
        with generation_store.pinned():
            return self.respond(request)

    def respond(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        query, exact = normalised_query(request)
        key = key_for(request, query)
        current, stored = lookup(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if exact and cacheable_response(response) and not getattr(request, "_page_cache_skip", False):
            headers = [(name, response[name]) for name in self.HEADERS if response.has_header(name)]
            cache().set(key, (current, response.content, headers), CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response


def _changed(sender, **kwargs):
    if kwargs.get("raw") or kwargs.get("action", "post_").split("_")[0] != "post":
        return
    model = sender._meta if hasattr(sender, "_meta") else None
    # Migrations change rows through historical models, maybe before the shared cache's table exists:
    # one bump after `migrate` (after_migrate) covers them all.
    if model is None or model.apps is not django_apps:
        return
    if model.app_label in WATCHED_APPS and model.label_lower not in IGNORED_MODELS:
        bump()


def _published(sender, **kwargs):
    bump()


def after_migrate(app_config, using="default", **kwargs):
    """The database table of the shared cache (without Redis), then one bump for what migrations changed."""
    from django.core.management import call_command

    # post_migrate comes once per app with models, all after every migration ran: act on the first.
    if app_config is not next(config for config in django_apps.get_app_configs() if config.models_module):
        return
    call_command("createcachetable", database=using, verbosity=0)
    bump()


def connect_signals():
    """Called from SitewideConfig.ready(); covers models added later in the watched apps too."""
    post_save.connect(_changed, dispatch_uid="pagecache-post-save")
    post_delete.connect(_changed, dispatch_uid="pagecache-post-delete")
    m2m_changed.connect(_changed, dispatch_uid="pagecache-m2m")
    post_migrate.connect(after_migrate, dispatch_uid="pagecache-after-migrate")
    page_published.connect(_published, dispatch_uid="pagecache-published")
    page_unpublished.connect(_published, dispatch_uid="pagecache-unpublished")
