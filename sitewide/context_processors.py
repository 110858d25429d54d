from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from exhibit.models import ExhibitionIndexPage
from gallery import languages
from gallery.base_url import absolute


def _exhibitions_url():
    # The default language's index, read in the visitor's language where it is translated.
    index = ExhibitionIndexPage.objects.live().public().filter(locale__language_code=languages.default_content_language()).first()
    return index.localized.url if index else None


def site(request):
    """What every public page's frame shows: the site's name, its main navigation, default meta."""
    path = request.path
    gallery = reverse("gallery:index")
    home = languages.prefix(translation.get_language()) + "/"
    items = [(_("Home"), home), (_("Photographs"), gallery)]
    exhibitions_url = _exhibitions_url()
    if exhibitions_url:
        items.append((_("Exhibitions"), exhibitions_url))
    items += [
        (_("Events"), reverse("exhibit:events")),
        (_("Artists"), reverse("gallery:artist_index")),
        (_("Communities"), reverse("gallery:community_index")),
    ]
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "main_nav": [
            {"label": label, "url": url, "current": path == url, "section": url != home and path.startswith(url)}
            for label, url in items
        ],
        "home_url": home,
        "gallery_url_root": gallery,
        "site_search_url": reverse("search"),
        "site_search_q": request.GET.get("q", "")[:200] if path == reverse("search") else "",
        # Pages that say more about themselves (a photograph, an artist) pass their own `meta`.
        "default_meta": {"canonical": absolute(path), "title": settings.WAGTAIL_SITE_NAME},
    }
