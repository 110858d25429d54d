"""
Browsing the public photographs: facets that combine, full-text search, a stable sort, pages, and
a photograph's neighbours within what the visitor was browsing.

Every state of the gallery is a plain GET query (?q=garden&community=bosnian&decade=1910s&page=2),
so any state can be shared, bookmarked and cached. Views stay thin: they call `browse()` and
`neighbours()` and hand the result to a template.

Facets are objects returned by `facets()`. Each filters a queryset by one value and counts its values with ONE
aggregate query, so the number of queries never grows with the number of photographs. A facet's
counts are taken with every other filter applied but not its own, so a visitor sees what choosing
another value of that facet would give. Another app adds a facet through the `register_gallery_facet`
hook (e.g. the exhibitions facet, a RelationFacet over string lookups, so gallery never imports exhibit).

Decades: a photograph belongs to every decade its approximate date range touches. "1910s" (191X,
1910-01-01..1919-12-31) is in the 1910s only; "ca. 1905" (1905~, a range around 1905) is in the
1900s; "1890/1910" is in the 1890s, 1900s and 1910s. Photographs without a date are in no decade.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Q
from django.db.models.functions import Cast, Substr
from django.http import QueryDict
from django.utils.translation import gettext as _, gettext_lazy
from wagtail import hooks
from wagtail.search.backends import get_search_backend

from . import counted, date_wording, text_match
from gallery.imaging.sizes import PRESETS, picture_specs
from .models import Artist, Community, Photograph

PAGE_SIZE = 24
MAX_QUERY_LENGTH = 200
# How many photographs at the top of a page load at once (the first row on a wide screen).
EAGER_COUNT = 4


# ---- facets ---------------------------------------------------------------------------------


@dataclass
class Option:
    value: str
    label: str
    count: int


class Facet:
    """One way to narrow the gallery. Subclasses parse a GET value, filter by it and count values."""

    param = ""
    label = ""

    def parse(self, raw):
        """The value to filter by, or None if `raw` is not one (bad values are ignored, never errors)."""
        raw = (raw or "").strip()
        return raw[:200] or None

    def apply(self, queryset, value):
        raise NotImplementedError

    def options(self, queryset):
        """Every value present in `queryset`, with how many photographs have it (one query)."""
        raise NotImplementedError


class RelationFacet(Facet):
    """A facet over a field or a relation reached by a lookup string (`communities__slug`)."""

    def __init__(self, param, label, value_lookup, label_lookup=None, labels=None):
        self.param, self.label = param, label
        self.value_lookup = value_lookup
        self.label_lookup = label_lookup or value_lookup
        self.labels = labels or {}

    def parse(self, raw):
        value = super().parse(raw)
        # A facet with a fixed set of values (kind) ignores anything else rather than showing nothing.
        return value if not self.labels or value in self.labels else None

    def apply(self, queryset, value):
        # A subquery, not a join: the results keep one row per photograph whatever the relation.
        matching = Photograph.objects.filter(**{self.value_lookup: value}).values("pk")
        return queryset.filter(pk__in=matching)

    def options(self, queryset):
        rows = (
            queryset.order_by()
            .values(self.value_lookup, self.label_lookup)
            .annotate(count=Count("pk", distinct=True))
            .order_by(self.label_lookup)
        )
        options = []
        for row in rows:
            value = row[self.value_lookup]
            if value in (None, ""):
                continue
            label = self.labels.get(value, row[self.label_lookup])
            options.append(Option(str(value), str(label), row["count"]))
        return options


class DecadeFacet(Facet):
    """Decades an approximate date range touches (see the module docstring for the rule)."""

    param, label = "decade", gettext_lazy("Decade")
    VALUE = re.compile(r"^([0-9]{3}0)s$")

    def parse(self, raw):
        match = self.VALUE.match((raw or "").strip())
        return int(match.group(1)) if match else None

    def apply(self, queryset, decade):
        return queryset.filter(
            date_earliest__lte=datetime.date(decade + 9, 12, 31), date_latest__gte=datetime.date(decade, 1, 1)
        )

    def options(self, queryset):
        # One query grouped by (first decade, last decade); a range's count goes to each decade it spans.
        # The decade is the ISO date's first three digits: plain string functions, native in SQLite and
        # PostgreSQL (SQLite's date extraction is a Python callback per row).
        rows = (
            queryset.order_by()
            .filter(date_earliest__isnull=False, date_latest__isnull=False)
            .annotate(
                first=Substr(Cast("date_earliest", CharField()), 1, 3),
                last=Substr(Cast("date_latest", CharField()), 1, 3),
            )
            .values("first", "last")
            .annotate(count=Count("pk"))
        )
        counts = {}
        for row in rows:
            for decade in range(int(row["first"]), int(row["last"]) + 1):
                counts[decade * 10] = counts.get(decade * 10, 0) + row["count"]
        # The value stays "1910s" in every language (addresses are shared); the label is the page's ("década de 1910").
        return [Option(f"{decade}s", date_wording.ACTIVE.decade % {"decade": decade}, count)
                for decade, count in sorted(counts.items())]


GALLERY_FACETS = [
    RelationFacet("community", gettext_lazy("Community"), "communities__slug", "communities__name"),
    RelationFacet("artist", gettext_lazy("Artist"), "artist__slug", "artist__name"),
    DecadeFacet(),
    RelationFacet("kind", gettext_lazy("Kind"), "kind", labels=dict(Photograph.Kind.choices)),
    RelationFacet("place", gettext_lazy("Place"), "place"),
]


def facets():
    """The gallery's own facets with those other apps add: each `register_gallery_facet` hook returns a
    facet, whose `before` (if any) names the param it goes in front of."""
    found = list(GALLERY_FACETS)
    for hook in hooks.get_hooks("register_gallery_facet"):
        facet = hook()
        params = [existing.param for existing in found]
        if facet.param not in params:
            before = getattr(facet, "before", None)
            found.insert(params.index(before) if before in params else len(found), facet)
    return found


# ---- sorting and search ---------------------------------------------------------------------

# Every order ends in pk, so pages never shuffle between requests.
SORTS = {
    "date": (gettext_lazy("Oldest first"), [F("date_earliest").asc(nulls_last=True), "title", "pk"]),
    "-date": (gettext_lazy("Newest first"), [F("date_latest").desc(nulls_last=True), "title", "pk"]),
    "title": (gettext_lazy("Title A–Z"), ["title", "pk"]),
    "added": (gettext_lazy("Recently added"), ["-created_at", "-pk"]),
}
# Each order as (field, descending, nulls last) keys, for finding a photograph's neighbours by the
# order's own key (keyset) rather than by listing every photograph before it.
SORT_KEYS = {
    "date": [("date_earliest", False, True), ("title", False, False), ("pk", False, False)],
    "-date": [("date_latest", True, True), ("title", False, False), ("pk", False, False)],
    "title": [("title", False, False), ("pk", False, False)],
    "added": [("created_at", True, False), ("pk", True, False)],
}
RELEVANCE = "relevance"
WORD = re.compile(r"\w+")
QUERY_OPERATORS = {"and", "or", "not", "near"}
# A typed year ("1905") also finds photographs whose approximate date covers it.
YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
# What a misspelled search is matched against when the full-text index finds nothing.
NEAR_FIELDS = [
    "title", "caption", "place", "creator_credit", "credit_line", "artist__name", "communities__name", "tags__name",
]


def search_matches(q, order_by_relevance=False):
    """Photographs whose indexed text matches every word of `q` (Wagtail's search backend).

    Searches all photographs and returns a queryset, so the public filter and the facets are
    plain ORM filters applied afterwards. With `order_by_relevance` the queryset is ordered by the
    backend's rank, ties broken by pk, so relevance is a stable order too.
    """
    # Only words reach the backend: FTS5 and tsquery give punctuation meanings a visitor never meant.
    words = [word for word in WORD.findall(q) if word.lower() not in QUERY_OPERATORS]
    if not words:
        return Photograph.objects.none()
    results = get_search_backend().search(
        " ".join(words), Photograph.objects.all(), operator="and", order_by_relevance=order_by_relevance
    )
    return results.get_queryset()


def dated_in(years):
    """Photographs whose approximate date range covers every one of `years`."""
    queryset = Photograph.objects.all()
    for year in years:
        queryset = queryset.filter(date_earliest__lte=datetime.date(year, 12, 31), date_latest__gte=datetime.date(year, 1, 1))
    return queryset


def near_matches(q):
    """Public photographs close to what was typed (accents and misspellings forgiven), in pk order."""
    typed = text_match.words(q)
    years = [int(word) for word in typed if YEAR.match(word)]
    others = " ".join(word for word in typed if not YEAR.match(word))
    if not others:
        return Photograph.objects.none()
    queryset = text_match.matching(Photograph.objects.public(), NEAR_FIELDS, others)
    return queryset.filter(pk__in=dated_in(years).values("pk")) if years else queryset


def search_vocabulary():
    """Every word the public can see on a photograph, for "did you mean" (a few queries, only asked
    when a search found nothing)."""
    photos = Photograph.objects.public()
    texts = []
    for row in photos.values_list("title", "caption", "place", "creator_credit"):
        texts.extend(row)
    texts.extend(Artist.objects.public().values_list("name", flat=True))
    texts.extend(Community.objects.public().values_list("name", flat=True))
    texts.extend(photos.filter(tags__isnull=False).values_list("tags__name", flat=True).distinct())
    return texts


# ---- the state of the gallery ---------------------------------------------------------------


@dataclass
class BrowseState:
    q: str = ""
    filters: dict = field(default_factory=dict)  # facet param -> parsed value
    sort: str = ""
    page: str = "1"
    near: bool = False  # the search found nothing as typed; these are near matches

    @classmethod
    def from_query(cls, query):
        """Read a QueryDict (or a query string); anything unknown or malformed is dropped."""
        if isinstance(query, str):
            query = QueryDict(query)
        q = " ".join(query.get("q", "").split())[:MAX_QUERY_LENGTH]
        filters = {}
        for facet in facets():
            value = facet.parse(query.get(facet.param))
            if value is not None:
                filters[facet.param] = value
        sort = query.get("sort", "")
        allowed = set(SORTS) | ({RELEVANCE} if q else set())
        if sort not in allowed:
            sort = ""
        return cls(q=q, filters=filters, sort=sort, page=query.get("page", "1"))

    @property
    def effective_sort(self):
        return self.sort or (RELEVANCE if self.q else "date")

    @property
    def is_filtered(self):
        return bool(self.q or self.filters)

    def params(self, **changes):
        """This state as ordered GET params, with `changes` (None removes a param; page resets)."""
        values = {"q": self.q}
        for facet in facets():
            value = self.filters.get(facet.param)
            values[facet.param] = f"{value}s" if isinstance(facet, DecadeFacet) and value is not None else value
        values["sort"] = self.sort
        values.update(changes)
        return [(key, str(value)) for key, value in values.items() if value not in (None, "")]

    def query_string(self, **changes):
        return urlencode(self.params(**changes))

    def url(self, base, **changes):
        query = self.query_string(**changes)
        return f"{base}?{query}" if query else base


def matching_ids(state):
    """The search's matches as a list of pks, best match first, asked of the backend once per
    generation of the archive's content (gallery.counted), not per facet or per request."""
    if not state.q:
        return None
    if not hasattr(state, "_matching_ids"):
        state._matching_ids, state.near = counted.remembered("matches", state.q, lambda: _search(state.q))
    return state._matching_ids


def _search(q):
    """(the pks matching `q`, best first; whether they are near matches, nothing matching as typed)."""
    ids = list(search_matches(q, order_by_relevance=True).values_list("pk", flat=True))
    typed = WORD.findall(q)
    years = [int(word) for word in typed if YEAR.match(word)]
    if years:
        # The year as a date, with the other words as text: "wedding 1905".
        others = " ".join(word for word in typed if not YEAR.match(word))
        dated = dated_in(years)
        if others:
            dated = dated.filter(pk__in=search_matches(others).values("pk"))
        found = set(ids)
        ids += [pk for pk in dated.order_by("date_earliest", "pk").values_list("pk", flat=True) if pk not in found]
    if ids:
        return ids, False
    ids = list(near_matches(q).values_list("pk", flat=True))
    return ids, bool(ids)


def filtered(state, exclude=None):
    """Public photographs matching the state's search and every facet except `exclude`."""
    queryset = Photograph.objects.public()
    if state.q:
        queryset = queryset.filter(pk__in=matching_ids(state))
    for facet in facets():
        if facet.param != exclude and facet.param in state.filters:
            queryset = facet.apply(queryset, state.filters[facet.param])
    return queryset


class RankedResults:
    """Search results in the backend's relevance order, sliceable like a queryset for Paginator."""

    def __init__(self, ranked_ids, queryset):
        self.ids, self.queryset = ranked_ids, queryset

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = {photo.pk: photo for photo in self.queryset.filter(pk__in=ids)}
        photos = [found[pk] for pk in ids if pk in found]
        return photos if isinstance(index, slice) else photos[0]

    def values_list(self, *args, **kwargs):
        return self.ids


class RememberedPages:
    """An ordered queryset's pages for Paginator, each page's pks found once per content generation
    (gallery.counted) under `key`: an ordered walk over a selection whose rows are rare in that order
    (a community's photographs by date) can read most of the table to fill one page. The page's rows
    are read through the queryset itself, so only what it still selects is shown."""

    def __init__(self, queryset, key, count):
        self.queryset, self.key, self._count = queryset, key, count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        ids = counted.remembered(
            "page", (self.key, index.start, index.stop), lambda: list(self.queryset[index].values_list("pk", flat=True))
        )
        # Unordered: the ids give the order, and an ORDER BY would let the planner walk the order's
        # index past every row before them instead of fetching these few by pk.
        found = {photo.pk: photo for photo in self.queryset.order_by().filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


def ordered(state, display=None):
    """The state's results in its stable order; `display` adds what a grid needs (with_display_data)."""
    if state.effective_sort == RELEVANCE:
        queryset = Photograph.objects.all()
        return RankedResults(ranked_ids(state), display(queryset) if display else queryset)
    queryset = filtered(state).order_by(*SORTS[state.effective_sort][1])
    return display(queryset) if display else queryset


def selection_key(state):
    """What decides which photographs a state selects (not their order or page), for gallery.counted."""
    return state.query_string(sort=None, page=None)


def ranked_ids(state):
    """The public photographs a search state selects, best match first (once per generation)."""

    matches = matching_ids(state)  # kept too; and it says whether they are near matches (state.near)

    def compute():
        wanted = set(filtered(state).values_list("pk", flat=True))
        return [pk for pk in matches if pk in wanted]

    return counted.remembered("ranked", selection_key(state), compute)


def total(state):
    """How many public photographs the state selects (once per generation)."""
    return counted.remembered("total", selection_key(state), lambda: filtered(state).count())


def facet_options(state, facet):
    """A facet's values and counts with every other filter of the state applied (once per generation)."""
    return counted.remembered(
        f"facet:{facet.param}", selection_key(state), lambda: facet.options(filtered(state, exclude=facet.param))
    )


class CountedPaginator(Paginator):
    """A Paginator told its count, so it does not ask the database for it."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def with_display_data(queryset, preset="grid"):
    """What a grid of pictures needs: artist, communities, the exact renditions the template asks for
    and the photographs' words in the page's language."""
    return (
        queryset.select_related("artist")
        .prefetch_related("communities")
        .prefetch_renditions(*picture_specs(PRESETS[preset]))
        .with_words()
    )


def public_photographs(preset="grid"):
    """Public photographs with what a grid of them shows, in the gallery's default order."""
    return with_display_data(Photograph.objects.public(), preset).order_by(*SORTS["date"][1])


# ---- what the gallery page shows -------------------------------------------------------------


@dataclass
class FacetGroup:
    param: str
    label: str
    options: list  # of dicts: label, count, url, selected
    selected_label: str = ""


@dataclass
class Browse:
    state: BrowseState
    page: object
    facets: list
    active: list  # of dicts: label, remove_url
    sorts: list  # of dicts: value, label, selected
    clear_url: str
    hidden: list  # (name, value) pairs the search form carries so a new search keeps the facets
    from_query: str  # the state, for links to photographs (prev/next stays in it)
    help: dict = None  # when nothing matched: what to try instead (see no_results_help)


def no_results_help(state, base_url):
    """What a visitor can do when nothing matched: a corrected spelling (filters kept), the same
    search without the filters, the search across the whole site."""
    help = {"did_you_mean": None, "without_filters": None}
    if state.q:
        corrected = text_match.suggestion(state.q, search_vocabulary())
        if corrected and corrected != text_match.fold(state.q):
            help["did_you_mean"] = {"q": corrected, "url": state.url(base_url, q=corrected, page=None)}
    if state.filters and state.q:
        unfiltered = BrowseState(q=state.q)
        count = total(unfiltered)
        if count:
            help["without_filters"] = {"count": count, "url": unfiltered.url(base_url)}
    return help


def browse(query, base_url, page_size=PAGE_SIZE):
    """Everything the gallery page shows for a GET query."""
    state = BrowseState.from_query(query)
    matching_ids(state)  # sets state.near, whatever the order
    results = ordered(state, display=with_display_data)
    if not isinstance(results, RankedResults):
        results = RememberedPages(results, ("gallery", selection_key(state), state.effective_sort), total(state))
    page = CountedPaginator(results, page_size, total(state)).get_page(state.page)
    groups, active = [], []
    for facet in facets():
        selected = state.filters.get(facet.param)
        selected_text = f"{selected}s" if isinstance(facet, DecadeFacet) and selected is not None else selected
        options = []
        selected_label = ""
        for option in facet_options(state, facet):
            is_selected = option.value == (str(selected_text) if selected is not None else None)
            if is_selected:
                selected_label = option.label
            options.append(
                {
                    "label": option.label,
                    "count": option.count,
                    "selected": is_selected,
                    "url": state.url(base_url, **{facet.param: None if is_selected else option.value, "page": None}),
                }
            )
        if selected is not None:
            active.append(
                {
                    "facet": facet.label,
                    "label": selected_label or str(selected_text),
                    "remove_url": state.url(base_url, **{facet.param: None}),
                }
            )
        if options:
            groups.append(FacetGroup(facet.param, facet.label, options, selected_label))
    if state.q:
        active.insert(0, {"facet": _("Search"), "label": f"“{state.q}”", "remove_url": state.url(base_url, q=None, sort=None)})
    sort_values = ([RELEVANCE] if state.q else []) + list(SORTS)
    default_sort = RELEVANCE if state.q else "date"
    sorts = [
        {
            "value": value,
            "label": _("Best match") if value == RELEVANCE else SORTS[value][0],
            "selected": value == state.effective_sort,
            "url": state.url(base_url, sort=None if value == default_sort else value, page=None),
        }
        for value in sort_values
    ]
    return Browse(
        state=state,
        page=page,
        facets=groups,
        active=active,
        sorts=sorts,
        clear_url=base_url,
        hidden=[(key, value) for key, value in state.params(q=None) if key != "sort" or value != RELEVANCE],
        from_query=state.query_string(),
        help=no_results_help(state, base_url) if state.is_filtered and not page.paginator.count else None,
    )


def page_links(page, url_for):
    """Previous/next/numbered links for a results page; `url_for(number)` keeps the rest of the state."""
    if not page.has_other_pages():
        return None
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "previous": url_for(page.previous_page_number()) if page.has_previous() else "",
        "next": url_for(page.next_page_number()) if page.has_next() else "",
        "pages": [
            {"number": number, "url": url_for(number) if isinstance(number, int) else "",
             "current": number == page.number}
            for number in numbers
        ],
    }


# ---- a photograph's neighbours within the visitor's context ---------------------------------


@dataclass
class Neighbours:
    previous: object  # Photograph or None
    next: object
    position: int  # 1-based
    total: int
    link_query: str  # appended to the previous/next links so the visitor stays in the context
    back_url: str
    back_label: str


def gallery_neighbours(request, photo, gallery_url):
    """Previous/next in the gallery state the visitor came from (?from=<the gallery's query>)."""
    if "from" not in request.GET:
        return None
    from_query = request.GET["from"][:2000]
    state = BrowseState.from_query(from_query)
    state.page = "1"
    context = dict(
        link_query=urlencode({"from": state.query_string()}),
        back_url=state.url(gallery_url),
        back_label=_("Back to the photographs") if not state.is_filtered else _("Back to your results"),
    )
    if state.effective_sort == RELEVANCE:
        return neighbours_in(ranked_ids(state), photo, **context)
    key = (selection_key(state), state.effective_sort)
    return keyset_neighbours(filtered(state), SORT_KEYS[state.effective_sort], photo, total(state), key, **context)


def _beyond(keys, photo, forward):
    """Q for the rows after `photo` (before it when not `forward`) in the order `keys` describe."""
    condition, equal = None, Q()
    for name, descending, nulls_last in keys:
        value = photo.pk if name == "pk" else getattr(photo, name)
        later = forward != descending  # the values that come after, for this key and direction
        if value is None:
            # Nulls last: nothing but other nulls follows a null; everything not null precedes it.
            step = Q(pk__in=[]) if forward else Q(**{f"{name}__isnull": False})
            same = Q(**{f"{name}__isnull": True})
        else:
            step = Q(**{f"{name}__{'gt' if later else 'lt'}": value})
            if nulls_last and forward:
                step |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        term = equal & step
        condition = term if condition is None else condition | term
        equal &= same
    return condition


def keyset_place(selection, keys, photo):
    """(the previous pk, the next pk, the 1-based position) of `photo` in `selection` ordered by `keys`,
    or None when it is not in it: the last row before its key and the first after it, each one indexed
    query, and its position counted from the rows before it."""
    order = [F(name).desc(nulls_last=nulls or None) if descending else F(name).asc(nulls_last=nulls or None)
             for name, descending, nulls in keys]
    reverse = [F(name).asc(nulls_first=nulls or None) if descending else F(name).desc(nulls_first=nulls or None)
               for name, descending, nulls in keys]
    before = _beyond(keys, photo, forward=False)
    counts = selection.filter(before | Q(pk=photo.pk)).aggregate(
        before=Count("pk", filter=before), here=Count("pk", filter=Q(pk=photo.pk))
    )
    if not counts["here"]:
        return None
    pks = selection.values_list("pk", flat=True)
    previous = pks.filter(before).order_by(*reverse).first()
    following = pks.filter(_beyond(keys, photo, forward=True)).order_by(*order).first()
    return previous, following, counts["before"] + 1


def keyset_neighbours(selection, keys, photo, count, key, link_query, back_url, back_label):
    """Neighbours of `photo` in `selection` ordered by `keys`, found once per content generation
    (gallery.counted, under `key`); the two are read through `selection`, so only what it still selects."""
    place = counted.remembered("neighbours", (key, photo.pk), lambda: keyset_place(selection, keys, photo) or ())
    if not place:
        return None
    previous, following, position = place
    found = {p.pk: p for p in selection.filter(pk__in=[pk for pk in (previous, following) if pk]).only("pk", "title")}
    return Neighbours(
        previous=found.get(previous), next=found.get(following), position=position, total=count,
        link_query=link_query, back_url=back_url, back_label=back_label,
    )


def neighbours_in(ordered_pks, photo, link_query, back_url, back_label):
    """Neighbours of `photo` in an ordered pk queryset (one query for the order, one for the two)."""
    pks = list(ordered_pks)
    try:
        index = pks.index(photo.pk)
    except ValueError:
        return None
    wanted = [pk for pk in (pks[index - 1] if index else None, pks[index + 1] if index + 1 < len(pks) else None) if pk]
    found = {p.pk: p for p in Photograph.objects.filter(pk__in=wanted).only("pk", "title")} if wanted else {}
    return Neighbours(
        previous=found.get(pks[index - 1]) if index else None,
        next=found.get(pks[index + 1]) if index + 1 < len(pks) else None,
        position=index + 1,
        total=len(pks),
        link_query=link_query,
        back_url=back_url,
        back_label=back_label,
    )


def gallery_parameters():
    """Every GET parameter the gallery reads (facets added by other apps included), for the page cache."""
    return ["q", *(facet.param for facet in facets()), "sort", "page"]


def photograph_parameters():
    """Every GET parameter a photograph page reads: `from`, and what each `photograph_neighbours`
    hook names in its `query_parameters` attribute."""
    names = ["from"]
    for resolver in hooks.get_hooks("photograph_neighbours"):
        names += [name for name in getattr(resolver, "query_parameters", ()) if name not in names]
    return names


def neighbours(request, photo, gallery_url):
    """Previous/next within what the visitor came from: the contexts other apps add through the
    `photograph_neighbours` hook (each takes (request, photo) and returns Neighbours or None, e.g. an
    exhibition's order) come first, then the gallery state the visitor browsed."""
    for resolver in hooks.get_hooks("photograph_neighbours"):
        result = resolver(request, photo)
        if result is not None:
            return result
    return gallery_neighbours(request, photo, gallery_url)
