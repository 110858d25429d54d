"""
`make bench`: the image pipeline against baselines measured in the same run, on images the
benchmark makes itself (a 24 MP JPEG, a 100 MP uncompressed RGB TIFF).

(a) our max-800 rendition vs Pillow thumbnail()+save (at most 1.3x) and vs stock Wagtail (3x faster)
(b) peak memory of uploading the 100 MP TIFF and making all its sizes: at most 1.5x its raster
(c) a stored IIIF tile vs a static file of the same bytes from the same gunicorn (at most 2x);
    an uncached tile of the 24 MP image: median under 300 ms
"""

import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from wagtail.images.models import AbstractImage, Filter

from gallery.imaging import pyramid
from tests.bench.make_images import jpeg_24mp

pytestmark = [pytest.mark.bench]
ROOT = Path(__file__).resolve().parents[2]
RESULTS = []


def report(name, value, baseline, ratio, target, ok):
    RESULTS.append((name, value, baseline, ratio, target, "ok" if ok else "MISSED"))
    print(f"\n{'measure':<58} {'ours':>12} {'baseline':>12} {'ratio':>7}  target")
    for row in RESULTS:
        print(f"{row[0]:<58} {row[1]:>12} {row[2]:>12} {row[3]:>7}  {row[4]} {row[5]}")


def median_seconds(action, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@pytest.fixture(scope="module")
def jpeg_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "street-24mp.jpg"
    jpeg_24mp(path)
    return path


@pytest.mark.django_db
def test_a_max_800_rendition(jpeg_path, make_photo):
    photo = make_photo(data=jpeg_path.read_bytes(), name="street.jpg")  # no task: no pyramid, on-demand path
    spec = Filter(spec="max-800x800")

    def ours():
        photo.generate_rendition_file(spec)

    def pillow():
        with Image.open(jpeg_path) as image:
            image.thumbnail((800, 800))
            image.save(BytesIO(), "JPEG", quality=80)

    def stock():
        AbstractImage.generate_rendition_file(photo, spec)

    ours(), pillow()  # warm caches and imports alike
    ours_s, pillow_s, stock_s = median_seconds(ours, 7), median_seconds(pillow, 7), median_seconds(stock, 3)
    ratio = ours_s / pillow_s
    speedup = stock_s / ours_s
    report("(a) max-800 rendition of a 24 MP JPEG vs Pillow thumbnail+save", f"{ours_s * 1000:.0f} ms",
           f"{pillow_s * 1000:.0f} ms", f"{ratio:.2f}x", "<= 1.3x", ratio <= 1.3)
    report("(a) stock Wagtail generate_rendition_file vs ours (speed-up)", f"{ours_s * 1000:.0f} ms",
           f"{stock_s * 1000:.0f} ms", f"{speedup:.1f}x", ">= 3x", speedup >= 3)
    assert ratio <= 1.3
    assert speedup >= 3


def test_b_peak_memory_of_a_100_mp_tiff_upload(tmp_path):
    scan = tmp_path / "scan-100mp.tif"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(ROOT / "tests/bench/make_images.py"), "tiff", str(scan)], check=True, env=env)
    with Image.open(scan) as image:
        width, height = image.size
        raster = width * height * len(image.getbands())
    workdir = tmp_path / "probe"
    workdir.mkdir()
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests/bench/memory_probe.py"), str(scan), str(workdir)],
        check=True, env=env, capture_output=True, text=True, cwd=ROOT,
    )
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    ratio = probe["peak"] / raster
    report(f"(b) peak RSS, {width}x{height} TIFF upload + {probe['sizes']} sizes + pyramid",
           f"{probe['peak'] / 2**20:.0f} MiB", f"{raster / 2**20:.0f} MiB", f"{ratio:.2f}x", "<= 1.5x raster",
           ratio <= 1.5)
    report("(b)   of which the process before the upload (Django, migrations)", f"{probe['baseline'] / 2**20:.0f} MiB",
           "", "", f"({probe['seconds']:.0f} s in all)", True)
    assert ratio <= 1.5


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200, url
        return response.read()


@pytest.mark.django_db(transaction=True)
def test_c_tiles(jpeg_path, make_photo, run_tasks, live_server, settings, tmp_path):
    """Uncached regions from the test server (512 px regions off the pyramid's grid, each cut from up to
    four decoded tiles: a tile on the grid is the pyramid's file itself); stored tiles against a
    static file of the same bytes from the same production server: gunicorn, DEBUG off, persistent
    database connections, static files from WhiteNoise, as `make loadtest` serves the site."""
    from django.db import connection

    from tests.load.run_load import database_url, get, serve

    photo = make_photo(data=jpeg_path.read_bytes(), name="street.jpg")  # the task builds the pyramid
    assert pyramid.Pyramid.of(photo) is not None
    base = f"{live_server.url}/iiif/3/{photo.iiif_identifier}"
    tiles = [f"{base}/{x},{y},512,512/512,/0/default.jpg" for y in range(0, 3584, 512) for x in range(0, 5632, 512)]
    off_grid = [f"{base}/{x + 256},{y + 256},512,512/512,/0/default.jpg"
                for y in range(0, 3072, 512) for x in range(0, 5120, 512)]
    uncached = [median_seconds(lambda url=url: fetch(url), 1) for url in off_grid[:30]]
    uncached_ms = statistics.median(uncached) * 1000

    tile_path = tiles[0].removeprefix(live_server.url)
    data = fetch(tiles[0])  # the pyramid's own tile file, as the view serves it
    with serve(database_url(connection.settings_dict), tmp_path / "server", settings.MEDIA_ROOT,
               extra_static={"bench/tile.jpg": data}) as server:
        assert get(server, tile_path) == (200, data)
        assert get(server, "/static/bench/tile.jpg") == (200, data)
        for path in (tile_path, "/static/bench/tile.jpg"):
            median_seconds(lambda path=path: get(server, path), 20)  # every worker warm
        cached_s = median_seconds(lambda: get(server, tile_path), 200)
        static_s = median_seconds(lambda: get(server, "/static/bench/tile.jpg"), 200)
    ratio = cached_s / static_s
    report("(c) stored 512 px tile vs the same bytes as a static file (gunicorn)", f"{cached_s * 1000:.1f} ms",
           f"{static_s * 1000:.1f} ms", f"{ratio:.2f}x", "<= 2x", ratio <= 2)
    report("(c) uncached 512 px region of the 24 MP JPEG, off the tile grid (median of 30)",
           f"{uncached_ms:.0f} ms", "", "", "< 300 ms", uncached_ms < 300)
    assert ratio <= 2
    assert uncached_ms < 300
