from django.conf import settings
from django.urls import reverse

from exhibit.models import ExhibitionIndexPage
from gallery.base_url import absolute


def _exhibitions_url():
    index = ExhibitionIndexPage.objects.live().public().first()
    return index.url if index else None


def site(request):
    """What every public page's frame shows: the site's name, its main navigation, default meta."""
    path = request.path
    gallery = reverse("gallery:index")
    items = [("Home", "/"), ("Photographs", gallery)]
    exhibitions_url = _exhibitions_url()
    if exhibitions_url:
        items.append(("Exhibitions", exhibitions_url))
    items += [
        ("Events", reverse("exhibit:events")),
        ("Artists", reverse("gallery:artist_index")),
        ("Communities", reverse("gallery:community_index")),
    ]
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "main_nav": [
            {"label": label, "url": url, "current": path == url, "section": url != "/" and path.startswith(url)}
            for label, url in items
        ],
        "gallery_url_root": gallery,
        "site_search_url": reverse("search"),
        "site_search_q": request.GET.get("q", "")[:200] if path == reverse("search") else "",
        # Pages that say more about themselves (a photograph, an artist) pass their own `meta`.
        "default_meta": {"canonical": absolute(path), "title": settings.WAGTAIL_SITE_NAME},
    }
