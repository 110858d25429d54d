"""
`make bench`: what media on S3 costs against media on disk, measured in the same run on the same photographs.

Public bytes are streamed through the site's views (which check the photograph is public) rather than
handed out as bucket URLs, so every public image request on S3 is also a request from the app to the bucket.
This measures, on disk and on a real S3 server (SeaweedFS on loopback):
  - upload + public sizes: an admin upload of a 12-megapixel JPEG, its pyramid and every standard size made;
  - a stored IIIF tile through the IIIF view (kept from an earlier request);
  - a rendition through the media view.
and reports S3 / disk as ratios. Targets: a rendition or stored tile on S3 within RATIO_TARGET of disk's
time (a bucket round trip is added to a request that reads a small file) and under ABSOLUTE_MS_TARGET.
"""

import statistics
import time
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gallery.models import Photograph
from tests import seaweed
from tests.conftest import jpeg_bytes

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

PHOTOGRAPHS = 3
SIZE = (4000, 3000)
TIMED_REQUESTS = 40
TILE = "512,512,512,512/512,512/0/default.jpg"
RATIO_TARGET = 8.0
ABSOLUTE_MS_TARGET = 60.0


@pytest.fixture(scope="module")
def s3_server():
    with seaweed.running() as server:
        yield server


def use_disk(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    settings.MEDIA_ROOT = tmp_path / f"media-{uuid.uuid4().hex[:6]}"


def use_s3(settings, server, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": server.storage_options(f"bench-{uuid.uuid4().hex[:8]}")}}
    settings.MEDIA_ROOT = tmp_path / "media-unused"


def upload(admin_client, capture, seed):
    data = jpeg_bytes(size=SIZE, seed=seed)
    title = f"Bench {seed}"
    started = time.perf_counter()
    with capture(execute=True):
        response = admin_client.post(reverse("wagtailimages:add"), {
            "title": title, "alt_text": "x", "kind": "contemporary", "consent": "on_file", "is_published": "on",
            "collection": 1, "file": SimpleUploadedFile(f"bench-{seed}.jpg", data),
        })
    elapsed = time.perf_counter() - started
    assert response.status_code == 302, response.content[:500]
    return Photograph.objects.get(title=title), elapsed


def median_ms(client, url, expected=None):
    first = client.get(url)
    assert first.status_code == 200, url
    payload = b"".join(first.streaming_content) if first.streaming else first.content
    if expected is not None:
        assert payload == expected
    times = []
    for _ in range(TIMED_REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        b"".join(response.streaming_content) if response.streaming else response.content
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), payload


def measure(admin_client, capture, seed_base):
    visitor = Client()
    uploads, tiles, renditions = [], [], []
    for n in range(PHOTOGRAPHS):
        photo, seconds = upload(admin_client, capture, seed_base + n)
        uploads.append(seconds)
        tile_url = f"/iiif/3/{photo.iiif_identifier}/{TILE}"
        visitor.get(tile_url)  # the pyramid's own tile, read from the storage by the view
        tiles.append(median_ms(visitor, tile_url)[0])
        rendition = photo.renditions.filter(filter_spec__startswith="max-800x800").first() or photo.renditions.first()
        renditions.append(median_ms(visitor, rendition.url)[0])
    return {
        "upload + public sizes (s)": statistics.median(uploads),
        "stored IIIF tile (ms)": statistics.median(tiles),
        "rendition (ms)": statistics.median(renditions),
    }


def test_media_on_s3_against_disk(settings, tmp_path, s3_server, admin_client, run_tasks,
                                  django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_ENABLED = False
    use_disk(settings, tmp_path)
    disk = measure(admin_client, django_capture_on_commit_callbacks, 1000)
    use_s3(settings, s3_server, tmp_path)
    s3 = measure(admin_client, django_capture_on_commit_callbacks, 2000)

    print(f"\nMedia storage benchmark ({PHOTOGRAPHS} photographs of {SIZE[0]}x{SIZE[1]}, "
          f"median of {TIMED_REQUESTS} requests each):")
    print(f"  {'':28} {'disk':>9} {'S3':>9} {'S3/disk':>8}")
    for name in disk:
        print(f"  {name:28} {disk[name]:9.3f} {s3[name]:9.3f} {s3[name] / disk[name]:8.2f}")

    for name in ("stored IIIF tile (ms)", "rendition (ms)"):
        assert s3[name] / disk[name] <= RATIO_TARGET, (name, disk[name], s3[name])
        assert s3[name] <= ABSOLUTE_MS_TARGET, (name, s3[name])
