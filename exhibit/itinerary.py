"""
Where an exhibition is now and where it goes next. "Today" is the date at the venue, in the venue's
time zone, so the question is answered as a visitor standing at the door would answer it.
Callers pass `now` (an aware datetime): tests freeze the clock by passing it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

CURRENT, UPCOMING, PAST = "current", "upcoming", "past"


def local_today(venue, now: datetime) -> date:
    return now.astimezone(venue.zone).date()


def showing_state(showing, now: datetime) -> str:
    today = local_today(showing.venue, now)
    if today < showing.opens:
        return UPCOMING
    if today > showing.closes:
        return PAST
    return CURRENT


@dataclass
class Itinerary:
    stops: list  # showings, in date order
    current: object = None  # the showing open today, if any
    next: object = None  # the first stop still to open

    @property
    def state(self):
        if self.current:
            return CURRENT
        if self.next or not self.stops:
            return UPCOMING
        return PAST


def itinerary(showings, now: datetime) -> Itinerary:
    stops = sorted(showings, key=lambda showing: (showing.opens, showing.closes))
    plan = Itinerary(stops=stops)
    for showing in stops:
        state = showing_state(showing, now)
        if state == CURRENT and plan.current is None:
            plan.current = showing
        elif state == UPCOMING and plan.next is None:
            plan.next = showing
    return plan


@dataclass
class ExhibitionGroups:
    current: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    past: list = field(default_factory=list)


def exhibitions_by_status(exhibitions, now: datetime) -> ExhibitionGroups:
    """Split exhibitions into current, upcoming (soonest first) and past (latest first)."""
    groups = ExhibitionGroups()
    for exhibition in exhibitions:
        plan = itinerary(exhibition.showings.select_related("venue"), now)
        getattr(groups, plan.state).append((exhibition, plan))
    groups.upcoming.sort(key=lambda pair: pair[1].next.opens if pair[1].next else date.max)
    groups.past.sort(key=lambda pair: pair[1].stops[-1].closes, reverse=True)
    return groups


def events_outside_their_showing(showings):
    """Events dated outside their stop's dates: maybe a preview or a talk elsewhere, maybe a typo."""
    found = []
    for showing in showings:
        if not (showing.opens and showing.closes):
            continue
        for event in showing.events.all():
            if event.date and not (showing.opens <= event.date <= showing.closes):
                found.append((showing, event))
    return found
