"""Approximate dates display and sort as a person expects; a bad one is a form error, not a crash."""

import pytest
from django.urls import reverse

from gallery.models import Community, Photograph

pytestmark = pytest.mark.django_db

DATES = [
    ("1890/1910", "1890–1910"),
    ("1905~", "ca. 1905"),
    ("191X", "1910s"),
    ("2013-10", "October 2013"),
]


def test_approximate_dates_display_and_sort_on_a_public_page(make_photo, client):
    community = Community.objects.create(name="German", slug="german")
    for edtf, _ in reversed(DATES):
        make_photo(title=f"Taken {edtf}", date_edtf=edtf, communities=[community])
    html = client.get(reverse("gallery:community", args=["german"])).content.decode()
    positions = [html.index(f"Taken {edtf}") for edtf, _ in DATES]
    assert positions == sorted(positions), "oldest first, by earliest then latest date"
    for _, display in DATES:
        assert display in html


def test_date_range_is_stored_for_sorting_and_facets(make_photo):
    photo = make_photo(date_edtf="191X")
    stored = Photograph.objects.get(pk=photo.pk)
    assert (stored.date_earliest.isoformat(), stored.date_latest.isoformat()) == ("1910-01-01", "1919-12-31")


def test_a_bad_date_is_a_form_error_in_the_admin(admin_client, make_photo):
    photo = make_photo(date_edtf="1905")
    response = admin_client.post(
        reverse("wagtailimages:edit", args=[photo.pk]),
        {"title": photo.title, "alt_text": "x", "kind": "historical", "consent": "on_file", "collection": 1,
         "date_edtf": "19O5 or so"},
    )
    assert response.status_code == 200
    assert "is not a date the archive can read" in response.content.decode()
    assert Photograph.objects.get(pk=photo.pk).date_edtf == "1905"
