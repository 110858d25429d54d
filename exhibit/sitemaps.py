"""Sitemap sections of the site's pages: Wagtail's pages, the venues and the events list."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap as WagtailPageSitemap

from gallery import languages
from gallery.base_url import absolute
from gallery.sitemaps import NamedPagesSitemap, Sitemap

from .models import Venue


class PageSitemap(WagtailPageSitemap):
    """Wagtail's live, public pages, each at the public address (Wagtail builds them from the Site record),
    in every language the page can be read in."""

    def _urls(self, page, protocol, domain):
        urls, last_mods = [], set()
        for item in self.paginator.page(page).object_list.iterator():
            # Each page once per language it can be read in, every entry naming all of them.
            paths = languages.page_paths(item)
            alternates = [{"lang_code": code, "location": absolute(path)} for code, path in paths.items()]
            if settings.LANGUAGE_CODE in paths:
                alternates.append({"lang_code": "x-default", "location": absolute(paths[settings.LANGUAGE_CODE])})
            for entry in item.get_sitemap_urls(self.request):
                location = urlsplit(entry["location"])
                path = location.path + (f"?{location.query}" if location.query else "")
                last_mods.add(entry.get("lastmod"))
                versions = [path] if location.query or path not in paths.values() else list(paths.values())
                for version in versions:
                    urls.append({**entry, "location": absolute(version), "alternates": alternates if len(versions) > 1 else []})
        # last_mods might be empty if the whole site is private
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
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
