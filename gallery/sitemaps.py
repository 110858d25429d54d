"""Sitemap sections for the archive: only what the public may see, at the site's public address."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max
from django.urls import NoReverseMatch, reverse

from .base_url import base_url
from .models import Artist, Community, Photograph


class Sitemap(DjangoSitemap):
    """A section whose entries start with SITE_BASE_URL, not the host the sitemap was fetched through.

    Made with the request, as Wagtail's page section is, so the site's sitemap views make every section alike.
    """

    def __init__(self, request=None):
        self.request = request

    def get_protocol(self, protocol=None):
        return urlsplit(base_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(base_url()).netloc


class NamedPagesSitemap(Sitemap):
    """Pages that are views, not records (the gallery, the events list), by URL name in `names`.

    A name that does not resolve is left out, so an app lists the pages it has and no more.
    """

    changefreq = "weekly"
    names = ()

    def items(self):
        paths = []
        for name in self.names:
            try:
                paths.append(reverse(name))
            except NoReverseMatch:
                continue
        return paths

    def location(self, path):
        return path


class PhotographSitemap(Sitemap):
    changefreq = "monthly"
    # Past this many, the section has pages (/sitemap-photographs.xml?p=2), each listed in the index.
    limit = 5000

    def items(self):
        return Photograph.objects.public().order_by("pk").only("pk", "updated_at")

    def lastmod(self, photo):
        return photo.updated_at

    def get_latest_lastmod(self):
        return Photograph.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class ArtistSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Artist.objects.public().order_by("name", "pk").only("slug")


class CommunitySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Community.objects.public().order_by("name", "pk").only("slug")


class ArchivePagesSitemap(NamedPagesSitemap):
    names = ("gallery:index", "gallery:artist_index", "gallery:community_index")


SITEMAPS = {
    "archive": ArchivePagesSitemap,
    "photographs": PhotographSitemap,
    "artists": ArtistSitemap,
    "communities": CommunitySitemap,
}
