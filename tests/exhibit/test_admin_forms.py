"""
Bad input through the real Wagtail admin views: each a clear form error on the page a curator is
editing. An event outside its stop's dates is saved, with a warning the curator sees.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exhibit.models import Event, ExhibitionPage, Showing, Venue
from tests.admin_forms import NO_TRANSLATIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client, django_user_model):
    curator = django_user_model.objects.create_user("curator", "curator@example.org", "pw")
    curator.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    return client


def event(**fields):
    data = {"kind": "opening_reception", "title": "", "date": "2014-03-07", "start_time": "19:00", "end_time": "21:00",
            "status": "scheduled", "previous_date": "", "speakers": "", "description": "", "rsvp_url": ""}
    data.update(fields)
    return data


def stop(venue, opens, closes, events=(), **fields):
    data = {"venue": venue.pk if venue else "", "opens": opens, "closes": closes, "deliver_by": "", "install_from": "",
            "pack_by": "", "insurance_from": "", "insurance_until": "", "venue_contact": "", "crate_list": "",
            "logistics_notes": "", "events": inline_formset(list(events))}
    data.update(fields)
    return data


def page_form(stops, title="Faces and Places", slug="faces-and-places"):
    return nested_form_data({
        "title": title,
        "slug": slug,
        "summary": "A photographic exhibition.",
        "body": streamfield([("text", rich_text("<p>About the exhibition.</p>"))]),
        "exhibition_photographs": inline_formset([]),
        "showings": inline_formset(list(stops)),
        "comments": inline_formset([]),
    })


def create(client, home, stops):
    url = reverse("wagtailadmin_pages:add", args=["exhibit", "exhibitionpage", home.pk])
    return client.post(url, page_form(stops))


def test_a_curator_can_create_an_exhibition_with_its_itinerary(curator_client, home, springfield, columbia):
    response = create(curator_client, home, [
        stop(springfield, "2014-03-07", "2014-03-29", [event(), event(kind="closing_reception", date="2014-03-29", start_time="", end_time="")]),
        stop(columbia, "2014-04-05", "2014-04-26", [event(date="2014-04-05", start_time="10:00", end_time="")]),
    ])
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ExhibitionPage.objects.get(slug="faces-and-places")
    assert [s.venue for s in page.showings.order_by("opens")] == [springfield, columbia]
    assert Event.objects.filter(showing__exhibition=page, start_time__isnull=True).count() == 1


def test_event_ending_before_it_starts_is_a_form_error(curator_client, home, springfield):
    response = create(curator_client, home, [stop(springfield, "2014-03-07", "2014-03-29", [event(start_time="21:00", end_time="19:00")])])
    assert response.status_code == 200
    assert "The event ends before it starts: the end time must be after the start time." in response.content.decode()
    assert not ExhibitionPage.objects.exists()


def test_showing_without_a_venue_is_a_form_error(curator_client, home):
    response = create(curator_client, home, [stop(None, "2014-03-07", "2014-03-29")])
    assert response.status_code == 200
    assert "Choose the venue for this stop: a showing needs a venue." in response.content.decode()
    assert not Showing.objects.exists()


def test_showing_closing_before_it_opens_is_a_form_error(curator_client, home, springfield):
    response = create(curator_client, home, [stop(springfield, "2014-03-29", "2014-03-07")])
    assert response.status_code == 200
    assert "The showing closes before it opens" in response.content.decode()


def test_overlapping_showings_are_a_form_error(curator_client, home, springfield, columbia):
    response = create(curator_client, home, [
        stop(columbia, "2014-03-25", "2014-04-26"),
        stop(springfield, "2014-03-07", "2014-03-29"),
    ])
    html = response.content.decode()
    assert response.status_code == 200
    assert "This stop overlaps the showing at Park Central Branch Library (Mar 7 - Mar 29, 2014)" in html
    assert "Open it after March 29, 2014." in html
    assert not ExhibitionPage.objects.exists()


def test_overlap_is_checked_when_editing_too(curator_client, tour, springfield, columbia):
    showings = list(tour.showings.order_by("opens"))
    data = page_form(
        [
            {**stop(springfield, "2014-03-07", "2014-03-29"), "id": showings[0].pk},
            {**stop(columbia, "2014-03-29", "2014-04-26"), "id": showings[1].pk},
        ],
        title=tour.title, slug=tour.slug,
    )
    data["showings-INITIAL_FORMS"] = "2"
    response = curator_client.post(reverse("wagtailadmin_pages:edit", args=[tour.pk]), data)
    assert response.status_code == 200
    assert "two showings of one exhibition cannot overlap" in response.content.decode()


def test_event_outside_its_showing_is_saved_with_a_warning(curator_client, home, springfield):
    response = create(curator_client, home, [
        stop(springfield, "2014-03-07", "2014-03-29", [event(kind="gallery_talk", title="Preview talk", date="2014-03-01")]),
    ])
    assert response.status_code == 302
    assert Event.objects.filter(title="Preview talk").exists()
    html = curator_client.get(response["Location"]).content.decode()
    assert "“Preview talk” on Saturday, March 1, 2014 is outside the dates of the stop at Park Central Branch Library" in html


def test_delivery_after_the_opening_and_packing_before_the_closing_are_saved_with_warnings(curator_client, home, springfield):
    response = create(curator_client, home, [
        stop(springfield, "2014-03-07", "2014-03-29", deliver_by="2014-03-10", pack_by="2014-03-20"),
    ])
    assert response.status_code == 302
    assert Showing.objects.get().deliver_by.day == 10
    html = curator_client.get(response["Location"]).content.decode()
    assert "Stop at Park Central Branch Library: Deliver by (Monday, March 10, 2014) is after the opening." in html
    assert "Pack by (Thursday, March 20, 2014) is before the closing. Saved as entered: check it." in html


def test_a_time_zone_that_does_not_exist_is_a_form_error(admin_client):
    url = reverse("wagtailsnippets_exhibit_venue:add")
    data = {"name": "Moon Library", "slug": "", "street_address": "", "city": "", "state": "", "postal_code": "",
            "time_zone": "America/Springfield", "website": "", "hours": "", "accessibility_notes": "",
            **NO_TRANSLATIONS}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "“America/Springfield” is not a time zone name." in response.content.decode()
    assert not Venue.objects.filter(name="Moon Library").exists()

    data["time_zone"] = "America/Chicago"
    assert admin_client.post(url, data).status_code == 302
    assert Venue.objects.get(name="Moon Library").slug == "moon-library"


def test_editor_shows_the_itinerary_with_nested_events_and_logistics(curator_client, tour, home):
    html = curator_client.get(reverse("wagtailadmin_pages:edit", args=[tour.pk])).content.decode()
    assert "Itinerary" in html and "Events at this stop" in html and "Logistics" in html
    assert "showings-0-events-0-date" in html and "Springfield crate SPFCRATE-77" in html
    add = curator_client.get(reverse("wagtailadmin_pages:add", args=["exhibit", "exhibitionpage", home.pk]))
    assert add.status_code == 200


def test_dates_and_times_typed_as_people_type_them_are_saved_as_meant(curator_client, home, springfield):
    response = create(curator_client, home, [stop(springfield, "Feb 6, 2027", "3/28/2027", [
        event(date="February 6, 2027", start_time="6:00 pm", end_time="8pm"),
        event(kind="gallery_talk", date="2027-02-13", start_time="noon", end_time="13:00"),
    ], deliver_by="Jan 20, 2027")])
    assert response.status_code == 302, response.content.decode()[:3000]
    showing = Showing.objects.get()
    assert (showing.opens, showing.closes, showing.deliver_by) == (
        datetime.date(2027, 2, 6), datetime.date(2027, 3, 28), datetime.date(2027, 1, 20))
    assert [(e.date, e.start_time, e.end_time) for e in showing.ordered_events()] == [
        (datetime.date(2027, 2, 6), datetime.time(18), datetime.time(20)),
        (datetime.date(2027, 2, 13), datetime.time(12), datetime.time(13)),
    ]
    page = ExhibitionPage.objects.get()
    edit = curator_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Saturday, February 6, 2027" in edit and "Sunday, March 28, 2027" in edit and "6:00 pm" in edit


def test_a_date_or_time_the_form_cannot_read_is_an_error_not_today_or_the_morning(curator_client, home, springfield):
    response = create(curator_client, home, [stop(springfield, "Febtober 6, 2027", "3/28/2027", [
        event(date="2027-02-06", start_time="6:00", end_time=""),
    ])])
    assert response.status_code == 200
    html = response.content.decode()
    assert "“Febtober 6, 2027” is not a date this form can read" in html
    assert "“6:00” could be morning or evening: add am or pm" in html
    assert 'value="Febtober 6, 2027"' in html and 'value="6:00"' in html
    assert not Showing.objects.exists()
