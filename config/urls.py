from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from wagtail.admin.auth import require_admin_access

from exhibit.dashboard import DashboardView
from opendata import urls as opendata_urls
from sitewide import views

urlpatterns = [
    # The admin's home (Wagtail's own URL, so its name `wagtailadmin_home` leads here too).
    path("admin/", require_admin_access(DashboardView.as_view()), name="dashboard"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("opendata.urls")),
    path("", include(opendata_urls.api_urlpatterns)),
    # gallery's and exhibit's pages take a language prefix inside their URLconfs (gallery.languages).
    path("", include("gallery.urls")),
    path("", include("exhibit.public_urls")),
]
# Public pages in every language: /es/... is Spanish; the default language has no prefix.
urlpatterns += i18n_patterns(
    path("search/", views.search_page, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
