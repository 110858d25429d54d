"""
Exhibitions inside the gallery's pages, plugged in through the hooks the gallery asks (gallery never
imports exhibit): the exhibition facet, previous/next in an exhibition's order, and the exhibitions
a photograph, an artist or a community appears in. Registered in exhibit's wagtail_hooks.
"""

from django.core.exceptions import BadRequest
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from gallery import browse, related
from gallery.base_url import page_url
from gallery.models import Artist, Community

from . import appearances
from .models import Event, ExhibitionPage, ExhibitionPhotograph
from .request_input import parse_id

RELATED_TEMPLATE = "exhibit/includes/appearances.html"


class ExhibitionFacet(browse.RelationFacet):
    """Live, public exhibitions by slug; an unpublished or private exhibition is never an option."""

    # After community and artist, before decade.
    before = "decade"

    def __init__(self):
        super().__init__("exhibition", gettext_lazy("Exhibition"), "exhibition_items__page__slug", "exhibition_items__page__title")

    def items(self):
        return ExhibitionPhotograph.objects.filter(page__in=ExhibitionPage.objects.public())

    def apply(self, queryset, value):
        return queryset.filter(pk__in=self.items().filter(page__slug=value).values("photograph_id"))

    def options(self, queryset):
        # Counted from the exhibitions' side: one aggregate over the photographs the gallery shows.
        rows = (
            self.items()
            .filter(photograph__in=queryset.order_by().values("pk"))
            .values("page__slug", "page__title")
            .annotate(count=Count("photograph_id", distinct=True))
            .order_by("page__title", "page__slug")
        )
        return [browse.Option(row["page__slug"], row["page__title"], row["count"]) for row in rows]


def exhibition_neighbours(request, photo):
    """Previous/next in the order of the exhibition the visitor came from (?exhibition=<page id>)."""
    raw = request.GET.get("exhibition", "")
    if not raw:
        return None
    page_id = parse_id(raw)
    if page_id is None:
        raise BadRequest("exhibition must be the id of an exhibition")
    page = ExhibitionPage.objects.public().filter(pk=page_id).first()
    if page is None:
        return None
    order = (
        ExhibitionPhotograph.objects.filter(page=page).of_public()
        .order_by("sort_order", "pk")
        .values_list("photograph_id", flat=True)
    )
    return browse.neighbours_in(
        order, photo, link_query=page.photograph_link_query(), back_url=page.get_url(request),
        back_label=_("Back to the exhibition “%(title)s”") % {"title": page.title},
    )


# The page cache keys photograph pages on what this reads.
exhibition_neighbours.query_parameters = ("exhibition",)


def section(entries):
    return related.Section(RELATED_TEMPLATE, {"heading": _("Exhibitions"), "exhibitions": entries}) if entries else None


def photograph_exhibitions(request, photo):
    return section(appearances.for_photograph(photo, timezone.now(), request))


def artist_exhibitions(request, artist):
    return section(appearances.for_artist(artist, timezone.now(), request))


def community_exhibitions(request, community):
    return section(appearances.for_community(community, timezone.now(), request))



# An artist featured in or speaking at a public exhibition, and a community a public exhibition is
# about, are public without a public photograph: the exhibition's page already names them.
def featured_artists():
    return Artist.objects.filter(featured_in_exhibitions__in=ExhibitionPage.objects.public()).values("pk")


def speaking_artists():
    return Artist.objects.filter(speaking_at__in=Event.objects.public()).values("pk")


def exhibition_communities():
    return Community.objects.filter(exhibitions__in=ExhibitionPage.objects.public()).values("pk")


def photograph_part_of(photo):
    """The public exhibitions a photograph is shown in, for its JSON-LD `isPartOf` (one query)."""
    pages = ExhibitionPage.objects.public().filter(pk__in=appearances.holding([photo.pk])).order_by("title", "pk")
    return [{"name": page.title, "url": page_url(page)} for page in pages]
