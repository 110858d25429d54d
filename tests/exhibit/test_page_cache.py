"""Anonymous pages come from the cache; a curator's change is visible on the very next request."""

import os
import shutil

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.test import Client
from django.urls import reverse

from exhibit.models import HomePage
from gallery.models import Artist, Community, StoredImageAnswer
from tests.conftest import jpeg_bytes
from tests.load.run_load import private_redis

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries)


@pytest.fixture
def photo(make_photo):
    community = Community.objects.create(name="Bosnian", slug="bosnian")
    return make_photo(data=jpeg_bytes(size=(64, 48)), title="Community garden", communities=[community])


@pytest.mark.parametrize("url", ["/", "/photographs/", "/photographs/?community=bosnian", "/communities/bosnian/"])
def test_a_repeat_anonymous_request_is_served_from_the_cache_with_one_query(photo, client, url):
    first, first_queries = get(client, url)
    again, again_queries = get(client, url)
    assert first["X-Page-Cache"] == "miss" and first_queries > 1
    # The one query reads the cache generation, kept in the database where every process sees it.
    assert again["X-Page-Cache"] == "hit" and again_queries == 1
    assert again.content == first.content
    # A page from the cache goes out with the same headers as the page it was made from.
    for header in ("Content-Type", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy",
                   "X-Content-Type-Options"):
        assert again.get(header) == first.get(header), header


def test_a_curators_edit_in_the_admin_shows_on_the_next_anonymous_request(photo, admin_client):
    client = Client()  # the visitor; admin_client is the curator
    url = photo.get_absolute_url()
    assert "Community garden" in client.get(url).content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/photographs/")["X-Page-Cache"] == "miss"

    edit = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk]))
    form = edit.context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [])}
    # Communities are picked from the curated list, by id.
    data.update(title="Bean harvest", communities=[Community.objects.get(slug="bosnian").pk], tags="", collection=photo.collection_id,
                artist="", date_taken="", iso="", gps_latitude="", gps_longitude="", is_published="on")
    data = {key: value for key, value in data.items() if key != "file"}
    response = admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    for page in (url, "/photographs/", "/communities/bosnian/"):
        fresh = client.get(page)
        assert fresh["X-Page-Cache"] == "miss", page
        assert "Bean harvest" in fresh.content.decode() and "Community garden" not in fresh.content.decode()


def rename_artist(photo):
    photo.artist.name = "Rita Chu-Nguyen"
    photo.artist.save()
    return photo.get_absolute_url(), "Rita Chu-Nguyen"


def rename_community(photo):
    community = Community.objects.get(slug="bosnian")
    community.name = "Bosnian Americans"
    community.save()
    return photo.get_absolute_url(), "Bosnian Americans"


def add_keyword(photo):
    photo.tags.add("harvest")
    return photo.get_absolute_url(), "harvest"


def publish_home_page(photo):
    home = HomePage.objects.first()
    home.title = "Faces and Places"
    home.save_revision().publish()
    return "/", "Faces and Places"


