"""Sitemap sections for the archive: only what the public may see, at the site's public address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import NoReverseMatch, reverse

from . import counted, languages
from .base_url import base_url
from .models import Artist, Community, Photograph


class Sitemap(DjangoSitemap):
    """A section whose entries start with SITE_BASE_URL, not the host the sitemap was fetched through.

    Made with the request, as Wagtail's page section is, so the site's sitemap views make every section alike.
    """

    # Every page in every language the site serves, each listing all its versions (xhtml:link) and
    # x-default, the default language's.
    i18n = True
    alternates = True

    def __init__(self, request=None):
        self.request = request

    def _urls(self, page, protocol, domain):
        # Django's own x-default strips "/<code>/" from anywhere in the URL; the default language has
        # no prefix here, so x-default is its version as it stands.
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            default = next(alt for alt in url["alternates"] if alt["lang_code"] == settings.LANGUAGE_CODE)
            url["alternates"].append({"location": default["location"], "lang_code": "x-default"})
        return urls

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
        found = []
        for name in self.names:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            found.append(name)
        return found

    def location(self, name):
        # Reversed in each language's turn (Django activates it): /photographs/, /es/photographs/.
        return reverse(name)


class EachInEveryLanguage(Paginator):
    """Pages of a queryset whose rows are listed once per language: a page is one slice of rows (one
    query), not a slice of a list of every row times every language made for each page."""

    def __init__(self, queryset, per_page, codes, count):
        super().__init__(queryset, per_page)
        self.codes = codes
        self.__dict__["count"] = count

    def _get_page(self, object_list, number, paginator):
        return super()._get_page([(item, code) for item in object_list for code in self.codes], number, paginator)


class PhotographSitemap(Sitemap):
    changefreq = "monthly"
    # Past this many photographs, the section has pages (/sitemap-photographs.xml?p=2), each listed in
    # the index; a page holds each of them once per language (10,000 <url>s for two, under the 50,000 allowed).
    photographs_per_page = 5000

    @property
    def limit(self):
        return self.photographs_per_page * len(languages.codes())

    def items(self):
        return Photograph.objects.public().order_by("pk").only("pk", "updated_at")

    @property
    def paginator(self):
        # How many there are is counted once per content generation (gallery.counted), not per page asked.
        count = counted.remembered("sitemap:photographs", None, lambda: self.items().count())
        return EachInEveryLanguage(self.items(), self.photographs_per_page, self._languages(), count)

    def lastmod(self, photo):
        return photo.updated_at

    def get_latest_lastmod(self):
        return counted.remembered(
            "sitemap:photographs:lastmod", None,
            lambda: Photograph.objects.public().aggregate(latest=Max("updated_at"))["latest"],
        )


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
