"""
The venue-staff schedule: every showing at the user's venues with its logistics and checklist, and
every event with its time or "Time TBA", as one list sorted by date, split at today. Only this module
and the staff feed read logistics, and only for the venues a user is linked to (curators: every venue).
"""

import csv
from dataclasses import dataclass
from datetime import date, time

from . import event_text
from .models import Showing, Venue


def sees_every_venue(user):
    """Curators plan the whole tour: they see every venue's schedule and checklist."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm("exhibit.change_venue"))


def venues_for(user):
    if not user.is_authenticated or not user.is_active:
        return Venue.objects.none()
    if sees_every_venue(user):
        return Venue.objects.all()
    return user.venues.all()


def is_venue_staff_only(user):
    """Linked to a venue and with nothing to do in the admin: their schedule is their home page."""
    if not user.is_authenticated or sees_every_venue(user) or not user.venues.exists():
        return False
    from wagtail.permission_policies.pages import PagePermissionPolicy

    changes = [perm for perm in user.get_all_permissions() if perm.split(".")[1].startswith(("add_", "change_", "delete_"))]
    return not changes and not PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def showings_for(user):
    return (
        Showing.objects.filter(venue__in=venues_for(user))
        .select_related("venue", "exhibition")
        .prefetch_related("events__speaker_artists", "checklist_entries__done_by")
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
    start: time | None = None
    end: time | None = None
    contact: str = ""
    crates: str = ""
    notes: str = ""


def agenda(showings):
    """Every date a venue plans around, in order: logistics, opening, events, closing."""
    items = []
    for showing in showings:
        venue, title = showing.venue.name, showing.exhibition.title
        stop = {"contact": showing.venue_contact, "crates": showing.crate_list, "notes": showing.logistics_notes}
        for label, day in showing.logistics_dates:
            items.append(AgendaItem(day, "", venue, title, label, is_logistics=True, **stop))
        items.append(AgendaItem(showing.opens, "", venue, title, "Exhibition opens", **stop))
        items.append(AgendaItem(showing.closes, "", venue, title, "Exhibition closes", sort_time=time(23, 59), **stop))
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
                    start=event.start_time,
                    end=event.end_time,
                    **stop,
                )
            )
    return sorted(items, key=lambda item: (item.date, item.sort_time, item.venue))


@dataclass
class Split:
    """What is coming (from today on) and what is over, as the schedule folds it."""

    coming: list
    earlier: list


def split_agenda(items, today):
    return Split([item for item in items if item.date >= today], [item for item in items if item.date < today])


def split_showings(showings, today):
    return Split([s for s in showings if s.closes >= today], sorted((s for s in showings if s.closes < today),
                                                                      key=lambda s: s.closes, reverse=True))


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


CSV_HEADER = [
    "Date", "Time", "Start", "End", "Venue", "Exhibition", "What", "Status", "Details",
    "Venue contact", "Crates", "Notes",
]

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
    """One row per agenda item. Start and end are ISO 8601 in the venue's wall time (a date alone for
    an all-day item or Time TBA) so a spreadsheet or script can read them; Time is as people write it."""
    writer = _SpreadsheetSafeWriter(stream)
    writer.writerow(CSV_HEADER)
    for item in items:
        start = f"{item.date.isoformat()}T{item.start:%H:%M}" if item.start else item.date.isoformat()
        end = f"{item.date.isoformat()}T{item.end:%H:%M}" if item.end else ""
        writer.writerow([
            item.date.isoformat(), item.time, start, end, item.venue, item.exhibition, item.what, item.status,
            item.details, item.contact, item.crates, item.notes,
        ])


def csv_filename(venues, today):
    """"venue-schedule-park-central-branch-library-2026-12-02.csv"; "all-venues" for the tour."""
    from django.utils.text import slugify

    names = "all-venues" if len(venues) != 1 else slugify(venues[0].name) or "venue"
    return f"venue-schedule-{names}-{today.isoformat()}.csv"