@pytest.fixture
def cached_photo_page(photo, client):
    """The photograph's page and the home page, both served from the cache."""
    photo.artist = Artist.objects.create(name="Rita Chu")
    photo.save()
    client.get(photo.get_absolute_url())
    client.get("/")
    assert client.get(photo.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/")["X-Page-Cache"] == "hit"
    return photo


@pytest.mark.parametrize("change", [rename_artist, rename_community, add_keyword, publish_home_page])
def test_every_kind_of_change_clears_cached_pages(cached_photo_page, client, change):
    page, text = change(cached_photo_page)
    response = client.get(page)
    assert response["X-Page-Cache"] == "miss" and text in response.content.decode()


def test_an_unpublished_photograph_is_gone_from_the_cache_at_once(cached_photo_page, client):
    cached_photo_page.is_published = False
    cached_photo_page.save()
    assert client.get(cached_photo_page.get_absolute_url()).status_code == 404


def test_a_visitor_zooming_into_a_photograph_leaves_cached_pages_in_the_cache(photo, client, run_tasks):
    url = photo.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss" and client.get(url)["X-Page-Cache"] == "hit"
    stored_before = StoredImageAnswer.objects.count()

    info = client.get(f"/iiif/3/{photo.iiif_identifier}/info.json").json()
    width, height = info["sizes"][0]["width"], info["sizes"][0]["height"]
    tile = client.get(f"/iiif/3/{photo.iiif_identifier}/full/{width},{height}/0/default.jpg")

    assert tile.status_code == 200 and StoredImageAnswer.objects.count() == stored_before + 1
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_logged_in_people_always_get_a_fresh_page(photo, admin_client):
    assert Client().get("/photographs/")["X-Page-Cache"] == "miss"
    response = admin_client.get("/photographs/")
    assert "X-Page-Cache" not in response


def test_admin_media_and_errors_are_never_cached(photo, client):
    assert client.get("/photographs/999999/").status_code == 404
    assert "X-Page-Cache" not in client.get("/photographs/999999/")
    assert "X-Page-Cache" not in client.get(reverse("wagtailadmin_login"))


def test_unknown_parameters_make_no_new_entries(photo, client):
    assert client.get("/photographs/?junk=1").get("X-Page-Cache") != "hit"
    assert client.get("/photographs/?junk=2").get("X-Page-Cache") != "hit", "?junk=1 was stored"
    assert client.get("/photographs/")["X-Page-Cache"] == "miss", "?junk= was stored as the gallery"
    for junk in range(3, 30):
        assert client.get(f"/photographs/?junk={junk}")["X-Page-Cache"] == "hit"
    url = photo.get_absolute_url()
    client.get(url)
    assert client.get(f"{url}?utm_source=x")["X-Page-Cache"] == "hit"
    assert client.get("/communities/bosnian/")["X-Page-Cache"] == "miss"
    assert client.get("/communities/bosnian/?fbclid=123")["X-Page-Cache"] == "hit"


def test_the_parameters_a_page_reads_are_keyed_in_one_order(photo, client):
    first = client.get("/photographs/?community=bosnian&sort=title")
    assert first["X-Page-Cache"] == "miss"
    assert client.get("/photographs/?sort=title&community=bosnian")["X-Page-Cache"] == "hit"
    assert client.get("/photographs/?sort=title&community=bosnian&junk=1")["X-Page-Cache"] == "hit"
    # What the page reads still tells pages apart.
    assert client.get("/photographs/?community=bosnian")["X-Page-Cache"] == "miss"
    garden = client.get("/photographs/?q=garden")
    zebra = client.get("/photographs/?q=zebra")
    assert zebra["X-Page-Cache"] == "miss" and garden.content != zebra.content
    assert client.get("/communities/bosnian/?page=2")["X-Page-Cache"] != "hit"
    # The value a view reads is the last one: a repeated parameter is that page, never a new entry.
    assert client.get("/photographs/?q=zebra&q=garden")["X-Page-Cache"] == "hit"
    assert client.get("/photographs/?q=zebra&q=garden").content == garden.content


def test_a_photograph_page_keys_on_its_previous_next_context(photo, client):
    url = photo.get_absolute_url()
    plain = client.get(url)
    from_gallery = client.get(f"{url}?from=community%3Dbosnian")
    assert from_gallery["X-Page-Cache"] == "miss"
    assert client.get(f"{url}?from=community%3Dbosnian&x=1")["X-Page-Cache"] == "hit"
    assert plain.content != from_gallery.content


@pytest.fixture
def pages_in_redis(settings, tmp_path):
    """The production cache layout with REDIS_URL (config/settings.py), on a private redis-server."""
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but redis-server is not installed (make system-deps)")
        pytest.skip("redis-server is not installed (make system-deps as root)")
    with private_redis(tmp_path / "redis") as url:
        settings.CACHES = {
            **settings.CACHES,
            "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                       "KEY_PREFIX": "shared", "TIMEOUT": None},
        }
        settings.PAGE_CACHE_ALIAS = "shared"
        yield redis.Redis.from_url(url)


def test_with_redis_a_cached_page_is_one_round_trip_and_no_query(photo, client, pages_in_redis):
    assert client.get("/photographs/")["X-Page-Cache"] == "miss"
    pages_in_redis.config_resetstat()

    again, queries = get(client, "/photographs/")

    commands = {name: stats["calls"] for name, stats in pages_in_redis.info("commandstats").items()
                if name not in ("cmdstat_config|resetstat", "cmdstat_info")}
    assert again["X-Page-Cache"] == "hit" and queries == 0
    assert commands == {"cmdstat_mget": 1}


def test_with_redis_a_change_is_seen_on_the_next_request(photo, client, pages_in_redis):
    url = photo.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss" and client.get(url)["X-Page-Cache"] == "hit"

    photo.title = "Bean harvest"
    photo.save()

    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss" and "Bean harvest" in fresh.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"
