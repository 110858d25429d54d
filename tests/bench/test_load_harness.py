"""
The load-test harness (tests/load/run_load.py, `make loadtest`) on a small archive, in seconds: the URL
list it builds from the database, the production-mode server, wrk with the Lua script, and the
counting that makes a 404 or a redirect fail the run even though wrk alone would let a 3xx pass.
"""

import shutil
from collections import Counter
from contextlib import ExitStack
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from gallery.models import Photograph
from tests.factories import enlarge_demo
from tests.load import run_load

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wrk():
    if shutil.which("wrk") is None:
        pytest.skip("wrk is not installed (`make system-deps` as root, or apt-get install wrk)")


def kind_of(path, urls):
    return next(kind for kind, found in urls.items() if path in found)


def test_load_harness_on_a_small_archive(wrk, run_tasks, settings, tmp_path):
    call_command("load_demo", stdout=StringIO())  # pyramids and public sizes made at once (run_tasks)
    enlarge_demo(40)
    urls = run_load.collect_urls(photographs=20)

    assert set(urls) == set(run_load.MIX) and all(urls.values())
    assert urls["home"] == ["/"]
    assert "/photographs/?community=bosnian" in urls["gallery"]
    assert any("community=" in url and "decade=" in url for url in urls["gallery"])
    assert "/photographs/?q=garden" in urls["search"]
    assert len([url for url in urls["photograph"] if "?" not in url]) == 20
    assert "/missouri-immigrant-experience-2014/" in urls["exhibition"]
    demo_photos = Photograph.objects.order_by("pk")[:14]
    assert urls["iiif-info"] == [f"/iiif/3/{photo.iiif_identifier}/info.json" for photo in demo_photos]
    # Each pyramid's smallest level is one whole-image tile; the 1600 x 1067 demo pictures have
    # 4 x 3 + 2 x 2 + 1 tiles (portraits: 3 x 4 + 2 x 2 + 1).
    assert len(urls["iiif-tile"]) == 14 * 17
    assert f"/iiif/3/{demo_photos[1].iiif_identifier}/full/400,267/0/default.jpg" in urls["iiif-tile"]

    paths = run_load.weighted_list(urls, length=1000)
    shares = Counter(kind_of(path, urls) for path in paths)
    assert shares == {kind: share * 10 for kind, share in run_load.MIX.items()}
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(paths) + "\n")

    database = run_load.database_url(connection.settings_dict)
    with ExitStack() as stack:
        # The page cache in a private Redis as in production where redis-server is installed.
        redis_url = None
        if shutil.which("redis-server"):
            redis_url = stack.enter_context(run_load.private_redis(tmp_path / "redis"))
        base = stack.enter_context(run_load.serve(database, tmp_path / "server", settings.MEDIA_ROOT, 2, redis_url))
        assert run_load.preflight(base, [path for found in urls.values() for path in found]) == []

        command = run_load.wrk_command(base, url_file, threads=1, connections=5, duration="3s")
        _, result = run_load.run_wrk(command)
        assert result["requests"] > 20
        assert result["statuses"] == {"200": result["requests"]}
        assert run_load.failures(result) == []
        assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"] <= result["max_ms"]

        # A missing page and a redirect (no trailing slash): both make the run fail.
        wrong = tmp_path / "wrong.txt"
        wrong.write_text("/photographs/999999/\n/photographs\n/\n")
        _, result = run_load.run_wrk(run_load.wrk_command(base, wrong, threads=1, connections=2, duration="1s"))
        assert result["statuses"].get("404") and result["statuses"].get("301") and result["statuses"].get("200")
        assert result["errors"]["status"] == result["statuses"]["404"]  # wrk alone counts only the 404s
        problems = " ".join(run_load.failures(result))
        assert "responses 404" in problems and "responses 301" in problems
