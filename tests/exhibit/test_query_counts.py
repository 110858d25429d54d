"""Pages that show an exhibition's photographs, or the exhibitions of a photograph, an artist or a
community, make the same number of queries for 10 photographs as for 60."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.search import index

from exhibit.models import ExhibitionPhotograph
from gallery.imaging.sizes import STANDARD_SPECS
from gallery.models import Artist, Community
from tests.conftest import jpeg_bytes
from tests.factories import clone_photos, date_for
from tests.gallery.test_query_counts import query_counts

pytestmark = pytest.mark.django_db


def test_exhibition_pages_make_the_same_queries_for_10_and_60_photographs(
    make_photo, client, settings, make_exhibition, springfield, columbia, frozen_now
):
    settings.PAGE_CACHE_ENABLED = False  # measure the page, not the page cache
    frozen_now(datetime(2014, 3, 10, 12, tzinfo=ZoneInfo("America/Chicago")))  # the first stop is on
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    artist = Artist.objects.create(name="Amela Sinanagic")
    template = make_photo(data=jpeg_bytes(size=(64, 48)), title="Garden", artist=artist, date_edtf="1905~",
                          communities=[bosnian])
    template.get_renditions(*STANDARD_SPECS)  # every size exists: the request only reads them
    index.insert_or_update_object(template)
    stops = [
        (springfield, date(2014, 3, 7), date(2014, 3, 29), {}, []),
        (columbia, date(2014, 4, 5), date(2014, 4, 26), {}, []),
    ]
    # Two exhibitions hold every photograph, so each photograph page lists two exhibitions of two stops.
    tour = make_exhibition(title="Faces & Places", stops=stops, hero_image=template)
    again = make_exhibition(title="Second Look", stops=stops[1:])
    tour.featured_artists.add(artist)
    tour.communities.add(bosnian)
    tour.save_revision().publish()

    def add(count):
        photos = clone_photos(template, count, communities=[bosnian], index=True, date_edtf=date_for)
        for page in (tour, again):
            start = ExhibitionPhotograph.objects.filter(page=page).count()
            ExhibitionPhotograph.objects.bulk_create(
                ExhibitionPhotograph(page=page, photograph=photo, sort_order=start + number)
                for number, photo in enumerate(photos)
            )

    ExhibitionPhotograph.objects.create(page=tour, photograph=template, sort_order=-1)
    ExhibitionPhotograph.objects.create(page=again, photograph=template, sort_order=-1)
    add(9)
    middle = ExhibitionPhotograph.objects.filter(page=tour).order_by("sort_order")[4].photograph
    urls = [
        tour.url,
        f"{middle.get_absolute_url()}?exhibition={tour.pk}",
        middle.get_absolute_url(),
        reverse("gallery:artist", args=[artist.slug]),
        reverse("gallery:community", args=["bosnian"]),
        f"/photographs/?exhibition={tour.slug}",
        f"/photographs/?exhibition={again.slug}&community=bosnian&q=garden",
        "/",
    ]
    with_10 = query_counts(client, urls)
    add(50)
    assert query_counts(client, urls) == with_10
    # The second count is of full pages: 60 photographs on the wall, 60 steps in the order, two exhibitions.
    assert client.get(tour.url).content.decode().count(f"?exhibition={tour.pk}") == 60
    assert "5 of 60" in client.get(f"{middle.get_absolute_url()}?exhibition={tour.pk}").content.decode()
    photo_page = client.get(middle.get_absolute_url()).content.decode()
    assert "Faces &amp; Places" in photo_page and "Second Look" in photo_page and "April 5 - 26, 2014" in photo_page
    assert "Now showing" in client.get("/").content.decode()


def test_detail_pages_make_the_same_queries_for_one_exhibition_and_four(
    make_photo, client, settings, make_exhibition, springfield, columbia
):
    settings.PAGE_CACHE_ENABLED = False
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    artist = Artist.objects.create(name="Amela Sinanagic")
    photo = make_photo(data=jpeg_bytes(size=(64, 48)), title="Garden", artist=artist, communities=[bosnian])
    photo.get_renditions(*STANDARD_SPECS)

    def exhibition(number):
        page = make_exhibition(title=f"Show {number}", stops=[
            (springfield, date(2014 + number, 3, 7), date(2014 + number, 3, 29), {}, []),
            (columbia, date(2014 + number, 4, 5), date(2014 + number, 4, 26), {}, []),
        ])
        ExhibitionPhotograph.objects.create(page=page, photograph=photo, sort_order=0)

    exhibition(0)
    urls = [photo.get_absolute_url(), reverse("gallery:artist", args=[artist.slug]),
            reverse("gallery:community", args=["bosnian"]), "/"]
    with_one = query_counts(client, urls)
    for number in (1, 2, 3):
        exhibition(number)
    with_four = query_counts(client, urls)
    assert with_four == with_one
    assert all(f"Show {number}" in client.get(photo.get_absolute_url()).content.decode() for number in range(4))
