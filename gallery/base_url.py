"""
The site's one public address (settings.SITE_BASE_URL) and every absolute URL built from it.

Sitemaps, feeds, JSON-LD, IIIF documents, bags, canonicals and command output all say the same
host, whichever host a request came in through (a proxy, an internal name, a test client): a
link someone copies or a harvester stores must point where the public finds the site. Wagtail's
default Site record follows the setting (`sync_default_site`, run after every `migrate` and by
`load_demo`), so Wagtail's own `full_url` agrees too.
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site


def parse(url):
    """(scheme, hostname, port) of a base URL, or ImproperlyConfigured saying what is wrong with it."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"SITE_BASE_URL must be http:// or https:// and a host name, not {url!r}.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"SITE_BASE_URL is the site's root: no path, query or fragment ({url!r}).")
    return parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def base_url():
    """"https://archive.example.org/": the root, always ending in one slash."""
    return settings.SITE_BASE_URL.rstrip("/") + "/"


def absolute(location):
    """The public absolute URL of a path ("/photographs/3/"); a URL that is already absolute is kept."""
    return urljoin(base_url(), location)


def sync_default_site(**kwargs):
    """Make Wagtail's default Site say the public host and port; returns the Site, or None if there is none.

    Written as a post_migrate receiver (it takes and ignores the signal's arguments).
    """
    _, hostname, port = parse(settings.SITE_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


class PublicURLs:
    """What the IIIF builders ask a request for (`build_absolute_uri`), answered from the public address.

    Handed to them instead of the request, so a document says the public host whoever fetched it.
    """

    def __init__(self, base=None):
        self.base = base

    def build_absolute_uri(self, location):
        return urljoin(self.base, location) if self.base else absolute(location)


def check_base_url(app_configs=None, **kwargs):
    """System check: SITE_BASE_URL is a root URL (checked at every start, before anything is written)."""
    try:
        parse(settings.SITE_BASE_URL)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="gallery.E001")]
    return []


def page_url(page, request=None):
    """A Wagtail page's public absolute URL, or "" for a page that is not routable."""
    path = page.get_url(request)
    return absolute(path) if path else ""
