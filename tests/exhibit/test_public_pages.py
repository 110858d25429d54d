"""What a visitor reads: the itinerary's events as people write them, venue pages, the events page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from exhibit.models import ExhibitionPhotograph

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


def test_receptions_read_as_written_and_tba_says_so(client, tour):
    html = client.get(tour.url).content.decode()
    assert "Friday, March 7, 2014, 7-9 pm" in html
    assert "Saturday, March 29, 2014, Time TBA" in html
    assert "Saturday, April 5, 2014, 10 am" in html
    assert "Saturday, April 26, 2014, Time TBA" in html
    assert "<del>Saturday, March 15, 2014, 2-3 pm</del>" in html and '<span class="event-note">Cancelled</span>' in html
    assert "Rescheduled from Thursday, April 10, 2014" in html


def test_events_page_lists_upcoming_then_past(client, tour, frozen_now):
    frozen_now(datetime(2014, 4, 1, 12, tzinfo=CHICAGO))
    html = client.get(reverse("exhibit:events")).content.decode()
    upcoming, past = html.index("Coming up"), html.index("Past events")
    assert upcoming < html.index("Saturday, April 5, 2014, 10 am") < past
    assert past < html.index("Friday, March 7, 2014, 7-9 pm")
    # Upcoming soonest first, past latest first.
    assert html.index("April 5, 2014") < html.index("April 26, 2014")
    assert html.index("March 29, 2014, Time TBA") < html.index("March 7, 2014, 7-9 pm")


def test_venue_page_shows_current_and_coming_showings(client, tour, springfield, columbia, frozen_now):
    frozen_now(datetime(2014, 3, 10, 12, tzinfo=CHICAGO))
    html = client.get(springfield.get_absolute_url()).content.decode()
    assert "128 Park Central Square" in html and "Now showing" in html and tour.title in html
    assert "Friday, March 7, 2014, 7-9 pm" in html
    assert "100 W Broadway" not in html
    html = client.get(columbia.get_absolute_url()).content.decode()
    html = html[html.index("<main"):]  # the head's JSON-LD names the exhibition too
    assert html.index("Coming up") < html.index(tour.title)
    assert client.get(reverse("exhibit:venue", args=["nowhere"])).status_code == 404


def test_only_public_photographs_are_shown(client, make_exhibition, make_photo, springfield):
    shown = make_photo(title="Shown one", alt_text="A porch")
    hidden = make_photo(title="Withheld one", alt_text="A kitchen", consent="withheld")
    page = make_exhibition(title="Walls", stops=[(springfield, date(2014, 3, 7), date(2014, 3, 9), {}, [])], hero_image=hidden)
    ExhibitionPhotograph.objects.create(page=page, photograph=shown, caption="Exhibition caption for the porch", sort_order=0)
    ExhibitionPhotograph.objects.create(page=page, photograph=hidden, caption="Exhibition caption for the kitchen", sort_order=1)
    page.body = [("photograph", {"photograph": hidden, "caption": "Body caption"})]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Shown one" in html and "Exhibition caption for the porch" in html and 'alt="A porch"' in html
    assert "Withheld one" not in html and "A kitchen" not in html and "Body caption" not in html
    assert f"/media/renditions/{hidden.pk}/" not in html


def test_main_navigation_has_exhibitions_and_events(client, home):
    from exhibit.models import ExhibitionIndexPage

    home.add_child(instance=ExhibitionIndexPage(title="Exhibitions", slug="exhibitions"))
    html = client.get("/").content.decode()
    assert '<a href="/exhibitions/">Exhibitions</a>' in html and '<a href="/events/">Events</a>' in html


def test_labels_show_title_creator_date_and_credit_line_as_museum_labels_do(client, make_exhibition, make_photo, springfield):
    without_creator = make_photo(title="Family on the porch", date_edtf="ca 1905", credit_line="Gift of the Begić family")
    with_creator = make_photo(title="Market day", date_edtf="2013-10", creator_credit="Jane Doe",
                              credit_line="Courtesy of the artist")
    page = make_exhibition(title="Labels", stops=[(springfield, date(2014, 3, 7), date(2014, 3, 9), {}, [])])
    ExhibitionPhotograph.objects.create(page=page, photograph=without_creator, sort_order=0)
    page.body = [("photograph", {"photograph": with_creator, "caption": "At the stall"})]
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert ('<span class="photo-title label-title">Family on the porch</span><span class="label-maker">'
            '<span class="label-date">ca. 1905</span></span>') in html
    assert '<span class="credit label-credit">Gift of the Begić family</span>' in html
    assert ('<span class="label-creator">Jane Doe</span>, <span class="label-date">October 2013</span>') in html
    assert "At the stall" in html and '<span class="credit label-credit">Courtesy of the artist</span>' in html
