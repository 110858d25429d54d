"""
The public read-only JSON API at /api/v1/ (django-ninja, OpenAPI description at
/api/v1/openapi.json). Every item goes through the same public() rule as the pages, and holds only
what the public pages show: records.photograph_data is the one description of a photograph.
Rate limiting and CORS are in opendata.middleware, in front of every route here.
"""

from datetime import date
from typing import Optional

from django.core.paginator import EmptyPage, Paginator
from django.http import QueryDict
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from exhibit.models import Event, ExhibitionPage, Venue
from gallery import browse
from gallery.base_url import absolute
from gallery.models import Artist, Community

from . import records

api = NinjaAPI(
    title="Faces & Places public API",
    version="1.0.0",
    description="Read-only, keyless JSON for the archive's public photographs, artists, communities, exhibitions, venues "
                "and events. Rate limited per client (HTTP 429 with Retry-After).",
    urls_namespace="api_v1",
    docs_url=None,
)

MAX_PAGE_SIZE = 100


class Message(Schema):
    detail: str


class Link(Schema):
    slug: str
    name: str
    url: str


class Rights(Schema):
    uri: str
    label: str
    plain: str


class CameraFact(Schema):
    label: str
    value: str


class ExhibitionLink(Schema):
    slug: str
    title: str
    url: str


class PhotographOut(Schema):
    id: int
    iiif_identifier: str
    title: str
    alt_text: str
    caption: str
    creator: str
    artist: Optional[Link]
    date: str = Field(description="EDTF, as the archive records it: 1905~, 191X, 2013-10, 1890/1910")
    date_display: str
    date_earliest: Optional[str]
    date_latest: Optional[str]
    kind: str
    kind_display: str
    place: str
    communities: list[Link]
    keywords: list[str]
    source: str
    credit_line: str
    rights: Optional[Rights]
    camera: list[CameraFact]
    width: int
    height: int
    url: str
    iiif_manifest: str
    iiif_image: str
    exhibitions: list[ExhibitionLink]
    language: str = Field(description="The language of the words above (the archive's catalogue language)")
    translations: dict[str, dict[str, str]] = Field(
        description='The words in the site\'s other languages, each field only where translated: {"es": {"title": "..."}}')


class Page(Schema):
    count: int
    page: int
    pages: int
    next: Optional[str]
    previous: Optional[str]


class PhotographList(Page):
    results: list[PhotographOut]


class ArtistOut(Schema):
    slug: str
    name: str
    bio: str
    website: str
    communities: list[Link]
    url: str
    photographs: str = Field(description="The API query for this artist's photographs")


class ArtistList(Page):
    results: list[ArtistOut]


class CommunityOut(Schema):
    slug: str
    name: str
    description: str
    url: str
    photographs: str


class CommunityList(Page):
    results: list[CommunityOut]


class ShowingOut(Schema):
    venue: Link
    opens: date
    closes: date


class ExhibitionOut(Schema):
    slug: str
    title: str
    summary: str
    url: str
    iiif_manifest: str
    showings: list[ShowingOut]
    photographs: list[int] = Field(description="Ids of its public photographs, in the exhibition's order")


class ExhibitionList(Page):
    results: list[ExhibitionOut]


class VenueOut(Schema):
    slug: str
    name: str
    street_address: str
    city: str
    state: str
    postal_code: str
    time_zone: str
    website: str
    hours: str
    accessibility_notes: str
    url: str


class VenueList(Page):
    results: list[VenueOut]


class EventOut(Schema):
    title: str
    kind: str
    kind_display: str
    date: date
    start_time: Optional[str] = Field(pattern=r"^\d\d:\d\d$", description="Wall-clock time at the venue (see time_zone); null for Time TBA")
    end_time: Optional[str] = Field(pattern=r"^\d\d:\d\d$")
    time_zone: str = Field(description="The venue's IANA time zone")
    time_tba: bool
    status: str
    previous_date: Optional[date]
    speakers: list[str]
    description: str
    rsvp_url: str
    venue: Link
    exhibition: ExhibitionLink


class EventList(Page):
    results: list[EventOut]


class Paging(Schema):
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(24, ge=1, le=MAX_PAGE_SIZE)


