"""
The venue-staff schedule: every showing at the user's venues with its logistics and checklist, and
every event with its time or "Time TBA", as one list sorted by date. Only this module and the staff
feed read logistics, and only for the venues a user is linked to.
"""

import csv
from dataclasses import dataclass
from datetime import date, time

from . import event_text
from .models import Showing, Venue


def venues_for(user):
    if not user.is_authenticated or not user.is_active:
        return Venue.objects.none()
    if user.is_superuser:
        return Venue.objects.all()
    return user.venues.all()


def showings_for(user):
    return (
        Showing.objects.filter(venue__in=venues_for(user))
        .select_related("venue", "exhibition")
        .prefetch_related("events__speaker_artists")
        .order_by("opens", "venue__name", "pk")
    )


@dataclass
class AgendaItem:
    date: date
    time: str
    venue: str
    exhibition: str
    what: str
    status: str = ""
    details: str = ""
    sort_time: time = time(0)
    is_logistics: bool = False
    cancelled: bool = False


def agenda(showings):
    """Every date a venue plans around, in order: logistics, opening, events, closing."""
    items = []
    for showing in showings:
        venue, title = showing.venue.name, showing.exhibition.title
        for label, day in showing.logistics_dates:
            items.append(AgendaItem(day, "", venue, title, label, is_logistics=True))
        items.append(AgendaItem(showing.opens, "", venue, title, "Exhibition opens"))
        items.append(AgendaItem(showing.closes, "", venue, title, "Exhibition closes", sort_time=time(23, 59)))
        for event in showing.ordered_events():
            items.append(
                AgendaItem(
                    event.date,
                    event_text.time_range(event.start_time, event.end_time),
                    venue,
                    title,
                    event.display_title,
                    status=event_text.status_note(event),
                    details=", ".join(event.speaker_names),
                    sort_time=event.start_time or time(0),
                    cancelled=event.is_cancelled,
                )
            )
    return sorted(items, key=lambda item: (item.date, item.sort_time, item.venue))


def showing_rows(showings):
    return [
        {
            "showing": showing,
            "dates": event_text.date_span(showing.opens, showing.closes),
            "logistics": [(label, event_text.long_date(day)) for label, day in showing.logistics_dates],
            "checklist": showing.checklist,
            "events": [
                {
                    "title": event.display_title,
                    "when": event_text.when(event),
                    "note": event_text.status_note(event),
                    "cancelled": event.is_cancelled,
                    "speakers": ", ".join(event.speaker_names),
                }
                for event in showing.ordered_events()
            ],
        }
        for showing in showings
    ]


CSV_HEADER = ["Date", "Time", "Venue", "Exhibition", "What", "Status", "Details"]

# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): event titles and speakers
# are typed by curators, and the file is opened by venue staff.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell):
    """The cell as text a spreadsheet shows as typed: a leading ' where it would start a formula."""
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _SpreadsheetSafeWriter:
    def __init__(self, stream):
        self.writer = csv.writer(stream)

    def writerow(self, row):
        return self.writer.writerow([spreadsheet_safe(cell) for cell in row])


def write_csv(items, stream):
    writer = _SpreadsheetSafeWriter(stream)
    writer.writerow(CSV_HEADER)
    for item in items:
        writer.writerow(
            [item.date.isoformat(), item.time, item.venue, item.exhibition, item.what, item.status, item.details]
        )
