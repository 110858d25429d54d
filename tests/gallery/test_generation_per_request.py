"""The content generation is read from the shared cache once per request, and again by the next one."""

import os
import re

import pytest
import redis
from django.core.cache import caches

from gallery import generation
from gallery.models import Community, Photograph
from tests.conftest import jpeg_bytes

# Run in a process of their own (Makefile TRANSACTIONAL_TESTS): beside the rest of the suite under
# xdist the Redis cases have seen the generation key gone between a bump and the next request.
pytestmark = pytest.mark.django_db

GALLERY = "/photographs/"


@pytest.fixture
def archive(make_photo):
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    return [
        make_photo(data=jpeg_bytes(size=(64, 48), seed=number), title=f"Garden {number}", communities=[bosnian])
        for number in range(3)
    ]


# The project's Redis database for these tests (emptied before each): the generation beside the pages.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    """The shared cache as deployed: a database table (no REDIS_URL), or Redis holding the pages too."""
    if request.param == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        try:
            client.flushdb()
        except redis.ConnectionError:
            pytest.skip(f"no Redis at {REDIS_URL}")
        settings.CACHES = {
            **settings.CACHES,
            "shared": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                       "KEY_PREFIX": "shared", "TIMEOUT": None},
        }
        settings.PAGE_CACHE_ALIAS = "shared"
        yield request.param
        client.flushdb()
    else:
        yield request.param


@pytest.fixture
def generation_reads(monkeypatch, shared_cache):
    """Each time the shared cache was asked for the generation key (by get or get_many: the database
    cache's get is its own get_many, counted once)."""
    shared = caches["shared"]
    reads, inside = [], []
    get, get_many = shared.get, shared.get_many

    def counting_get(key, *args, **kwargs):
        if key == generation.GENERATION_KEY:
            reads.append(key)
        inside.append(True)
        try:
            return get(key, *args, **kwargs)
        finally:
            inside.pop()

    def counting_get_many(keys, *args, **kwargs):
        if not inside:
            reads.extend(key for key in keys if key == generation.GENERATION_KEY)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(shared, "get", counting_get)
    monkeypatch.setattr(shared, "get_many", counting_get_many)
    return reads


def shown_count(response):
    """The gallery's total as the visitor reads it in the heading."""
    match = re.search(r'<h2 id="results-heading" class="result-count">(\d+) photograph', response.content.decode())
    return int(match.group(1))


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_freshly_rendered_gallery_reads_the_generation_once(archive, client, settings, generation_reads, page_cache):
    settings.PAGE_CACHE_ENABLED = page_cache
    generation.bump()  # nothing counted in this generation yet: the page counts everything again
    generation_reads.clear()  # (the database cache's incr reads the key too)

    response = client.get(GALLERY + "?community=bosnian")

    assert response.status_code == 200 and "Garden 1" in response.content.decode()
    assert response.get("X-Page-Cache") == ("miss" if page_cache else None)
    assert len(generation_reads) == 1


@pytest.mark.parametrize("page_cache", [True, False])
def test_a_change_made_by_another_process_is_seen_on_the_next_request(archive, client, settings, shared_cache, page_cache):
    settings.PAGE_CACHE_ENABLED = page_cache
    before = client.get(GALLERY)
    assert "Garden 0" in before.content.decode() and shown_count(before) == 3

    # Another process withdraws a photograph: its rows and its bump (which starts the key afresh if
    # the shared cache has lost it), none of this process's signals.
    Photograph.objects.filter(pk=archive[0].pk).update(consent=Photograph.Consent.WITHHELD)
    generation.bump()

    after = client.get(GALLERY)
    assert "Garden 0" not in after.content.decode() and "Garden 1" in after.content.decode()
    assert shown_count(after) == 2


def test_a_change_inside_a_request_is_not_counted_under_the_generation_read_before_it(archive):
    """A request that saves something (an admin form) counts under the new generation afterwards."""
    with generation.pinned():
        before = generation.generation()
        assert generation.generation() == before
        generation.bump()
        assert generation.generation() != before


def test_outside_a_request_every_call_reads_the_shared_cache(archive, generation_reads):
    generation.generation()  # the key exists from here on
    generation_reads.clear()
    generation.generation()
    generation.generation()
    assert len(generation_reads) == 2