class PhotographFilters(Paging):
    q: Optional[str] = Field(None, max_length=200, description="Full-text search, as the gallery's")
    community: Optional[str] = Field(None, max_length=200, description="Community slug")
    artist: Optional[str] = Field(None, max_length=200, description="Artist slug")
    exhibition: Optional[str] = Field(None, max_length=200, description="Exhibition slug")
    decade: Optional[str] = Field(None, max_length=10, description="e.g. 1910s")
    kind: Optional[str] = Field(None, max_length=20, description="contemporary or historical")
    place: Optional[str] = Field(None, max_length=255)
    sort: Optional[str] = Field(None, max_length=20, description="As the gallery's sort menu")


class EventFilters(Paging):
    venue: Optional[str] = Field(None, max_length=200, description="Venue slug")
    exhibition: Optional[str] = Field(None, max_length=200, description="Exhibition slug")
    start: Optional[date] = Field(None, description="Events on or after this date")
    end: Optional[date] = Field(None, description="Events on or before this date")


NOT_FOUND = {"detail": "Not found."}
LIST_RESPONSES = {400: Message, 404: Message, 429: Message}
ITEM_RESPONSES = {400: Message, 404: Message, 429: Message}


def paginate(request, items, paging, to_json):
    paginator = Paginator(items, paging.page_size)
    try:
        page = paginator.page(paging.page)
    except EmptyPage:
        if paging.page != 1:
            return Status(404, {"detail": f"There is no page {paging.page}."})
        page = paginator.page(1)

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return absolute(f"{request.path}?{query.urlencode()}")

    return Status(200, {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": to_json(list(page.object_list)),
    })


def absolute_photograph(request, data):
    data = dict(data)
    for key in ("url", "iiif_manifest", "iiif_image"):
        data[key] = absolute(data[key])
    if data["artist"]:
        data["artist"] = dict(data["artist"], url=absolute(data["artist"]["url"]))
    data["communities"] = [dict(entry, url=absolute(entry["url"])) for entry in data["communities"]]
    data["exhibitions"] = [dict(entry, url=absolute(entry["url"])) for entry in data["exhibitions"]]
    return data


@api.get("/photographs", response={200: PhotographList, **LIST_RESPONSES}, tags=["photographs"])
def photographs(request, filters: Query[PhotographFilters]):
    """Public photographs, filtered and sorted as the gallery filters and sorts them."""
    query = {key: value for key, value in filters.dict().items() if value is not None and key not in ("page", "page_size")}
    state = browse.BrowseState.from_query(_querydict(query))
    ordered = browse.ordered(state)
    ids = ordered.ids if isinstance(ordered, browse.RankedResults) else ordered.values_list("pk", flat=True)

    def to_json(page_ids):
        found = records.photographs(page_ids)
        return [absolute_photograph(request, found[pk]) for pk in page_ids if pk in found]

    return paginate(request, list(ids), filters, to_json)


def _querydict(values):
    query = QueryDict(mutable=True)
    query.update(values)
    return query


@api.get("/photographs/{photo_id}", response={200: PhotographOut, **ITEM_RESPONSES}, tags=["photographs"])
def photograph(request, photo_id: int):
    found = records.photographs([photo_id]) if -2**63 < photo_id < 2**63 else {}
    if photo_id not in found:
        return Status(404, NOT_FOUND)
    return Status(200, absolute_photograph(request, found[photo_id]))


def public_artists():
    """The artists that have a public page, by the same rule as those pages."""
    return Artist.objects.public().prefetch_related("communities")


def public_communities():
    return Community.objects.public()


def link(request, obj, name=None):
    return {"slug": obj.slug, "name": name or obj.name, "url": absolute(obj.get_absolute_url())}


def artist_json(request, artist):
    return {
        "slug": artist.slug, "name": artist.name, "bio": artist.bio, "website": artist.website,
        "communities": [link(request, community) for community in artist.communities.all()],
        "url": absolute(artist.get_absolute_url()),
        "photographs": absolute(f"{api_path('photographs')}?artist={artist.slug}"),
    }


def community_json(request, community):
    return {
        "slug": community.slug, "name": community.name, "description": community.description,
        "url": absolute(community.get_absolute_url()),
        "photographs": absolute(f"{api_path('photographs')}?community={community.slug}"),
    }


def api_path(name):
    return reverse(f"api_v1:{name}")


@api.get("/artists", response={200: ArtistList, **LIST_RESPONSES}, tags=["artists"])
def artists(request, paging: Query[Paging]):
    return paginate(request, public_artists().order_by("name", "pk"), paging, lambda page: [artist_json(request, a) for a in page])


