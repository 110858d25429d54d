"""
schema.org JSON-LD: an ExhibitionEvent per showing, at a Place with a PostalAddress, with the stop's
events as subEvent. Built from public fields only: logistics are never read here.
"""

import json
from datetime import datetime

from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org/"
EVENT_STATUS = {
    "scheduled": SCHEMA + "EventScheduled",
    "tentative": SCHEMA + "EventScheduled",  # schema.org has no "tentative"; the date stands
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


def event(event, url=""):
    data = {
        "@type": "Event",
        "name": event.display_title,
        "startDate": _start(event),
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": OFFLINE,
        "location": place(event.showing.venue),
    }
    if event.end_time and event.start_time:
        data["endDate"] = datetime.combine(event.date, event.end_time, tzinfo=event.showing.venue.zone).isoformat()
    if event.status == "rescheduled" and event.previous_date:
        data["previousStartDate"] = event.previous_date.isoformat()
    if event.description:
        data["description"] = event.description
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
        "name": f"{exhibition.title} at {showing.venue.name}",
        "description": exhibition.summary,
        "startDate": showing.opens.isoformat(),
        "endDate": showing.closes.isoformat(),
        "eventStatus": SCHEMA + "EventScheduled",
        "eventAttendanceMode": OFFLINE,
        "location": place(showing.venue),
        "subEvent": [event(item, url) for item in showing.ordered_events()],
    }
    if url:
        data["url"] = url
    if image_url:
        data["image"] = image_url
    return data


def graph(items):
    return {"@context": "https://schema.org", "@graph": list(items)}


def script_tag(data):
    """<script type="application/ld+json">, escaped so no value can close the script element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')
