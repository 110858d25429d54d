"""
The exhibitions a photograph, an artist or a community appears in, with where and when each was
shown, for the gallery's detail pages (registered in exhibit.gallery_hooks).

Only live, public exhibitions count, and an artist or a community is linked to an exhibition only
by what the public may see: being featured or tagged on the exhibition, or a public photograph in
it (a withheld photograph must not reveal, by its exhibition, that it exists). Two queries whatever
the number of exhibitions or stops: the pages, then their showings with venues. An exhibition is
tested through its own items (EXISTS, a few dozen index lookups), never by listing every photograph
of an artist or a community, which in a large archive is most of the table.
"""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q

from gallery.models import Photograph

from . import event_text
from .itinerary import CURRENT, PAST, UPCOMING, itinerary, showing_state
from .models import ExhibitionPage, ExhibitionPhotograph, Showing
from .presenters import STATE_LABELS


def exhibitions_with(*conditions):
    """Public exhibitions meeting any of `conditions` (each a Q or an Exists), showings and venues prefetched."""
    condition = Q()
    for one in conditions:
        condition |= one
    return ExhibitionPage.objects.public().filter(condition).prefetch_related(
        Prefetch("showings", queryset=Showing.objects.select_related("venue").order_by("opens", "closes", "pk"))
    )


def holding(photographs):
    """Exhibitions (as page ids) that hold any of `photographs` (a few pks)."""
    return ExhibitionPhotograph.objects.filter(photograph__in=photographs).values("page_id")


def holding_public(photographs):
    """The exhibition holds a public photograph among `photographs` (a Photograph queryset)."""
    return Exists(ExhibitionPhotograph.objects.filter(page=OuterRef("pk")).of_public(photographs))


def stop_row(showing, now):
    state = showing_state(showing, now)
    return {
        "venue": showing.venue,
        "venue_url": showing.venue.get_absolute_url(),
        "dates": event_text.date_span(showing.opens, showing.closes),
        "state": state,
        "note": "" if state == PAST else STATE_LABELS[state],  # a closed stop's dates say it
    }


def appearance(page, now, request=None):
    """One exhibition as a detail page lists it: title, link, where it stands, every stop with dates."""
    plan = itinerary(page.showings.all(), now)
    return {
        "page": page,
        "title": page.title,
        "url": page.get_url(request),
        "plan": plan,
        "stops": [stop_row(showing, now) for showing in plan.stops],
    }


def in_order(entries):
    """On now first, then coming up (soonest first), then closed (latest first), as the exhibitions index."""
    rank = {CURRENT: 0, UPCOMING: 1, PAST: 2}

    def key(entry):
        plan = entry["plan"]
        if plan.state == CURRENT:
            when = plan.current.opens.toordinal()
        elif plan.state == UPCOMING:
            when = plan.next.opens.toordinal() if plan.next else date.max.toordinal()
        else:
            when = -plan.stops[-1].closes.toordinal()
        return (rank[plan.state], when, entry["title"])

    return sorted(entries, key=key)


def appearances(pages, now, request=None):
    return in_order([appearance(page, now, request) for page in pages])


def for_photograph(photo, now, request=None):
    """`photo` is public already (its page answers 404 otherwise)."""
    held = ExhibitionPhotograph.objects.filter(photograph=photo).values("page_id")
    return appearances(exhibitions_with(Q(pk__in=held)), now, request)


def for_artist(artist, now, request=None):
    featuring = ExhibitionPage.objects.filter(featured_artists=artist).values("pk")
    photographs = Photograph.objects.filter(artist=artist)
    return appearances(exhibitions_with(Q(pk__in=featuring), holding_public(photographs)), now, request)


def for_community(community, now, request=None):
    tagged = ExhibitionPage.objects.filter(communities=community).values("pk")
    photographs = Photograph.objects.filter(communities=community)
    return appearances(exhibitions_with(Q(pk__in=tagged), holding_public(photographs)), now, request)
