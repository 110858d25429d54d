"""
What the IIIF service keeps and what it only answers: tiles, listed sizes and thumbnails are stored
(within caps, least recently used evicted); anything else is made for its request, bounded in area,
time and number per client, and never stored. Arbitrary rotation is not offered.
"""

import json
from pathlib import Path

import pytest
from django.core.cache import caches

from gallery.models import StoredImageAnswer
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def stored_files(settings):
    return sorted(path for path in Path(settings.MEDIA_ROOT).glob("derivatives/*/*/iiif/**/*") if path.is_file())


def tile(x, y, w=512, h=512, factor=1, fmt="jpg", quality="default"):
    return f"{x},{y},{w},{h}/{-(-w // factor)},{-(-h // factor)}/0/{quality}.{fmt}"


@pytest.fixture
def photo(make_photo):
    return make_photo(data=jpeg_bytes(size=(2400, 1600)))


def get(client, photo, rest, **headers):
    return client.get(f"/iiif/3/{photo.iiif_identifier}/{rest}", headers=headers)


def test_arbitrary_rotation_is_not_offered(client, photo):
    for rotation in ("0.001", "22.5", "!45", "359.9"):
        assert get(client, photo, f"full/max/{rotation}/default.png").status_code == 501, rotation
    info = json.loads(client.get(f"/iiif/3/{photo.iiif_identifier}/info.json").content)
    assert "rotationArbitrary" not in info["extraFeatures"]
    assert get(client, photo, "full/300,/90/default.jpg").status_code == 200


def test_tiles_sizes_and_the_thumbnail_are_stored_and_nothing_else(client, photo, settings):
    info = json.loads(client.get(f"/iiif/3/{photo.iiif_identifier}/info.json").content)
    listed = info["sizes"][0]
    kept = [tile(0, 0), tile(2048, 1536, 352, 64), tile(0, 0, 1024, 1024, factor=2),
            f"full/{listed['width']},{listed['height']}/0/default.jpg", "full/400,267/0/default.jpg"]
    for rest in kept:
        assert get(client, photo, rest).status_code == 200, rest
    assert len(stored_files(settings)) == len(kept) == StoredImageAnswer.objects.count()
    once_only = ["full/pct:37/0/default.jpg", "full/301,/0/default.jpg", tile(0, 0, fmt="png"),
                 tile(0, 0, quality="gray"), tile(512, 0).replace("/0/", "/90/"), "10,10,500,500/250,/0/default.jpg",
                 "full/max/!0/default.jpg"]
    for rest in once_only:
        assert get(client, photo, rest).status_code == 200, rest
    assert len(stored_files(settings)) == len(kept)


def test_each_photograph_keeps_at_most_its_cap_least_recently_used_out_first(client, photo, settings):
    settings.IIIF_STORE_MAX_PER_PHOTOGRAPH = 3
    tiles = [tile(512 * column, 0) for column in range(4)]
    for rest in tiles[:3]:
        get(client, photo, rest)
    StoredImageAnswer.objects.filter(name__endswith=tiles[0].split("/", 1)[0] + "/512,512/0/default.jpg").update(
        last_used="2000-01-01T00:00:00Z")
    get(client, photo, tiles[3])
    names = sorted(path.parts[-4] for path in stored_files(settings))
    assert names == sorted(rest.split("/")[0] for rest in tiles[1:])
    assert StoredImageAnswer.objects.count() == 3


def test_the_whole_store_keeps_within_its_byte_cap(client, make_photo, settings):
    settings.IIIF_STORE_MAX_BYTES = 60_000
    settings.IIIF_STORE_TOTAL_CHECK_SECONDS = 0
    photos = [make_photo(data=jpeg_bytes(size=(2400, 1600), seed=seed)) for seed in (1, 2, 3)]
    for photo in photos:
        for column in range(4):
            assert get(client, photo, tile(512 * column, 512)).status_code == 200
    total = sum(path.stat().st_size for path in stored_files(settings))
    assert 0 < total <= 60_000
    assert StoredImageAnswer.objects.count() == len(stored_files(settings))


def test_the_store_is_summed_once_per_interval_across_processes_and_kept_to_its_cap_then(client, make_photo, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gallery.iiif.derivatives import TOTAL_CHECKED_KEY

    settings.IIIF_STORE_MAX_BYTES = 60_000
    settings.IIIF_STORE_TOTAL_CHECK_SECONDS = 3600
    shared = caches[settings.IIIF_COUNTER_CACHE]
    shared.delete(TOTAL_CHECKED_KEY)
    photos = [make_photo(data=jpeg_bytes(size=(2400, 1600), seed=seed)) for seed in (1, 2, 3)]
    with CaptureQueriesContext(connection) as queries:
        for photo in photos:
            for column in range(4):
                assert get(client, photo, tile(512 * column, 512)).status_code == 200
    sums = [query["sql"] for query in queries if "SUM(" in query["sql"].upper()]
    assert len(sums) == 1  # the first new answer summed the store; the other eleven did not
    assert sum(path.stat().st_size for path in stored_files(settings)) > 60_000  # outgrown in the interval

    shared.delete(TOTAL_CHECKED_KEY)  # the interval is over (for every process: the mark is shared)
    assert get(client, photos[0], tile(0, 0)).status_code == 200
    assert 0 < sum(path.stat().st_size for path in stored_files(settings)) <= 60_000
    assert StoredImageAnswer.objects.count() == len(stored_files(settings))


def test_an_unstored_answer_is_bounded_in_area(client, photo, settings):
    settings.IIIF_UNCACHED_MAX_AREA = 200 * 133
    assert get(client, photo, "full/200,/0/gray.jpg").status_code == 200
    refused = get(client, photo, "full/1000,/0/gray.jpg")
    assert refused.status_code == 403 and refused["Access-Control-Allow-Origin"] == "*"
    assert get(client, photo, tile(0, 0)).status_code == 200  # tiles are not made on request only


def test_unstored_answers_per_client_are_counted_where_every_worker_sees_them(client, photo, settings):
    settings.IIIF_UNCACHED_PER_MINUTE = 3
    for width in (101, 102, 103):
        assert get(client, photo, f"full/{width},/0/default.jpg").status_code == 200
        caches["default"].clear()  # the next request may go to another worker, with empty memory
    refused = get(client, photo, "full/104,/0/default.jpg")
    assert refused.status_code == 429 and int(refused["Retry-After"]) <= 60
    assert get(client, photo, tile(0, 0)).status_code == 200  # a viewer's tiles still come
    other = client.get(f"/iiif/3/{photo.iiif_identifier}/full/105,/0/default.jpg", REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_behind_a_trusted_proxy_unstored_answers_are_counted_per_visitor(client, photo, settings):
    settings.IIIF_UNCACHED_PER_MINUTE = 2
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def ask(width, visitor):
        url = f"/iiif/3/{photo.iiif_identifier}/full/{width},/0/default.jpg"
        return client.get(url, HTTP_X_FORWARDED_FOR=visitor, **proxy).status_code

    assert [ask(width, "203.0.113.5") for width in (111, 112, 113)] == [200, 200, 429]
    assert ask(114, "198.51.100.7") == 200


@committing
def test_an_unstored_answer_is_bounded_in_time(client, make_photo, run_tasks, settings):
    photo = make_photo(data=jpeg_bytes(size=(2400, 1600)))
    settings.IIIF_UNCACHED_MAX_SECONDS = 1e-9
    slow = get(client, photo, "full/1200,/0/gray.jpg")
    assert slow.status_code == 503 and slow["Retry-After"]
    assert get(client, photo, tile(0, 0)).status_code == 200
