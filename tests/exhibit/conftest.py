"""Builders for exhibitions with an itinerary: two venues in America/Chicago, the seed's 2014 tour."""

from datetime import date, time

import pytest

# Logistics values the public must never see: tests search rendered bytes for each.
SPRINGFIELD_LOGISTICS = {
    "venue_contact": "Springfield contact Zelda Quimby 417-555-0101",
    "crate_list": "Springfield crate SPFCRATE-77",
    "logistics_notes": "Springfield note loading dock behind annex",
    "deliver_by": date(2014, 3, 3),
    "install_from": date(2014, 3, 4),
    "pack_by": date(2014, 3, 31),
}
COLUMBIA_LOGISTICS = {
    "venue_contact": "Columbia contact Yusuf Marchetti 573-555-0199",
    "crate_list": "Columbia crate COLCRATE-42",
    "logistics_notes": "Columbia note freight elevator code",
    "deliver_by": date(2014, 4, 1),
    "install_from": date(2014, 4, 2),
    "pack_by": date(2014, 4, 28),
}


@pytest.fixture
def home(db):
    from exhibit.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def springfield(db):
    from exhibit.models import Venue

    return Venue.objects.create(
        name="Park Central Branch Library", street_address="128 Park Central Square", city="Springfield",
        state="MO", time_zone="America/Chicago",
    )


@pytest.fixture
def columbia(db):
    from exhibit.models import Venue

    return Venue.objects.create(
        name="The Columbia Public Library", street_address="100 W Broadway", city="Columbia", state="MO",
        postal_code="65203", time_zone="America/Chicago",
    )


@pytest.fixture
def make_exhibition(home):
    """An exhibition page, published, with showings [(venue, opens, closes, logistics, events)]."""
    from exhibit.models import Event, ExhibitionPage, Showing

    def make(title="Faces & Places", slug=None, stops=(), parent=None, **fields):
        page = ExhibitionPage(title=title, slug=slug or title.lower().replace(" ", "-").replace("&", "and"),
                              summary=fields.pop("summary", "A photographic exhibition."), **fields)
        (parent or home).add_child(instance=page)
        for order, (venue, opens, closes, logistics, events) in enumerate(stops):
            showing = Showing.objects.create(
                exhibition=page, venue=venue, opens=opens, closes=closes, sort_order=order, **logistics
            )
            for event_order, event in enumerate(events):
                Event.objects.create(showing=showing, sort_order=event_order, **event)
        page = ExhibitionPage.objects.get(pk=page.pk)
        page.save_revision().publish()
        return ExhibitionPage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def tour(make_exhibition, springfield, columbia):
    """The seed's tour: four receptions (two Time TBA), plus a cancelled talk and a rescheduled screening."""
    springfield_events = [
        {"kind": "opening_reception", "date": date(2014, 3, 7), "start_time": time(19), "end_time": time(21)},
        {"kind": "closing_reception", "date": date(2014, 3, 29)},
        {"kind": "gallery_talk", "title": "Sample gallery talk", "date": date(2014, 3, 15),
         "start_time": time(14), "end_time": time(15), "status": "cancelled"},
    ]
    columbia_events = [
        {"kind": "opening_reception", "date": date(2014, 4, 5), "start_time": time(10)},
        {"kind": "closing_reception", "date": date(2014, 4, 26)},
        {"kind": "film_screening", "title": "Sample screening", "date": date(2014, 4, 12),
         "start_time": time(18), "end_time": time(20), "status": "rescheduled", "previous_date": date(2014, 4, 10)},
    ]
    return make_exhibition(
        title="The Missouri Immigrant Experience 2014",
        slug="faces-and-places-2014",
        stops=[
            (springfield, date(2014, 3, 7), date(2014, 3, 29), SPRINGFIELD_LOGISTICS, springfield_events),
            (columbia, date(2014, 4, 5), date(2014, 4, 26), COLUMBIA_LOGISTICS, columbia_events),
        ],
    )


@pytest.fixture
def frozen_now(monkeypatch):
    """Freeze django.utils.timezone.now for views: call with an aware datetime."""
    from django.utils import timezone

    def freeze(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return freeze
