from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """Site-wide behaviour: security headers, login throttling, the page cache, sitemap/robots/healthz,
    what every page's frame shows, the 503 of a storage outage. No models."""

    name = "sitewide"
    verbose_name = "Site-wide"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