@api.get("/artists/{slug}", response={200: ArtistOut, **ITEM_RESPONSES}, tags=["artists"])
def artist(request, slug: str):
    found = public_artists().filter(slug=slug).first()
    return Status(200, artist_json(request, found)) if found else Status(404, NOT_FOUND)


@api.get("/communities", response={200: CommunityList, **LIST_RESPONSES}, tags=["communities"])
def communities(request, paging: Query[Paging]):
    return paginate(request, public_communities().order_by("name", "pk"), paging, lambda page: [community_json(request, c) for c in page])


@api.get("/communities/{slug}", response={200: CommunityOut, **ITEM_RESPONSES}, tags=["communities"])
def community(request, slug: str):
    found = public_communities().filter(slug=slug).first()
    return Status(200, community_json(request, found)) if found else Status(404, NOT_FOUND)


def exhibition_json(request, page):
    return {
        "slug": page.slug, "title": page.title, "summary": page.summary,
        "url": page.get_full_url(request) or "",
        "iiif_manifest": absolute(reverse("exhibit:iiif_exhibition_manifest", args=[page.slug])),
        "showings": [
            {"venue": link(request, showing.venue), "opens": showing.opens, "closes": showing.closes}
            for showing in page.ordered_showings()
        ],
        "photographs": [entry["photo"].pk for entry in page.public_photographs()],
    }


def exhibitions_queryset():
    return ExhibitionPage.objects.public().prefetch_related("showings__venue").order_by("title", "pk")


@api.get("/exhibitions", response={200: ExhibitionList, **LIST_RESPONSES}, tags=["exhibitions"])
def exhibitions(request, paging: Query[Paging]):
    return paginate(request, exhibitions_queryset(), paging, lambda page: [exhibition_json(request, e) for e in page])


@api.get("/exhibitions/{slug}", response={200: ExhibitionOut, **ITEM_RESPONSES}, tags=["exhibitions"])
def exhibition(request, slug: str):
    found = exhibitions_queryset().filter(slug=slug).first()
    return Status(200, exhibition_json(request, found)) if found else Status(404, NOT_FOUND)


def venue_json(request, venue):
    fields = ("slug", "name", "street_address", "city", "state", "postal_code", "time_zone", "website", "hours", "accessibility_notes")
    data = {name: getattr(venue, name) for name in fields}
    data["url"] = absolute(venue.get_absolute_url())
    return data


@api.get("/venues", response={200: VenueList, **LIST_RESPONSES}, tags=["venues"])
def venues(request, paging: Query[Paging]):
    return paginate(request, Venue.objects.order_by("name", "pk"), paging, lambda page: [venue_json(request, v) for v in page])


@api.get("/venues/{slug}", response={200: VenueOut, **ITEM_RESPONSES}, tags=["venues"])
def venue(request, slug: str):
    found = Venue.objects.filter(slug=slug).first()
    return Status(200, venue_json(request, found)) if found else Status(404, NOT_FOUND)


def event_json(request, event):
    exhibition = event.showing.exhibition
    return {
        "title": event.display_title, "kind": event.kind, "kind_display": event.get_kind_display(),
        "date": event.date, "time_tba": event.time_tba, "time_zone": event.showing.venue.time_zone,
        "start_time": event.start_time.strftime("%H:%M") if event.start_time else None,
        "end_time": event.end_time.strftime("%H:%M") if event.end_time else None,
        "status": event.status, "previous_date": event.previous_date, "speakers": event.speaker_names,
        "description": event.description, "rsvp_url": event.rsvp_url,
        "venue": link(request, event.showing.venue),
        "exhibition": {"slug": exhibition.slug, "title": exhibition.title, "url": exhibition.get_full_url(request) or ""},
    }


@api.get("/events", response={200: EventList, **LIST_RESPONSES}, tags=["events"])
def events(request, filters: Query[EventFilters]):
    queryset = Event.objects.public().for_listing()
    if filters.venue:
        queryset = queryset.filter(showing__venue__slug=filters.venue)
    if filters.exhibition:
        queryset = queryset.filter(showing__exhibition__slug=filters.exhibition)
    if filters.start:
        queryset = queryset.filter(date__gte=filters.start)
    if filters.end:
        queryset = queryset.filter(date__lte=filters.end)
    return paginate(request, queryset, filters, lambda page: [event_json(request, e) for e in page])


@api.exception_handler(NinjaValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": "Invalid parameters: " + "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}" for error in exc.errors
    )}, status=400)
