"""
Showings, events and itineraries as a visitor reads them: rows and sentences ready for a template.
Models come in as arguments; nothing here queries, so a page's query count is decided where its
querysets are built (the models' managers and the pages' contexts).
"""

from . import event_text
from .itinerary import CURRENT, PAST, UPCOMING, showing_state

STATE_LABELS = {CURRENT: "Now showing", UPCOMING: "Coming up", PAST: "Closed"}


def event_row(event):
    """One event as a visitor reads it."""
    return {
        "title": event.display_title,
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
        line = f"Now showing at {plan.current.venue.name}, until {event_text.long_date(plan.current.closes)}"
        if plan.next:
            line += f". Next: {plan.next.venue.name}, from {event_text.long_date(plan.next.opens)}"
        return line + "."
    if plan.next:
        return f"Next: {plan.next.venue.name}, opening {event_text.long_date(plan.next.opens)}."
    if plan.stops:
        last = plan.stops[-1]
        return f"Closed. Last shown at {last.venue.name} until {event_text.long_date(last.closes)}."
    return "Dates to be announced."


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
        "hours": showing.venue.hours if lead else "",
    }
