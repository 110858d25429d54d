"""Venues in the admin: made from the showing's venue chooser without leaving the page, a searchable
time zone (US zones first, IANA names stored), and logistics dates that look wrong are warned about."""

from datetime import date

import pytest
from django.urls import reverse

from exhibit.models import Showing, Venue

pytestmark = pytest.mark.django_db


def test_a_new_venue_is_made_inside_the_venue_chooser(admin_client):
    chooser = admin_client.get(reverse("wagtailsnippetchoosers_exhibit_venue:choose"))
    html = chooser.json()["html"]
    assert "New venue" in html and 'list="id_time_zone-zones"' in html
    options = html.split('<datalist id="id_time_zone-zones">')[1]
    assert options.index('value="America/New_York"') < options.index('value="America/Chicago"') < options.index('value="Africa/Abidjan"')
    response = admin_client.post(reverse("wagtailsnippetchoosers_exhibit_venue:create"), {
        "name": "Daniel Boone Regional Library", "city": "Columbia", "state": "MO", "time_zone": "America/Chicago",
    })
    data = response.json()
    venue = Venue.objects.get(name="Daniel Boone Regional Library")
    assert data["step"] == "chosen" and str(data["result"]["id"]) == str(venue.pk)
    assert venue.time_zone == "America/Chicago"


def test_an_unknown_time_zone_is_refused_with_the_reason(admin_client):
    response = admin_client.post(reverse("wagtailsnippetchoosers_exhibit_venue:create"),
                                 {"name": "Somewhere", "time_zone": "Central"})
    assert "“Central” is not a time zone name" in response.json()["htmlFragment"]
    assert not Venue.objects.filter(name="Somewhere").exists()


def test_logistics_dates_that_look_wrong_are_warnings(springfield, make_exhibition):
    page = make_exhibition(title="Faces", stops=[(springfield, date(2027, 2, 6), date(2027, 3, 28), {
        "deliver_by": date(2027, 2, 10), "install_from": date(2027, 2, 1), "pack_by": date(2027, 3, 20),
        "insurance_from": date(2027, 2, 8), "insurance_until": date(2027, 3, 15),
    }, [])])
    warnings = Showing.objects.get(exhibition=page).logistics_warnings()
    assert warnings == [
        "Deliver by (Wednesday, February 10, 2027) is after the opening.",
        "Install from (Monday, February 1, 2027) is before the delivery.",
        "Pack by (Saturday, March 20, 2027) is before the closing.",
        "Insurance until (Monday, March 15, 2027) is before the exhibition is packed: the works stay uninsured.",
    ]
