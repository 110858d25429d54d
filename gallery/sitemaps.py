"""Sitemap sections for the archive: only what the public may see."""

from django.contrib.sitemaps import Sitemap

from .models import Artist, Community, Photograph


class PhotographSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return Photograph.objects.public().order_by("pk").only("pk", "created_at")


class ArtistSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Artist.objects.public().order_by("name", "pk").only("slug")


class CommunitySitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Community.objects.public().order_by("name", "pk").only("slug")


SITEMAPS = {"photographs": PhotographSitemap, "artists": ArtistSitemap, "communities": CommunitySitemap}
