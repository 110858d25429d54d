"""Site-level endpoints: the site search, robots.txt, the sitemap and a health check."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from gallery.sitemaps import SITEMAPS
from gallery.social import page_meta

from . import search

# Exhibition pages are Wagtail pages, so PageSitemap already lists them.
SECTIONS = {"pages": PageSitemap, **{name: section() for name, section in SITEMAPS.items()}}


@require_GET
def sitemap(request):
    return wagtail_sitemap(request, SECTIONS)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        # Every filtered gallery state is its own URL; crawlers need only the gallery and the photographs.
        "Disallow: /photographs/?",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """A trivial view: liveness for the load balancer, and the baseline `make bench` compares against."""
    return HttpResponse("ok\n", content_type="text/plain")


def search_page(request):
    found = search.search(request.GET.get("q", ""), request)
    title = f"Search: “{found.q}”" if found.q else "Search"
    description = "Search the archive's photographs, artists, exhibitions, events, venues and communities."
    return render(request, "sitewide/search.html", {"search": found, "title": title, "meta": page_meta(request, title, description)})


# The page cache keys the search on what it reads: each query is its own page.
search_page.query_parameters = ("q",)
