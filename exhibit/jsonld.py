"""
schema.org JSON-LD: an ExhibitionEvent per showing, at a Place with a PostalAddress, organised by
the archive's organisation, with the stop's events as subEvent (each pointing back with
superEvent). Built from public fields only: logistics are never read here.

What the feeds say and what this says agree: a "Time TBA" or tentative event is given with no
eventStatus (schema.org has no "tentative", and EventScheduled would promise more than the feed's
STATUS:TENTATIVE) and says so in its description; a cancelled one is EventCancelled in both.

Each event is in its exhibition's language (`inLanguage`: the page's locale, English for a page not
translated), and the words this adds to its description are in that language too.
"""

from datetime import datetime

from django.utils import translation

from gallery import languages
from gallery.jsonld import CONTEXT, organization, script_tag  # noqa: F401  (script_tag: the pages' one escaper)

from . import event_text

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "scheduled": SCHEMA + "EventScheduled",
    "cancelled": SCHEMA + "EventCancelled",
    "rescheduled": SCHEMA + "EventRescheduled",
}
OFFLINE = SCHEMA + "OfflineEventAttendanceMode"


def place(venue):
    address = {"@type": "PostalAddress", "addressCountry": "US"}
    for key, value in (
        ("streetAddress", venue.street_address),
        ("addressLocality", venue.city),
        ("addressRegion", venue.state),
        ("postalCode", venue.postal_code),
    ):
        if value:
            address[key] = value
    data = {"@type": "Place", "name": venue.name, "address": address}
    if venue.website:
        data["url"] = venue.website
    return data


def _start(event):
    if event.time_tba:
        return event.date.isoformat()
    return datetime.combine(event.date, event.start_time, tzinfo=event.showing.venue.zone).isoformat()


def in_language(showing):
    """The language of what the stop's exhibition page says (its Wagtail locale)."""
    return languages.page_language(showing.exhibition)


def showing_name(showing):
    with translation.override(in_language(showing)):
        return translation.gettext("%(exhibition)s at %(venue)s") % {
            "exhibition": showing.exhibition.title, "venue": showing.venue.name,
        }


def showing_id(showing, url):
    """The ExhibitionEvent's @id: the exhibition page with the stop as its fragment."""
    return f"{url}#showing-{showing.pk}" if url else ""


def super_event(showing, url=""):
    """What a sub-event points back to: the stop it belongs to, named with its exhibition."""
    data = {"@type": "ExhibitionEvent", "name": showing_name(showing),
            "startDate": showing.opens.isoformat(), "endDate": showing.closes.isoformat()}
    if url:
        data = {"@id": showing_id(showing, url), **data, "url": url}
    return data


def event(event, url=""):
    data = {
        "@type": "Event",
        "name": event.title or _kind(event),
        "inLanguage": in_language(event.showing),
        "startDate": _start(event),
        "eventAttendanceMode": OFFLINE,
        "location": place(event.showing.venue),
        "organizer": organization(),
        "superEvent": super_event(event.showing, url),
    }
    status = "cancelled" if event.is_cancelled else None if event.time_tba else event.status
    if status in EVENT_STATUS:
        data["eventStatus"] = EVENT_STATUS[status]
    if event.end_time and event.start_time:
        data["endDate"] = datetime.combine(event.date, event.end_time, tzinfo=event.showing.venue.zone).isoformat()
    if event.status == "rescheduled" and event.previous_date:
        data["previousStartDate"] = event.previous_date.isoformat()
    lines = [event.description] if event.description else []
    with translation.override(in_language(event.showing)):
        if event.time_tba:
            lines.append(translation.gettext(event_text.TBA))
        if event.status == "tentative":
            lines.append(event_text.status_note(event))
    if lines:
        data["description"] = "\n".join(lines)
    names = event.speaker_names
    if names:
        data["performer"] = [{"@type": "Person", "name": name} for name in names]
    if event.rsvp_url:
        data["offers"] = {"@type": "Offer", "url": event.rsvp_url}
    if url:
        data["url"] = url
    return data


def exhibition_event(showing, url="", image_url=""):
    exhibition = showing.exhibition
    data = {
        "@type": "ExhibitionEvent",
        "name": showing_name(showing),
        "inLanguage": in_language(showing),
        "description": exhibition.summary,
        "startDate": showing.opens.isoformat(),
        "endDate": showing.closes.isoformat(),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": OFFLINE,
        "location": place(showing.venue),
        "organizer": organization(),
        "subEvent": [event(item, url) for item in showing.ordered_events()],
    }
    if url:
        data = {"@id": showing_id(showing, url), **data, "url": url}
    if image_url:
        data["image"] = image_url
    return data


def _kind(event):
    with translation.override(in_language(event.showing)):
        return str(event.get_kind_display())


def graph(items):
    return {"@context": CONTEXT, "@graph": list(items)}
