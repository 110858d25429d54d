"""The fast pipeline: decode once, reuse what was made, and forget it all when the original changes."""

from io import BytesIO
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from gallery.imaging import codec
from gallery.ingest import intake
from gallery.imaging import pyramid
from gallery.imaging.sizes import STANDARD_SPECS
from gallery.models import StoredImageAnswer
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
# The background task is enqueued on commit, as in production: tests that need it really commit.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TILE = "0,0,512,512/512,/0/default.jpg"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def counting_decode():
    return mock.patch("gallery.imaging.codec.decode", wraps=codec.decode)


def test_the_same_request_twice_decodes_the_original_once(client, make_photo):
    photo = make_photo(data=jpeg_bytes(size=(1600, 1200)))  # no background task here: no pyramid yet
    url = f"/iiif/3/{photo.iiif_identifier}/{TILE}"
    with counting_decode() as decode:
        first = client.get(url)
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert decode.call_count == 1
    assert body(first) == body(second)


@committing
def test_upload_decodes_once_for_the_pyramid_and_every_standard_size(make_photo, run_tasks):
    with counting_decode() as decode:
        photo = make_photo(data=jpeg_bytes(size=(2400, 1600)))
    assert decode.call_count == 1
    built = pyramid.Pyramid.of(photo)
    assert built.levels == [(2400, 1600), (1200, 800), (600, 400), (300, 200)]
    assert photo.renditions.count() == len(STANDARD_SPECS)


@committing
def test_with_a_pyramid_a_tile_never_decodes_the_original(client, make_photo, run_tasks, monkeypatch):
    photo = make_photo(data=jpeg_bytes(size=(3000, 2000)))
    tiles_read = []
    read_tile = pyramid.Pyramid.read_tile
    monkeypatch.setattr(pyramid.Pyramid, "read_tile",
                        lambda self, *where: tiles_read.append(where) or read_tile(self, *where))
    with counting_decode() as decode:
        client.get(f"/iiif/3/{photo.iiif_identifier}/1024,1024,1024,1024/512,/0/default.jpg")
        client.get(f"/iiif/3/{photo.iiif_identifier}/1024,1024,1024,1024/512,/0/default.jpg")
        pages = photo.get_renditions("max-500x500|format-png", "max-300x300|format-webp")
    assert decode.call_count == 0
    # The IIIF tile is the level-1 tile as stored (never decoded); level 2 (750 x 500, two tiles)
    # is decoded once for both renditions.
    assert tiles_read == [(2, 0, 0), (2, 1, 0)]
    assert Image.open(pages["max-500x500|format-png"].file).size == (500, 333)


@committing
def test_a_tile_info_json_offers_is_the_pyramids_tile_as_stored_and_any_other_is_made(client, make_photo, run_tasks):
    photo = make_photo(data=jpeg_bytes(size=(3000, 2000)))
    built = pyramid.Pyramid.of(photo)
    base = f"/iiif/3/{photo.iiif_identifier}"
    stored = built.storage.open(built.tile_path(1, 1, 1)).read()
    assert body(client.get(f"{base}/1024,1024,1024,1024/512,/0/default.jpg")) == stored
    # The bottom-right edge tile of level 0: clipped by the image, still the stored tile.
    edge = body(client.get(f"{base}/2560,1536,440,464/440,/0/default.jpg"))
    assert edge == built.storage.open(built.tile_path(0, 5, 3)).read()
    assert not StoredImageAnswer.objects.filter(photograph=photo).exists()  # the pyramid's tile is no copy
    # Anything else is cut, scaled or converted for the request: not the stored bytes.
    for rest in ("1024,1024,1024,1024/256,/0/default.jpg", "1024,1024,1024,1024/512,/0/gray.jpg",
                 "1024,1024,1024,1024/512,/0/default.png", "1000,1024,1024,1024/512,/0/default.jpg"):
        answer = client.get(f"{base}/{rest}")
        assert answer.status_code == 200 and body(answer) != stored, rest


def replace_original(photo, data):
    upload = ContentFile(data, name="replacement.jpg")
    prepared = intake.prepare(upload, upload.name)
    upload.name = prepared.checked.safe_name
    photo.file = upload
    intake.apply(photo, prepared)
    photo.save()


@committing
def test_replacing_the_original_invalidates_every_size_and_tile(client, make_photo, run_tasks):
    photo = make_photo(data=jpeg_bytes(size=(1600, 1200), color=(200, 40, 40)))
    tile_url = f"/iiif/3/{photo.iiif_identifier}/{TILE}"
    info_url = f"/iiif/3/{photo.iiif_identifier}/info.json"
    old_tile = body(client.get(tile_url))
    old_rendition_urls = [rendition.url for rendition in photo.get_renditions(*STANDARD_SPECS).values()]
    old_folder = pyramid.folder(photo)
    assert client.get(info_url).json()["width"] == 1600

    replace_original(photo, jpeg_bytes(size=(1000, 800), color=(40, 40, 200)))

    new_tile = body(client.get(tile_url))
    assert new_tile != old_tile
    blue = Image.open(BytesIO(new_tile)).convert("RGB").getpixel((500, 500))
    assert blue[2] > 150 and blue[0] < 100
    assert client.get(info_url).json()["width"] == 1000
    for old_url in old_rendition_urls:
        assert client.get(old_url).status_code == 404, old_url
    assert not default_storage.exists(f"{old_folder}/pyramid.json")
    new_renditions = photo.get_renditions(*STANDARD_SPECS)
    assert all(rendition.url not in old_rendition_urls for rendition in new_renditions.values())
    assert Image.open(new_renditions["max-1600x1600|format-jpeg"].file).size == (1000, 800)
