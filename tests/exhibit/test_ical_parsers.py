"""
Every public feed read by three independent parsers: icalendar (Python), vobject (Python, through
dateutil's reading of the feed's own VTIMEZONE) and ical.js (JavaScript, run by node). They must
agree with each other and with the venue's zone on the UTC instant of every event, across the
daylight-saving changes of the feed's years.
"""

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.urls import reverse

from exhibit.ical import event_uid
from exhibit.models import Event, Showing, Venue
from exhibit.vtimezone import vtimezone

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("ical_instants.mjs")


def node():
    """node and ical.js, installed by `make` (npm ci); skipped without them, a failure under CI."""
    found = shutil.which("node")
    if found and (ROOT / "node_modules" / "ical.js" / "package.json").exists():
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but node or node_modules/ical.js is missing (npm ci installs it)")
    pytest.skip("node or node_modules/ical.js is missing (npm ci installs it)")


def instant(value):
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.strftime("%Y%m%d")


def read_with_icalendar(raw):
    """icalendar resolves a TZID by its IANA name; the feed's VTIMEZONE is read separately below."""
    calendar = icalendar.Calendar.from_ical(raw)
    return {
        str(event["UID"]): {key: instant(event.decoded(name)) for key, name in (("start", "DTSTART"), ("end", "DTEND")) if name in event}
        for event in calendar.walk("VEVENT")
    }


def read_with_icalendar_vtimezones(raw):
    """The same instants from the feed's own VTIMEZONE definitions, turned into tzinfo by icalendar."""
    calendar = icalendar.Calendar.from_ical(raw)
    zones = {str(component["TZID"]): component.to_tz() for component in calendar.walk("VTIMEZONE")}
    readings = {}
    for event in calendar.walk("VEVENT"):
        entry = {}
        for key, name in (("start", "DTSTART"), ("end", "DTEND")):
            if name not in event:
                continue
            value = event.decoded(name)
            if isinstance(value, datetime):
                value = value.replace(tzinfo=zones[event[name].params["TZID"]])
            entry[key] = instant(value)
        readings[str(event["UID"])] = entry
    return readings


def read_with_vobject(raw):
    calendar = vobject.readOne(raw.decode())
    readings = {}
    for event in calendar.vevent_list:
        entry = {"start": instant(event.dtstart.value)}
        if hasattr(event, "dtend"):
            entry["end"] = instant(event.dtend.value)
        readings[event.uid.value] = entry
    return readings


