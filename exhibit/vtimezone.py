"""
VTIMEZONE components (RFC 5545 §3.6.5) in the form every calendar reads alike: yearly RRULEs, each
onset written as the local time *before* the change (the US spring change at 02:00, not 03:00).

icalendar's own `add_missing_timezones` writes one DTSTART plus RDATEs per change, with the
daylight onset at the wall time after the change; ical.js and vobject then read some times an
hour off. Here the changes of each year are found from zoneinfo itself, grouped into runs that
follow one yearly rule ("second Sunday of March at 02:00"), and each run is one observance with
an RRULE (and an UNTIL when the rule ends inside the feed's years, as the US rule did in 2007).
"""

import calendar as month_calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Far enough before any event that every parser has an onset to start from.
EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class Change:
    at: datetime  # UTC instant of the change
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def onset(self):
        """The wall-clock time the change happens at, read on the clock before it (naive)."""
        return (self.at + self.offset_from).replace(tzinfo=None)

    @property
    def kind(self):
        return (self.offset_from, self.offset_to, self.name, self.daylight)

    def rules(self):
        """The BYDAY forms this onset fits: "2SU" (second Sunday), and "-1SU" when it is the last one."""
        onset = self.onset
        weekday = WEEKDAYS[onset.weekday()]
        forms = set()
        nth = (onset.day - 1) // 7 + 1
        if nth <= 4:
            forms.add(f"{nth}{weekday}")
        if onset.day + 7 > month_calendar.monthrange(onset.year, onset.month)[1]:
            forms.add(f"-1{weekday}")
        return {(onset.month, onset.time(), form) for form in forms}


def changes(zone: ZoneInfo, first_year: int, last_year: int):
    """Every offset change of `zone` from the start of `first_year` to the end of `last_year`."""
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found = []
    step = timedelta(hours=6)
    moment, offset = start, start.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + step
        next_offset = following.astimezone(zone).utcoffset()
        if next_offset != offset:
            # Narrow the change to the minute (zones change on the hour or half hour).
            low, high = moment, following
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= low:
                    break
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            local = high.astimezone(zone)
            found.append(Change(high, offset, next_offset, local.tzname() or "", bool(local.dst())))
            offset = next_offset
        moment = following
    return found


def _runs(group):
    """Split one kind of change into runs of consecutive years that one yearly rule describes."""
    runs = []
    for change in group:
        if runs:
            run, rules = runs[-1]
            shared = rules & change.rules()
            if shared and change.onset.year == run[-1].onset.year + 1:
                run.append(change)
                runs[-1] = (run, shared)
                continue
        runs.append(([change], change.rules()))
    return runs


def _observance(kind_changes, rules, open_ended):
    first = kind_changes[0]
    component = icalendar.TimezoneDaylight() if first.daylight else icalendar.TimezoneStandard()
    component.add("dtstart", first.onset)
    if len(kind_changes) > 1 or open_ended:
        month, _, byday = sorted(rules, key=lambda rule: rule[2].startswith("-"))[0]
        rule = {"freq": "yearly", "bymonth": month, "byday": byday}
        if not open_ended:
            rule["until"] = kind_changes[-1].at
        component.add("rrule", rule)
    component.add("tzoffsetfrom", first.offset_from)
    component.add("tzoffsetto", first.offset_to)
    if first.name:
        component.add("tzname", first.name)
    return component


def vtimezone(tzid: str, first_year: int, last_year: int):
    """The VTIMEZONE of `tzid` correct for every local time from `first_year` to `last_year`."""
    zone = ZoneInfo(tzid)
    component = icalendar.Timezone()
    component.add("tzid", tzid)
    # A year either side, so the first event has a change before it and the last one after it.
    found = changes(zone, first_year - 1, last_year + 1)
    if not found:
        offset = datetime(first_year, 1, 1, tzinfo=zone)
        observance = icalendar.TimezoneStandard()
        observance.add("dtstart", EPOCH)
        observance.add("tzoffsetfrom", offset.utcoffset())
        observance.add("tzoffsetto", offset.utcoffset())
        if offset.tzname():
            observance.add("tzname", offset.tzname())
        component.add_component(observance)
        return component
    groups = {}
    for change in found:
        groups.setdefault(change.kind, []).append(change)
    observances = []
    for group in groups.values():
        for run, rules in _runs(group):
            # A rule still in force at the end of the range is written without an end.
            open_ended = len(run) > 1 and run[-1].onset.year >= last_year + 1
            observances.append((run[0].at, _observance(run, rules, open_ended)))
    for _, observance in sorted(observances, key=lambda pair: pair[0]):
        component.add_component(observance)
    return component


def add_timezones(calendar, first_year: int, last_year: int):
    """Add a VTIMEZONE for every TZID the calendar's components use and do not define."""
    for tzid in sorted(calendar.get_missing_tzids()):
        calendar.add_component(vtimezone(tzid, first_year, last_year))
    # RFC 5545 allows them anywhere, but some readers want each VTIMEZONE before the events using it.
    calendar.subcomponents.sort(key=lambda item: item.name != "VTIMEZONE")
    return calendar
