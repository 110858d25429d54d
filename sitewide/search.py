"""
One search over everything the public can see, grouped by kind: photographs (through the gallery's
own search, so both agree), artists, exhibitions, venues, events and communities.

Every kind is matched by gallery.text_match, which forgives accents and misspellings on both
databases; exhibitions' text (their body too) also through the full-text index, which on PostgreSQL
reads the visitor's language (gallery.search_backend). A "did you mean" is offered when nothing at
all matched. Only public things are searched: each kind starts from the same public queryset its pages use.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _, gettext_lazy
from wagtail.search.backends import get_search_backend

from exhibit import event_text
from exhibit.models import Event, ExhibitionPage, Venue
from gallery import browse, text_match
from gallery.words import Wording
from gallery.models import Artist, Community

# How many results of each kind the page lists; the gallery shows all the photographs.
PER_KIND = 8


@dataclass
class Result:
    title: str
    url: str
    detail: str = ""


@dataclass
class Group:
    kind: str
    label: str
    count: int
    results: list
    more_url: str = ""


@dataclass
class SiteSearch:
    q: str
    groups: list = field(default_factory=list)
    did_you_mean: dict = None
    near: bool = False

    @property
    def total(self):
        return sum(group.count for group in self.groups)


def _short(text):
    """The first 160 characters; a record's translated words (a Wording) keep their language."""
    short = Truncator(" ".join((text or "").split())).chars(160)
    language = getattr(text, "content_language", None)
    return Wording(short, language) if language else short


def photographs(q, request):
    state = browse.BrowseState.from_query({"q": q})
    found = browse.ordered(state, display=lambda queryset: queryset.with_words())
    count = found.count()
    rows = found[:PER_KIND]
    results = [
        Result(photo.words().title, photo.get_absolute_url(),
               " · ".join(part for part in (photo.date_display, photo.creator_name) if part))
        for photo in rows
    ]
    return count, results, state.url(reverse("gallery:index")), state.near


def _matched(queryset, fields, q, to_result):
    matches = text_match.matching(queryset, fields, q)
    count = matches.count()
    return count, [to_result(item) for item in matches[:PER_KIND]]


def artists(q, request):
    return _matched(
        Artist.objects.public().prefetch_related("translations"), ["name", "bio", "translations__bio"], q,
        lambda artist: Result(artist.name, artist.get_absolute_url(), _short(artist.words().bio)),
    )


def indexed(model, q):
    """Records of `model` whose indexed text has every word of `q` (Wagtail's search backend), as a
    queryset to filter by: the public filters are applied by the caller, as browse does."""
    typed = [word for word in browse.WORD.findall(q) if word.lower() not in browse.QUERY_OPERATORS]
    if not typed:
        return model.objects.none()
    return get_search_backend().search(" ".join(typed), model.objects.all(), operator="and", order_by_relevance=False).get_queryset()


def exhibitions(q, request):
    """Exhibitions whose title or summary is close to `q`, then those whose text has its words."""
    pages = ExhibitionPage.objects.public()
    named = text_match.matching(pages, ["title", "summary"], q).values("pk")
    found = pages.filter(Q(pk__in=named) | Q(pk__in=indexed(ExhibitionPage, q).values("pk"))).annotate(
        _named=Case(When(pk__in=named, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("_named", "path")
    rows = found[:PER_KIND]
    return found.count(), [Result(page.title, page.get_url(request) or "", _short(page.summary)) for page in rows]


def venues(q, request):
    return _matched(
        Venue.objects.all(), ["name", "city", "street_address"], q,
        lambda venue: Result(venue.name, venue.get_absolute_url(), venue.locality),
    )


def events(q, request):
    def row(event):
        where = event.showing.exhibition
        return Result(
            event.display_title,
            where.get_url(request) or "",
            f"{event_text.when(event)} · {event.showing.venue.name}",
        )

    return _matched(Event.objects.public().for_listing(), ["title", "description", "speakers", "speaker_artists__name"], q, row)


def communities(q, request):
    return _matched(
        Community.objects.public().prefetch_related("translations"), ["name", "description", "translations__description"], q,
        lambda community: Result(community.name, community.get_absolute_url(), _short(community.words().description)),
    )


KINDS = [
    ("exhibitions", gettext_lazy("Exhibitions"), exhibitions),
    ("events", gettext_lazy("Events"), events),
    ("venues", gettext_lazy("Venues"), venues),
    ("communities", gettext_lazy("Communities"), communities),
]


def vocabulary():
    """Every public name and title, for "did you mean"."""
    texts = browse.search_vocabulary()
    texts.extend(ExhibitionPage.objects.public().values_list("title", flat=True))
    texts.extend(Venue.objects.values_list("name", flat=True))
    texts.extend(Event.objects.public().for_listing().values_list("title", flat=True))
    return texts


def search(q, request):
    q = " ".join((q or "").split())[: browse.MAX_QUERY_LENGTH]
    result = SiteSearch(q=q)
    if not text_match.words(q):
        return result
    # Artists first: a name typed is most often a person's.
    count, rows = artists(q, request)
    if count:
        result.groups.append(Group("artists", _("Artists"), count, rows))
    count, rows, more_url, result.near = photographs(q, request)
    if count:
        result.groups.append(Group("photographs", _("Photographs"), count, rows, more_url))
    for kind, label, find in KINDS:
        count, rows = find(q, request)
        if count:
            result.groups.append(Group(kind, label, count, rows))
    if not result.groups:
        corrected = text_match.suggestion(q, vocabulary())
        if corrected:
            result.did_you_mean = {"q": corrected, "url": f"{reverse('search')}?{urlencode({'q': corrected})}"}
    return result
