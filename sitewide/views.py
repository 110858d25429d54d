"""Site-level endpoints: the site search, robots.txt, the sitemap and a health check."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.utils.translation import gettext as _

from exhibit.sitemaps import SITEMAPS as SITE_SITEMAPS
from gallery import counted
from gallery.base_url import absolute
from gallery.sitemaps import SITEMAPS as ARCHIVE_SITEMAPS
from gallery.social import page_meta

from . import search

SECTIONS = {**SITE_SITEMAPS, **ARCHIVE_SITEMAPS}


def _section(name, request):
    """A fresh sitemap object per request (Wagtail's page section reads the request)."""
    return SECTIONS[name](request)


@dataclass
class IndexEntry:
    location: str
    last_mod: datetime | None


@require_GET
def sitemap_index(request):
    """/sitemap.xml: one entry per section and per page of a long section (5,000 photographs a page).

    Made once per content generation (gallery.counted): each section's size and latest change are
    aggregates over every public photograph."""

    def entries():
        found = []
        for name in SECTIONS:
            section = _section(name, request)
            location = absolute(reverse("sitemap_section", args=[name]))
            last_mod = section.get_latest_lastmod()
            found.append(IndexEntry(location, last_mod))
            pages = range(2, section.paginator.num_pages + 1)
            found += [IndexEntry(f"{location}?p={number}", last_mod) for number in pages]
        return found

    listed = counted.remembered("sitemap:index", request.get_host(), entries)
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": listed}, content_type="application/xml")


@require_GET
def sitemap_section(request, section):
    if section not in SECTIONS:
        raise Http404("No such sitemap section")
    return sitemap_views.sitemap(request, {section: _section(section, request)}, section=section)


# The page cache keys a page by the parameters its view reads: a long section's pages by ?p=.
sitemap_section.query_parameters = ("p",)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /documents/",
        "Disallow: /staff/",
        # Plain path prefixes only: parsers differ on `*`, `$` and `?` (Python's robotparser reads
        # `/photographs/?` as `/photographs/`). Filtered gallery states say noindex in their own page.
        "",
        f"Sitemap: {absolute(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """A trivial view: liveness for the load balancer, and the baseline `make bench` compares against."""
    return HttpResponse("ok\n", content_type="text/plain")


def search_page(request):
    found = search.search(request.GET.get("q", ""), request)
    title = _("Search: “%(q)s”") % {"q": found.q} if found.q else _("Search")
    description = _("Search the archive's photographs, artists, exhibitions, events, venues and communities.")
    return render(request, "sitewide/search.html", {"search": found, "title": title, "meta": page_meta(request, title, description)})


# The page cache keys the search on what it reads: each query is its own page.
search_page.query_parameters = ("q",)
