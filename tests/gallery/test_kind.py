"""Kind is never a silent default: an old date makes a photograph historical, and says so; camera facts
are public only where the camera took the photograph."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gallery.models import Photograph

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("date", ["1905~", "192X", "1938", "ca 1905"])
def test_a_photograph_with_an_old_date_and_no_kind_is_historical_and_the_edit_page_says_why(
        date, make_photo, admin_client):
    photo = make_photo(date_edtf=date)
    photo.refresh_from_db()
    assert (photo.kind, photo.kind_inferred) == ("historical", True)
    html = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert f"Historical: inferred from its date ({photo.date_display})." in html


def test_no_kind_and_no_date_is_not_called_contemporary(make_photo, client):
    photo = make_photo()
    assert photo.kind == ""
    html = client.get(photo.get_absolute_url()).content.decode()
    assert "Contemporary" not in html


def test_a_recent_date_without_a_kind_is_left_for_the_curator(make_photo, admin_client):
    photo = make_photo(date_edtf="2013-10")
    assert photo.kind == ""
    html = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert "No kind yet: choose historical or contemporary" in html


def test_a_kind_the_curator_chose_is_kept_and_no_longer_called_inferred(make_photo, admin_client):
    photo = make_photo(date_edtf="1905~")
    response = admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]), {
        "title": photo.title, "alt_text": "x", "kind": "contemporary", "consent": "on_file", "collection": 1,
        "date_edtf": "1905~",
    })
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.kind, photo.kind_inferred) == ("contemporary", False)


def _with_camera(photo, **fields):
    values = {"camera_make": "NIKON CORPORATION", "camera_model": "NIKON D300", "lens": "18-200mm",
              "date_taken": timezone.make_aware(datetime.datetime(2008, 5, 1, 12, 0))}
    values.update(fields)
    for key, value in values.items():
        setattr(photo, key, value)
    photo.save()
    return photo


def test_a_historical_photograph_does_not_show_the_copy_cameras_exif(make_photo, client):
    photo = _with_camera(make_photo(date_edtf="1905~"))
    html = client.get(photo.get_absolute_url()).content.decode()
    assert "ca. 1905" in html
    assert "NIKON" not in html and "18-200mm" not in html


def test_a_camera_clock_outside_the_photographs_date_hides_the_camera(make_photo, client):
    photo = _with_camera(make_photo(date_edtf="1990", kind=Photograph.Kind.CONTEMPORARY))
    assert "NIKON" not in client.get(photo.get_absolute_url()).content.decode()


def test_a_contemporary_photograph_shows_its_own_camera(make_photo, client):
    photo = _with_camera(make_photo(date_edtf="2008-05-01", kind=Photograph.Kind.CONTEMPORARY))
    html = client.get(photo.get_absolute_url()).content.decode()
    assert "NIKON CORPORATION NIKON D300" in html and "18-200mm" in html
