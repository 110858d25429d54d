"""Pages that list photographs make the same number of queries for 10 photographs as for 60:
facet counts are aggregates, related data and renditions are prefetched, never per photograph."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.search import index

from gallery.imaging.sizes import STANDARD_SPECS
from gallery.models import Artist, Community
from tests.conftest import jpeg_bytes
from tests.factories import clone_photos, date_for

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)  # warm-up: one-time lookups (site, content types) are not the page's
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), response


def query_counts(client, urls):
    """{url: queries its page makes}."""
    return {url: queries_for(client, url)[0] for url in urls}


def test_listing_pages_make_the_same_queries_for_10_and_60_photographs(make_photo, client, settings):
    settings.PAGE_CACHE_ENABLED = False  # measure the page, not the page cache
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    german = Community.objects.create(name="German", slug="german")
    artist = Artist.objects.create(name="Amela Sinanagic")
    template = make_photo(data=jpeg_bytes(size=(64, 48)), title="Garden", place="Columbia, MO", artist=artist,
                          date_edtf="1905~", communities=[bosnian, german])
    template.tags.add("garden")
    template.get_renditions(*STANDARD_SPECS)  # every size exists: the request only reads them
    index.insert_or_update_object(template)  # tasks are off in tests; a running site indexes on save

    def add(count):
        clone_photos(template, count, communities=[bosnian, german], index=True, date_edtf=date_for,
                     kind=lambda n: ("historical", "contemporary")[n % 2], place=lambda n: f"Place {n % 7}")

    add(9)
    first = Community.objects.get(slug="bosnian").tagged_photographs.order_by("content_object_id").first()
    photo_url = f"/photographs/{first.content_object_id}/"
    urls = [
        "/photographs/",
        "/photographs/?community=bosnian&decade=1900s&kind=historical",
        "/photographs/?q=garden&community=german",
        "/photographs/?q=garden&sort=title&page=2",
        # Near matches (misspelled, accents left off), a year, and an empty search with its suggestions.
        "/photographs/?q=gardn",
        "/photographs/?q=sinanagic+1905",
        "/photographs/?q=gardxn&community=german",
        "/search/?q=garden",
        "/search/?q=Sinanagic",
        "/search/?q=gardxnz",
        reverse("gallery:artist_index"),
        reverse("gallery:community_index"),
        reverse("gallery:community", args=["bosnian"]),
        reverse("gallery:artist", args=[artist.slug]),
        photo_url + "?from=community%3Dbosnian",
        "/",
    ]
    # In Spanish each photograph's words are read too: prefetched with the page, never one by one.
    urls += ["/es" + url for url in urls[:4] + ["/search/?q=garden", reverse("gallery:community", args=["bosnian"]),
                                                   photo_url + "?from=community%3Dbosnian"]]
    with_10 = query_counts(client, urls)
    add(50)
    assert query_counts(client, urls) == with_10
    # The pages did show the photographs (the second count is not of an empty page).
    assert client.get("/photographs/").content.decode().count('class="photo-title"') == 24
    assert "60 photographs" in client.get("/photographs/?q=garden").content.decode()
    assert "60 photographs" in client.get("/photographs/?q=gardn").content.decode()
    assert "nearest matches" in client.get("/photographs/?q=gardn").content.decode()
