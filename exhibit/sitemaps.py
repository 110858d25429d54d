"""Sitemap sections of the site's pages: Wagtail's pages, the venues and the events list."""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps import Sitemap as WagtailPageSitemap

from gallery.base_url import absolute
from gallery.sitemaps import NamedPagesSitemap, Sitemap

from .models import Venue


class PageSitemap(WagtailPageSitemap):
    """Wagtail's live, public pages, each at the public address (Wagtail builds them from the Site record)."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for entry in urls:
            location = urlsplit(entry["location"])
            entry["location"] = absolute(location.path + (f"?{location.query}" if location.query else ""))
        return urls


class VenueSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Venue.objects.order_by("name", "pk").only("slug")


class EventsPageSitemap(NamedPagesSitemap):
    names = ("exhibit:events",)


SITEMAPS = {
    "pages": PageSitemap,
    "events": EventsPageSitemap,
    "venues": VenueSitemap,
}
