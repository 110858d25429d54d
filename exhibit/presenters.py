"""
Showings, events and itineraries as a visitor reads them: rows and sentences ready for a template.
Models come in as arguments; nothing here queries, so a page's query count is decided where its
querysets are built (the models' managers and the pages' contexts).
"""

from django.utils.translation import gettext as _, gettext_lazy

from . import calendar_links, event_text
from .itinerary import CURRENT, PAST, UPCOMING, showing_state

STATE_LABELS = {CURRENT: gettext_lazy("Now showing"), UPCOMING: gettext_lazy("Coming up"), PAST: gettext_lazy("Closed")}


def event_row(event):
    """One event as a visitor reads it."""
    return {
        "title": event.display_title,
        # A title the curator wrote is the exhibition page's words; a kind ("Opening reception") is the interface's.
        "own_title": bool(event.title),
        "kind": event.get_kind_display(),
        "when": event_text.when(event),
        "date": event.date,
        "time_tba": event.time_tba,
        "note": event_text.status_note(event),
        "cancelled": event.is_cancelled,
        "status": event.status,
        "speakers": ", ".join(event.speaker_names),
        "description": event.description,
        "rsvp_url": event.rsvp_url,
        "ics_url": calendar_links.event_file(event),
        "venue": event.showing.venue,
        "exhibition": event.showing.exhibition,
    }


def showing_row(showing, now):
    state = showing_state(showing, now)
    return {
        "showing": showing,
        "exhibition": showing.exhibition,
        "venue": showing.venue,
        "dates": event_text.date_span(showing.opens, showing.closes),
        "state": state,
        "state_label": STATE_LABELS[state],
        "events": [event_row(event) for event in showing.ordered_events()],
    }


def status_line(plan, now):
    """"Now showing at ...", "Next: ...", or where it was last shown."""
    if plan.current:
        now_showing = {"venue": plan.current.venue.name, "date": event_text.long_date(plan.current.closes)}
        if plan.next:
            return _("Now showing at %(venue)s, until %(date)s. Next: %(next_venue)s, from %(next_date)s.") % {
                **now_showing, "next_venue": plan.next.venue.name, "next_date": event_text.long_date(plan.next.opens),
            }
        return _("Now showing at %(venue)s, until %(date)s.") % now_showing
    if plan.next:
        return _("Next: %(venue)s, opening %(date)s.") % {"venue": plan.next.venue.name, "date": event_text.long_date(plan.next.opens)}
    if plan.stops:
        last = plan.stops[-1]
        return _("Closed. Last shown at %(venue)s until %(date)s.") % {"venue": last.venue.name, "date": event_text.long_date(last.closes)}
    return _("Dates to be announced.")


def on_now_row(showing, when, lead, heroes, request):
    """A stop on the home page: the stops it leads with carry their hero, summary and hours."""
    exhibition = showing.exhibition
    return {
        "exhibition": exhibition,
        "url": exhibition.get_url(request),
        "venue": showing.venue,
        "dates": event_text.date_span(showing.opens, showing.closes),
        "when": when,
        "hero": heroes.get(exhibition.hero_image_id) if lead else None,
        "summary": exhibition.summary if lead else "",
        "hours": showing.venue.words().hours if lead else "",
    }
