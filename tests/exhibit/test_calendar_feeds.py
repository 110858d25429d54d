"""The iCalendar feeds: they parse, keep the venue's zone, mark TBA and cancelled events, keep UIDs."""

from datetime import date, datetime, timezone as dt_timezone
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from exhibit.models import Event, ExhibitionIndexPage

pytestmark = pytest.mark.django_db
UTC = dt_timezone.utc


def feeds(tour, springfield, columbia):
    return {
        "exhibition": reverse("exhibit:exhibition_calendar", args=[tour.slug]),
        "springfield": reverse("exhibit:venue_calendar", args=[springfield.slug]),
        "columbia": reverse("exhibit:venue_calendar", args=[columbia.slug]),
        "site": reverse("exhibit:site_calendar"),
    }


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content, icalendar.Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_every_feed_parses_and_carries_a_vtimezone(client, tour, springfield, columbia):
    for name, url in feeds(tour, springfield, columbia).items():
        raw, calendar = fetch(client, url)
        assert calendar["VERSION"] == "2.0" and calendar.get("PRODID"), name
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"], name
        assert b"BEGIN:DAYLIGHT" in raw and b"BEGIN:STANDARD" in raw, name
        for event in calendar.walk("VEVENT"):
            assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART"), name


def test_times_convert_to_utc_across_the_march_daylight_saving_change(client, tour):
    raw, calendar = fetch(client, reverse("exhibit:exhibition_calendar", args=[tour.slug]))
    openings = sorted(
        (event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]).startswith("Opening reception")),
        key=lambda event: event.decoded("DTSTART"),
    )
    springfield, columbia = openings
    assert b"DTSTART;TZID=America/Chicago:20140307T190000" in raw
    assert b"DTSTART;TZID=America/Chicago:20140405T100000" in raw
    # Read the wall-clock times through the feed's own VTIMEZONE, not a zone database of our own.
    vtimezone = calendar.walk("VTIMEZONE")[0].to_tz()
    for event, utc in [
        (springfield, datetime(2014, 3, 8, 1, 0, tzinfo=UTC)),  # 7 pm CST (UTC-6)
        (columbia, datetime(2014, 4, 5, 15, 0, tzinfo=UTC)),  # 10 am CDT (UTC-5), after March 9
    ]:
        wall = event.decoded("DTSTART").replace(tzinfo=None)
        assert wall.replace(tzinfo=vtimezone).astimezone(UTC) == utc
        assert event.decoded("DTSTART").astimezone(UTC) == utc
    assert springfield.decoded("DTEND").astimezone(UTC) == datetime(2014, 3, 8, 3, 0, tzinfo=UTC)


def test_time_tba_receptions_are_all_day_and_tentative(client, tour):
    raw, calendar = fetch(client, reverse("exhibit:exhibition_calendar", args=[tour.slug]))
    closings = sorted(
        (event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]).startswith("Closing reception")),
        key=lambda event: event.decoded("DTSTART"),
    )
    assert [event.decoded("DTSTART") for event in closings] == [date(2014, 3, 29), date(2014, 4, 26)]
    assert [event.decoded("DTEND") for event in closings] == [date(2014, 3, 30), date(2014, 4, 27)]
    assert all(type(event.decoded("DTSTART")) is date for event in closings)
    assert [str(event["STATUS"]) for event in closings] == ["TENTATIVE", "TENTATIVE"]
    assert b"DTSTART;VALUE=DATE:20140329" in raw and b"DTSTART;VALUE=DATE:20140426" in raw


def test_cancelled_event_stays_in_the_feed_as_cancelled(client, tour):
    _, calendar = fetch(client, reverse("exhibit:site_calendar"))
    talk = events_by_summary(calendar)[f"Sample gallery talk: {tour.title}"]
    assert str(talk["STATUS"]) == "CANCELLED"
    assert talk.decoded("DTSTART") == datetime(2014, 3, 15, 14, 0, tzinfo=talk.decoded("DTSTART").tzinfo)
    confirmed = events_by_summary(calendar)[f"Sample screening: {tour.title}"]
    assert str(confirmed["STATUS"]) == "CONFIRMED"


