"""Where the exhibition is today, decided at the venue's door: the boundary days, with a frozen clock."""

from datetime import date, datetime, timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest

from exhibit.itinerary import CURRENT, PAST, UPCOMING, itinerary, showing_state
from exhibit.presenters import status_line
from exhibit.models import Showing, Venue

CHICAGO = ZoneInfo("America/Chicago")


def at(year, month, day, hour=12, minute=0, tz=CHICAGO):
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def stops():
    springfield = Venue(name="Park Central Branch Library", time_zone="America/Chicago")
    columbia = Venue(name="The Columbia Public Library", time_zone="America/Chicago")
    return [
        Showing(venue=columbia, opens=date(2014, 4, 5), closes=date(2014, 4, 26)),
        Showing(venue=springfield, opens=date(2014, 3, 7), closes=date(2014, 3, 29)),
    ]


@pytest.mark.parametrize(
    "now, current, next_stop, line",
    [
        (at(2014, 3, 6, 23, 59), None, "Park", "Next: Park Central Branch Library, opening Friday, March 7, 2014."),
        (at(2014, 3, 7, 0, 1), "Park", "The Columbia", "Now showing at Park Central Branch Library, until Saturday, March 29, 2014. Next: The Columbia Public Library, from Saturday, April 5, 2014."),
        (at(2014, 3, 29, 23, 59), "Park", "The Columbia", None),
        (at(2014, 3, 30, 0, 0), None, "The Columbia", "Next: The Columbia Public Library, opening Saturday, April 5, 2014."),
        (at(2014, 4, 2), None, "The Columbia", None),
        (at(2014, 4, 5, 0, 0), "The Columbia", None, "Now showing at The Columbia Public Library, until Saturday, April 26, 2014."),
        (at(2014, 4, 26, 23, 0), "The Columbia", None, None),
        (at(2014, 4, 27, 0, 0), None, None, "Closed. Last shown at The Columbia Public Library until Saturday, April 26, 2014."),
    ],
    ids=["eve of opening", "opening day", "closing day late", "day after closing", "between stops",
         "second opening day", "last day", "after the tour"],
)
def test_now_showing_and_next_around_the_boundaries(now, current, next_stop, line):
    plan = itinerary(stops(), now)
    current_name = plan.current.venue.name if plan.current else ""
    next_name = plan.next.venue.name if plan.next else ""
    assert bool(current_name) == bool(current) and current_name.startswith(current or "")
    assert bool(next_name) == bool(next_stop) and next_name.startswith(next_stop or "")
    if line:
        assert status_line(plan, now) == line


def test_today_is_the_venues_date_not_utc():
    showing = stops()[1]  # Springfield, opens March 7
    # 03:00 UTC on March 7 is still 9 pm on March 6 in Springfield: not open yet.
    assert showing_state(showing, datetime(2014, 3, 7, 3, 0, tzinfo=dt_timezone.utc)) == UPCOMING
    assert showing_state(showing, datetime(2014, 3, 7, 6, 30, tzinfo=dt_timezone.utc)) == CURRENT
    # 04:30 UTC on March 30 is 11:30 pm on March 29 in Springfield: still the closing day.
    assert showing_state(showing, datetime(2014, 3, 30, 4, 30, tzinfo=dt_timezone.utc)) == CURRENT
    assert showing_state(showing, datetime(2014, 3, 30, 5, 30, tzinfo=dt_timezone.utc)) == PAST


@pytest.mark.django_db
def test_exhibition_page_and_index_follow_the_frozen_clock(tour, client, frozen_now, home):
    from exhibit.models import ExhibitionIndexPage

    index = home.add_child(instance=ExhibitionIndexPage(title="Exhibitions", slug="exhibitions"))
    frozen_now(at(2014, 3, 29, 20, 0))
    html = client.get(tour.url).content.decode()
    assert "Now showing at Park Central Branch Library, until Saturday, March 29, 2014." in html
    listing = client.get(index.url).content.decode()
    assert listing.index("Now showing") < listing.index("The Missouri Immigrant Experience 2014") < listing.index("Coming up")

    frozen_now(at(2014, 4, 1))
    html = client.get(tour.url).content.decode()
    assert "Next: The Columbia Public Library, opening Saturday, April 5, 2014." in html
    assert "Now showing at" not in html

    frozen_now(at(2014, 6, 1))
    listing = client.get(index.url).content.decode()
    assert listing.index("Past exhibitions") < listing.index("The Missouri Immigrant Experience 2014")
