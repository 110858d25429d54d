"""
Dates and times as people write them on a poster, in the visitor's language: "Friday, March 7, 2014,
7-9 pm", "Saturday, April 5, 2014, 10 am", "Saturday, March 29, 2014, Time TBA"; in Spanish
"sábado, 29 de marzo de 2014, hora por confirmar".

Dates go through Django's date formatting (translated day and month names) with formats that are
themselves translatable strings (each language orders day, month and year its own way). TBA stays a
plain str: the iCalendar code compares and writes it as it is; only what a page shows is translated.
"""

from datetime import date, time

from django.utils import dateformat
from django.utils.translation import gettext, gettext_noop, pgettext

# Marked for the catalogue, kept a plain str (gettext_noop returns it as it is).
TBA = gettext_noop("Time TBA")


def _format(value: date, date_format: str) -> str:
    return dateformat.format(value, date_format)


def long_date(value: date) -> str:
    # Translators: a Django date format (https://docs.djangoproject.com/en/5.2/ref/templates/builtins/#date).
    return _format(value, pgettext("long date format", "l, F j, Y"))


def short_date(value: date, with_year=True) -> str:
    if with_year:
        return _format(value, pgettext("short date format", "M j, Y"))
    return _format(value, pgettext("short date format without the year", "M j"))


def date_span(start: date, end: date) -> str:
    """"March 7 - 29, 2014", "March 7 - April 5, 2014", "Dec 20, 2014 - Jan 4, 2015"."""
    if start == end or start.year != end.year:
        whole = pgettext("date format", "F j, Y")
        if start == end:
            return _format(start, whole)
        first, last = whole, whole
    elif start.month != end.month:
        first = pgettext("date span format: start, when the end is in another month", "F j")
        last = pgettext("date span format: end, when the start is in another month", "F j, Y")
    else:
        first = pgettext("date span format: start, when the end is in the same month", "F j")
        last = pgettext("date span format: end, when the start is in the same month", "j, Y")
    return f"{_format(start, first)} - {_format(end, last)}"


def _noon():
    return pgettext("time of day", "noon")


def _clock(value: time) -> str:
    if value == time(12, 0):
        return _noon()
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d}" if value.minute else str(hour)


def _meridiem(value: time) -> str:
    return pgettext("time of day", "am") if value.hour < 12 else pgettext("time of day", "pm")


def time_range(start: time | None, end: time | None) -> str:
    """"7-9 pm", "10 am-2 pm", "10:30 am", "noon-1:30 pm"; no start time is "Time TBA"."""
    if start is None:
        return gettext(TBA)
    noon = _noon()
    first = _clock(start)
    first_full = first if first == noon else f"{first} {_meridiem(start)}"
    if end is None:
        return first_full
    last = _clock(end)
    last_full = last if last == noon else f"{last} {_meridiem(end)}"
    if first != noon and last != noon and _meridiem(start) == _meridiem(end):
        return f"{first}-{last_full}"
    return f"{first_full}-{last_full}"


def when(event) -> str:
    return f"{long_date(event.date)}, {time_range(event.start_time, event.end_time)}"


def status_note(event) -> str:
    """What a visitor must know beside the time: cancelled, tentative, moved from another date."""
    status = event.Status
    if event.status == status.CANCELLED:
        return gettext("Cancelled")
    if event.status == status.TENTATIVE:
        return gettext("Tentative")
    if event.status == status.RESCHEDULED and event.previous_date:
        return gettext("Rescheduled from %(date)s") % {"date": long_date(event.previous_date)}
    if event.status == status.RESCHEDULED:
        return gettext("Rescheduled")
    return ""
