"""
iCalendar feeds (RFC 5545), written with the `icalendar` library.

Times are written in the venue's own zone with a VTIMEZONE, so a calendar anywhere shows 7 pm in
Springfield as 7 pm in Springfield. "Time TBA" is an all-day date marked TENTATIVE; cancelled events
stay in the feed as CANCELLED so subscribed calendars remove them instead of keeping a stale copy.
UIDs come from database ids that publishing a page keeps, so a re-fetched feed updates, not duplicates.
SUMMARY and DESCRIPTION carry a LANGUAGE parameter, the exhibition page's language (feeds list the
default language's pages, see ExhibitionPage.objects.public()); LOCATION, the venue's words, the
site's default language.

Public feeds are built by `public_calendar`; only `staff_calendar` ever writes logistics.
"""

from datetime import date, datetime, timedelta

import icalendar
from django.conf import settings
from django.utils import timezone

from gallery import languages

from . import event_text, vtimezone

PRODID = "-//Faces & Places Archive//Exhibitions//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
EVENT_STATUS = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "tentative": "TENTATIVE",
    "cancelled": "CANCELLED",
}


def uid_domain():
    # Fixed, not the request's host: a feed fetched through another hostname keeps the same UIDs.
    return settings.ICAL_UID_DOMAIN


def event_uid(event):
    return f"event-{event.pk}@{uid_domain()}"


def showing_uid(showing, suffix=""):
    return f"showing-{showing.pk}{suffix}@{uid_domain()}"


def _words(showing):
    """The LANGUAGE parameter of what the stop's exhibition page says."""
    return {"LANGUAGE": languages.page_language(showing.exhibition)}


def _add_location(component, venue):
    component.add("location", _location(venue), parameters={"LANGUAGE": settings.LANGUAGE_CODE})


def _location(venue):
    return ", ".join(part for part in (venue.name, venue.street_address, venue.locality) if part)


def _new_calendar(name):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _all_day(component, first: date, last: date):
    component.add("dtstart", first)
    component.add("dtend", last + timedelta(days=1))  # DTEND of an all-day event is exclusive


def event_component(event, url="", stamp=None):
    showing = event.showing
    venue = showing.venue
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", stamp or timezone.now())
    component.add("summary", f"{event.display_title}: {showing.exhibition.title}", parameters=_words(showing))
    if event.time_tba:
        _all_day(component, event.date, event.date)
        status = "CANCELLED" if event.is_cancelled else "TENTATIVE"
    else:
        component.add("dtstart", datetime.combine(event.date, event.start_time, tzinfo=venue.zone))
        if event.end_time:
            component.add("dtend", datetime.combine(event.date, event.end_time, tzinfo=venue.zone))
        status = EVENT_STATUS[event.status]
    component.add("status", status)
    _add_location(component, venue)
    lines = [event.description] if event.description else []
    if event.time_tba:
        lines.append(event_text.TBA)
    if note := event_text.status_note(event):
        lines.append(note)
    if names := event.speaker_names:
        lines.append("Speakers: " + ", ".join(names))
    if event.rsvp_url:
        lines.append(f"RSVP: {event.rsvp_url}")
    if lines:
        component.add("description", "\n".join(lines), parameters=_words(showing))
    if url:
        component.add("url", url)
    return component


def showing_component(showing, url="", stamp=None):
    component = icalendar.Event()
    component.add("uid", showing_uid(showing))
    component.add("dtstamp", stamp or timezone.now())
    component.add("summary", f"{showing.exhibition.title} at {showing.venue.name}", parameters=_words(showing))
    _all_day(component, showing.opens, showing.closes)
    component.add("transp", "TRANSPARENT")  # the exhibition being open does not make anyone busy
    component.add("status", "CONFIRMED")
    _add_location(component, showing.venue)
    if showing.exhibition.summary:
        component.add("description", showing.exhibition.summary, parameters=_words(showing))
    if url:
        component.add("url", url)
    return component


def _finish(calendar, dates):
    if dates:
        # A VTIMEZONE per zone used, covering the feed's years, its daylight-saving rules as RRULEs.
        vtimezone.add_timezones(calendar, min(dates).year, max(dates).year)
    return calendar.to_ical()


def public_calendar(name, showings, events, url_for=lambda exhibition: ""):
    """Showings as all-day spans and events at their times. Nothing from the logistics fields."""
    calendar = _new_calendar(name)
    stamp = timezone.now()
    dates = []
    for showing in showings:
        calendar.add_component(showing_component(showing, url_for(showing.exhibition), stamp))
        dates += [showing.opens, showing.closes]
    for event in events:
        calendar.add_component(event_component(event, url_for(event.showing.exhibition), stamp))
        dates.append(event.date)
    return _finish(calendar, dates)


def staff_calendar(name, showings, url=""):
    """A venue's private calendar: the public entries plus every logistics date, with its details."""
    calendar = _new_calendar(name)
    stamp = timezone.now()
    dates = []
    for showing in showings:
        calendar.add_component(showing_component(showing, url, stamp))
        dates += [showing.opens, showing.closes]
        details = _logistics_description(showing)
        for label, day in showing.logistics_dates:
            component = icalendar.Event()
            component.add("uid", showing_uid(showing, "-" + label.lower().replace(" ", "-")))
            component.add("dtstamp", stamp)
            component.add("summary", f"{label}: {showing.exhibition.title} ({showing.venue.name})")
            _all_day(component, day, day)
            component.add("transp", "TRANSPARENT")
            component.add("location", _location(showing.venue))
            component.add("description", details)
            if url:
                component.add("url", url)
            calendar.add_component(component)
            dates.append(day)
        for event in showing.ordered_events():
            calendar.add_component(event_component(event, url, stamp))
            dates.append(event.date)
    return _finish(calendar, dates)


def _logistics_description(showing):
    lines = [f"{label}: {event_text.long_date(day)}" for label, day in showing.logistics_dates]
    if showing.venue_contact:
        lines.append(f"Venue contact: {showing.venue_contact}")
    if showing.crate_list:
        lines.append(f"Crates:\n{showing.crate_list}")
    if showing.logistics_notes:
        lines.append(f"Notes: {showing.logistics_notes}")
    lines += [f"[{'x' if done else ' '}] {label}" for label, done in showing.checklist]
    return "\n".join(lines)
