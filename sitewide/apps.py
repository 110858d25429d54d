from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """Site-wide behaviour without models: security headers, login throttling, the page cache,
    sitemap/robots/healthz and what every page's frame shows."""

    name = "sitewide"
    verbose_name = "Site-wide"

    def ready(self):
        from . import page_cache

        page_cache.connect_signals()