def test_uids_are_stable_across_renders_and_republishing(client, tour):
    url = reverse("exhibit:exhibition_calendar", args=[tour.slug])
    first = sorted(str(event["UID"]) for event in fetch(client, url)[1].walk("VEVENT"))
    tour.save_revision().publish()
    second = sorted(str(event["UID"]) for event in fetch(client, url)[1].walk("VEVENT"))
    assert first == second and len(set(first)) == len(first) == 8  # 2 showings + 6 events


def test_venue_feed_holds_only_that_venue(client, tour, springfield):
    _, calendar = fetch(client, reverse("exhibit:venue_calendar", args=[springfield.slug]))
    locations = {str(event["LOCATION"]) for event in calendar.walk("VEVENT")}
    assert locations == {"Park Central Branch Library, 128 Park Central Square, Springfield, MO"}


def test_unpublished_exhibition_has_no_public_feed_and_leaves_the_site_feed(client, tour):
    tour.unpublish()
    assert client.get(reverse("exhibit:exhibition_calendar", args=[tour.slug])).status_code == 404
    _, calendar = fetch(client, reverse("exhibit:site_calendar"))
    assert calendar.walk("VEVENT") == []


def test_pages_offer_a_labelled_subscription_to_their_feed(client, tour, springfield, home):
    index = home.add_child(instance=ExhibitionIndexPage(title="Exhibitions", slug="exhibitions"))
    for page_url, feed_url, label in [
        (tour.url, reverse("exhibit:exhibition_calendar", args=[tour.slug]),
         "Subscribe to “The Missouri Immigrant Experience 2014”: every stop and event"),
        (springfield.get_absolute_url(), reverse("exhibit:venue_calendar", args=[springfield.slug]),
         "Subscribe to exhibitions and events at Park Central Branch Library"),
        (reverse("exhibit:events"), reverse("exhibit:site_calendar"), "Subscribe to all exhibitions and events"),
        (index.url, reverse("exhibit:site_calendar"), "Subscribe to all exhibitions and events"),
    ]:
        html = client.get(page_url).content.decode()
        assert '<link rel="alternate" type="text/calendar"' in html and f'href="{feed_url}"' in html
        assert f'<a class="button" href="webcal://127.0.0.1:8000{feed_url}">{label}</a>' in html, page_url
        assert f'<a class="calendar-download" href="{feed_url}" type="text/calendar" download>' in html


def test_each_event_has_its_own_calendar_file(client, tour):
    html = client.get(tour.url).content.decode()
    opening = Event.objects.get(showing__venue__city="Springfield", kind="opening_reception")
    cancelled = Event.objects.get(status="cancelled")
    assert f'href="{reverse("exhibit:event_calendar", args=[opening.pk])}"' in html
    # A cancelled event offers nothing to add.
    assert f'href="{reverse("exhibit:event_calendar", args=[cancelled.pk])}"' not in html

    opening.description = "Music and food from the four communities."
    opening.save()
    response = client.get(reverse("exhibit:event_calendar", args=[opening.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="event-{opening.pk}.ics"'
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Opening reception: The Missouri Immigrant Experience 2014"
    assert event.decoded("DTSTART") == datetime(2014, 3, 7, 19, tzinfo=ZoneInfo("America/Chicago"))
    assert event.decoded("DTEND") == datetime(2014, 3, 7, 21, tzinfo=ZoneInfo("America/Chicago"))
    assert "Music and food from the four communities." in str(event["DESCRIPTION"])


def test_an_event_of_an_unpublished_exhibition_has_no_calendar_file(client, tour):
    event = Event.objects.filter(showing__exhibition=tour).first()
    tour.unpublish()
    assert client.get(reverse("exhibit:event_calendar", args=[event.pk])).status_code == 404
    assert client.get("/calendar/events/99999999999999999999.ics").status_code == 404