def read_with_ical_js(raw):
    result = subprocess.run(
        [node(), str(SCRIPT)], input=raw, cwd=ROOT, capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def expected(events):
    """What the site means: each event's local date and time in its venue's zone, as a UTC instant."""
    readings = {}
    for event in events:
        zone = ZoneInfo(event.showing.venue.time_zone)
        if event.time_tba:
            # An all-day date; DTEND is exclusive, the day after.
            entry = {"start": event.date.strftime("%Y%m%d"), "end": (event.date + timedelta(days=1)).strftime("%Y%m%d")}
        else:
            entry = {"start": instant(datetime.combine(event.date, event.start_time, tzinfo=zone))}
            if event.end_time:
                entry["end"] = instant(datetime.combine(event.date, event.end_time, tzinfo=zone))
        readings[event_uid(event)] = entry
    return readings


@pytest.fixture
def edges(tour, springfield):
    """Events on either side of each 2014 and 2015 change in Springfield, and a stop in London."""
    london = Venue.objects.create(name="Brent Library", city="London", time_zone="Europe/London")
    springfield_2014 = Showing.objects.create(
        exhibition=tour, venue=springfield, opens=date(2014, 3, 8), closes=date(2014, 3, 10), sort_order=5
    )
    autumn = Showing.objects.create(
        exhibition=tour, venue=springfield, opens=date(2014, 11, 1), closes=date(2015, 3, 9), sort_order=6
    )
    abroad = Showing.objects.create(
        exhibition=tour, venue=london, opens=date(2014, 3, 29), closes=date(2014, 10, 27), sort_order=7
    )
    for showing, day, start, end in [
        (springfield_2014, date(2014, 3, 9), time(1, 30), time(1, 59)),  # CST, just before the change
        (springfield_2014, date(2014, 3, 9), time(3, 0), time(4, 0)),  # CDT, just after
        (autumn, date(2014, 11, 2), time(0, 30), None),  # CDT, before the fall change
        (autumn, date(2014, 11, 2), time(3, 0), time(5, 0)),  # CST, after it
        (autumn, date(2015, 3, 7), time(19), time(21)),  # next year's rule, before
        (autumn, date(2015, 3, 8), time(12), None),  # and after
        (abroad, date(2014, 3, 30), time(2, 30), None),  # BST, first hour of it
        (abroad, date(2014, 10, 26), time(9), time(10)),  # GMT again
    ]:
        Event.objects.create(showing=showing, kind="gallery_talk", date=day, start_time=start, end_time=end)
    tour.save_revision().publish()
    return london


def test_icalendar_vobject_and_ical_js_agree_on_every_instant_of_every_feed(client, tour, springfield, columbia, edges):
    feeds = [
        reverse("exhibit:exhibition_calendar", args=[tour.slug]),
        reverse("exhibit:venue_calendar", args=[springfield.slug]),
        reverse("exhibit:venue_calendar", args=[columbia.slug]),
        reverse("exhibit:venue_calendar", args=[edges.slug]),
        reverse("exhibit:site_calendar"),
    ]
    truth = expected(Event.objects.select_related("showing__venue"))
    for url in feeds:
        raw = client.get(url).content
        readings = {
            "icalendar": read_with_icalendar(raw),
            "icalendar VTIMEZONE": read_with_icalendar_vtimezones(raw),
            "vobject": read_with_vobject(raw),
            "ical.js": read_with_ical_js(raw),
        }
        events = {uid for uid in readings["icalendar"] if uid.startswith("event-")}
        assert events, url
        for parser, reading in readings.items():
            assert set(reading) == set(readings["icalendar"]), (url, parser)
            for uid in events:
                assert reading[uid] == truth[uid], (url, parser, uid)
            # Showings are all-day spans: every parser reads the same dates.
            for uid in set(reading) - events:
                assert reading[uid] == readings["icalendar"][uid], (url, parser, uid)


def test_the_columbia_opening_is_at_15_00_utc_to_every_parser(client, tour, columbia):
    opening = Event.objects.get(showing__venue=columbia, kind="opening_reception")
    raw = client.get(reverse("exhibit:venue_calendar", args=[columbia.slug])).content
    for read in (read_with_icalendar, read_with_icalendar_vtimezones, read_with_vobject, read_with_ical_js):
        assert read(raw)[event_uid(opening)]["start"] == "2014-04-05T15:00:00Z", read.__name__


def test_the_vtimezone_uses_yearly_rules_with_onsets_at_the_local_time_before_the_change():
    text = vtimezone("America/Chicago", 2014, 2014).to_ical().decode()
    daylight = text.split("BEGIN:DAYLIGHT")[1].split("END:DAYLIGHT")[0]
    standard = text.split("BEGIN:STANDARD")[1].split("END:STANDARD")[0]
    assert "DTSTART:20130310T020000" in daylight and "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in daylight
    assert "DTSTART:20131103T020000" in standard and "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11" in standard
    assert "RDATE" not in text


def test_a_rule_that_changed_inside_the_feeds_years_ends_where_it_ended():
    """The US moved its changes in 2007: the old rule stops with an UNTIL, the new one starts."""
    text = vtimezone("America/Chicago", 2006, 2008).to_ical().decode()
    assert "RRULE:FREQ=YEARLY;UNTIL=20060402T080000Z;BYDAY=1SU;BYMONTH=4" in text
    assert "DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3" in text
    zone = icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + text + "END:VCALENDAR\r\n"
    ).walk("VTIMEZONE")[0].to_tz()
    for moment in (datetime(2006, 4, 1, 12), datetime(2006, 4, 3, 12), datetime(2007, 3, 12, 12), datetime(2008, 11, 1, 12)):
        assert moment.replace(tzinfo=zone).utcoffset() == moment.replace(tzinfo=ZoneInfo("America/Chicago")).utcoffset(), moment
