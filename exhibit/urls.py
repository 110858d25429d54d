from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import site_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", site_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", site_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", site_views.robots_txt, name="robots_txt"),
    path("healthz", site_views.healthz, name="healthz"),
    path("", include("gallery.urls")),
    path("", include("exhibit.public_urls")),
    path("", include(wagtail_urls)),
]
