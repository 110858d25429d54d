"""
Dates and times as people write them on a poster: "Friday, March 7, 2014, 7-9 pm",
"Saturday, April 5, 2014, 10 am", "Saturday, March 29, 2014, Time TBA".
"""

from datetime import date, time

TBA = "Time TBA"


def long_date(value: date) -> str:
    return f"{value:%A}, {value:%B} {value.day}, {value.year}"


def short_date(value: date, with_year=True) -> str:
    text = f"{value:%b} {value.day}"
    return f"{text}, {value.year}" if with_year else text


def date_span(start: date, end: date) -> str:
    """"March 7 - 29, 2014", "March 7 - April 5, 2014", "Dec 20, 2014 - Jan 4, 2015"."""
    if start == end:
        return f"{start:%B} {start.day}, {start.year}"
    if start.year != end.year:
        return f"{start:%B} {start.day}, {start.year} - {end:%B} {end.day}, {end.year}"
    if start.month != end.month:
        return f"{start:%B} {start.day} - {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.day} - {end.day}, {end.year}"


def _clock(value: time) -> str:
    if value == time(12, 0):
        return "noon"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d}" if value.minute else str(hour)


def _meridiem(value: time) -> str:
    return "am" if value.hour < 12 else "pm"


def time_range(start: time | None, end: time | None) -> str:
    """"7-9 pm", "10 am-2 pm", "10:30 am", "noon-1:30 pm"; no start time is "Time TBA"."""
    if start is None:
        return TBA
    first = _clock(start)
    first_full = first if first == "noon" else f"{first} {_meridiem(start)}"
    if end is None:
        return first_full
    last = _clock(end)
    last_full = last if last == "noon" else f"{last} {_meridiem(end)}"
    if first != "noon" and last != "noon" and _meridiem(start) == _meridiem(end):
        return f"{first}-{last_full}"
    return f"{first_full}-{last_full}"


def when(event) -> str:
    return f"{long_date(event.date)}, {time_range(event.start_time, event.end_time)}"


def status_note(event) -> str:
    """What a visitor must know beside the time: cancelled, tentative, moved from another date."""
    status = event.Status
    if event.status == status.CANCELLED:
        return "Cancelled"
    if event.status == status.TENTATIVE:
        return "Tentative"
    if event.status == status.RESCHEDULED and event.previous_date:
        return f"Rescheduled from {long_date(event.previous_date)}"
    if event.status == status.RESCHEDULED:
        return "Rescheduled"
    return ""
