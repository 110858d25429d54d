"""
Two app servers, a worker and the services they share, as deployed (tests/load/cluster.py): what one
server does is what the other shows at once, and each fault loses nothing.

The tests run in order on one cluster; a fault test leaves the cluster whole again for the next.
"""

import json
import re
import threading
import time

import pytest

from tests.cluster.curator import Curator, big_jpeg, rendition_paths, send_slowly, unique_title
from tests.load.cluster import get

pytestmark = pytest.mark.cluster

TASK = "gallery.tasks.make_public_sizes"


def wait_for(check, timeout, what, pause=0.25):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(pause)


def photo_row(cluster, title):
    rows = cluster.query("SELECT id, sha256, iiif_identifier, file FROM gallery_photograph WHERE title = %s", [title])
    return rows[0] if rows else None


def task_rows(cluster, photo_id):
    return cluster.query(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path = %s "
        "AND args_kwargs->'args'->>0 = %s", [TASK, str(photo_id)])


def task_done(cluster, photo_id):
    rows = task_rows(cluster, photo_id)
    return rows and all(status == "SUCCESSFUL" for status, _ in rows)


def status(base, path):
    try:
        return get(base, path, timeout=30)[0]
    except OSError as error:
        return type(error).__name__


@pytest.fixture(scope="module")
def curator(cluster):
    return Curator(cluster).sign_in(cluster.base("a"))


@pytest.fixture(scope="module")
def published(cluster, curator):
    """A photograph uploaded through server A, as a curator does, its task run by the worker: (id, sha256, iiif id)."""
    title = unique_title("Market day")
    response = curator.upload(cluster.base("a"), big_jpeg((1800, 1200), seed=1), title)
    assert response.status_code == 302, response.text[:1000]
    photo_id, sha256, identifier, _file = photo_row(cluster, title)
    wait_for(lambda: task_done(cluster, photo_id), 120, "the worker making its pyramid and public sizes")
    return photo_id, sha256, identifier


def public_paths(cluster, photo_id, identifier):
    status_code, _headers, body = get(cluster.base("b"), f"/photographs/{photo_id}/")
    assert status_code == 200
    return [f"/photographs/{photo_id}/", f"/iiif/3/{identifier}/info.json",
            f"/iiif/3/{identifier}/0,0,512,512/512,512/0/default.jpg", *rendition_paths(body.decode())]


def test_an_upload_through_a_is_public_through_b_once_its_task_ran(cluster, published):
    photo_id, sha256, identifier = published
    base_b = cluster.base("b")
    paths = public_paths(cluster, photo_id, identifier)
    assert len(paths) > 3, "the photograph page on B shows no rendition"
    for path in paths:
        code, headers, body = get(base_b, path)
        assert code == 200, (path, code)
        if path.endswith(".jpg") or "/media/" in path:
            assert headers["Content-Type"].startswith("image/") and len(body) > 500, path
    info = json.loads(get(base_b, f"/iiif/3/{identifier}/info.json")[2])
    assert (info["width"], info["height"]) == (1800, 1200)
    names = cluster.store.names(f"derivatives/{photo_id}/{sha256[:16]}/")
    assert f"derivatives/{photo_id}/{sha256[:16]}/pyramid.json" in names  # made by the worker, on the shared store


def test_a_withdrawal_on_b_is_404_on_a_at_once(cluster, curator):
    base_a, base_b = cluster.base("a"), cluster.base("b")
    title = unique_title("Withdrawn portrait")
    assert curator.upload(base_a, big_jpeg((1000, 800), seed=2), title).status_code == 302
    photo_id, _sha, identifier, _file = photo_row(cluster, title)
    wait_for(lambda: task_done(cluster, photo_id), 120, "its task")
    paths = public_paths(cluster, photo_id, identifier) + ["/photographs/", f"/photographs/?q={title.split()[-1]}"]
    for _ in range(2):  # twice: the second from the page cache, on both servers
        for path in paths:
            assert status(base_a, path) == 200 and status(base_b, path) == 200, path
    assert get(base_a, f"/photographs/{photo_id}/")[1].get("X-Page-Cache") == "hit"

    # The session made on A is good on B (sessions are rows in the database).
    answer = curator.edit(base_b, photo_id, consent="withheld")
    assert answer.status_code == 302, answer.text[:2000]
    for path in paths[:-2]:
        assert status(base_a, path) == 404, path
        assert status(base_b, path) == 404, path
    for path in paths[-2:]:  # the gallery and the search no longer show it, on A either
        assert title.encode() not in get(base_a, path)[2], path


def test_pages_tiles_and_feeds_agree_across_servers(cluster, published):
    photo_id, _sha, identifier = published
    paths = public_paths(cluster, photo_id, identifier) + [
        "/", "/photographs/", "/photographs/?q=market", "/sitemap.xml", "/calendar/all.ics",
        "/iiif/discovery/activity/all-changes", "/oai/?verb=ListIdentifiers&metadataPrefix=oai_dc",
        f"/iiif/3/{identifier}/full/400,/0/default.jpg",
    ]
    for path in paths:
        code_a, _h, body_a = get(cluster.base("a"), path)
        code_b, _h, body_b = get(cluster.base("b"), path)
        assert code_a == code_b == 200, (path, code_a, code_b)
        # Pages carry a per-request CSRF token and nonce; everything else must be the same bytes.
        assert scrub(body_a) == scrub(body_b), path


def scrub(body):
    body = re.sub(rb'nonce="[^"]*"', b"", body)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)


# ---- faults -----------------------------------------------------------------------------------


def pyramid_files(cluster, photo_id, sha256):
    return {name for name in cluster.store.names(f"derivatives/{photo_id}/{sha256[:16]}/pyramid/")}


def test_the_worker_killed_mid_pyramid_is_resumed_by_a_new_one_with_nothing_half_served_or_left(cluster, curator):
    title = unique_title("Panorama")
    assert curator.upload(cluster.base("a"), big_jpeg((7000, 5000), seed=3), title).status_code == 302
    photo_id, sha256, identifier, original = photo_row(cluster, title)
    folder = f"derivatives/{photo_id}/{sha256[:16]}"

    wait_for(lambda: len(pyramid_files(cluster, photo_id, sha256)) >= 8, 120, "the worker cutting tiles", pause=0.05)
    cluster.kill_worker()  # SIGKILL, in the middle
    half = pyramid_files(cluster, photo_id, sha256)
    assert f"{folder}/pyramid.json" not in cluster.store.names(folder + "/"), "the pyramid was finished before the kill"
    assert [status for status, _ in task_rows(cluster, photo_id)] == ["RUNNING"]

    # Half a pyramid is never read: its pyramid.json is written last. Meanwhile the image is made from
    # the original, on either server.
    for base in (cluster.base("a"), cluster.base("b")):
        code, headers, body = get(base, f"/iiif/3/{identifier}/info.json")
        assert code == 200 and json.loads(body)["width"] == 7000
        code, headers, body = get(base, f"/iiif/3/{identifier}/0,0,512,512/512,512/0/default.jpg")
        assert code == 200 and headers["Content-Type"] == "image/jpeg", code

    cluster.start_worker()
    wait_for(lambda: task_done(cluster, photo_id), 150, "a new worker taking the task over and finishing it")
    [(_status, workers)] = task_rows(cluster, photo_id)
    assert len(workers) == 2, workers  # run again by the second worker, not lost

    meta = json.loads(cluster.store.server.client().get_object(
        Bucket=cluster.store.bucket, Key=f"{folder}/pyramid.json")["Body"].read())
    extension = next(iter(half)).rsplit(".", 1)[1]
    expected = {f"{folder}/pyramid/{level}/{column}_{row}.{extension}"
                for level, (width, height) in enumerate(meta["levels"])
                for column in range(-(-width // 512)) for row in range(-(-height // 512))}
    assert pyramid_files(cluster, photo_id, sha256) == expected  # every tile, and no file but those

    # No orphans anywhere: every object of the photograph is its original, its pyramid, or a file a row names.
    stored = {name for (name,) in cluster.query(
        "SELECT name FROM gallery_storedimageanswer WHERE photograph_id = %s", [photo_id])}
    renditions = {name for (name,) in cluster.query(
        "SELECT file FROM gallery_photographrendition WHERE image_id = %s", [photo_id])}
    objects = cluster.store.names(f"derivatives/{photo_id}/") | cluster.store.names(f"renditions/{photo_id}/")
    assert objects - expected - {f"{folder}/pyramid.json"} - stored - renditions == set()
    assert original in cluster.store.names(original)
    assert get(cluster.base("b"), f"/iiif/3/{identifier}/full/800,/0/default.jpg")[0] == 200


class Load:
    """Threads asking `paths` of `bases` round and round; every answer kept with its time."""

    def __init__(self, targets, threads=4):
        self.targets, self.threads = targets, threads
        self.answers = []  # (time, base, path, status)
        self.stopping = threading.Event()
        self.lock = threading.Lock()

    def _run(self, offset):
        index = offset
        while not self.stopping.is_set():
            base, path = self.targets[index % len(self.targets)]
            index += 1
            answer = status(base, path() if callable(path) else path)
            with self.lock:
                self.answers.append((time.monotonic(), base, path, answer))

    def __enter__(self):
        self.running = [threading.Thread(target=self._run, args=(offset,), daemon=True) for offset in range(self.threads)]
        for thread in self.running:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.running:
            thread.join(timeout=60)

    def between(self, start, end, base=None):
        with self.lock:
            return [answer for answer in self.answers if start <= answer[0] <= end and base in (None, answer[1])]


def test_an_app_server_killed_under_load_leaves_the_other_answering_and_no_upload_half_stored(cluster, curator, published):
    photo_id, *_ = published
    base_a, base_b = cluster.base("a"), cluster.base("b")
    pages = [f"/photographs/{photo_id}/", "/photographs/", "/", "/photographs/?q=market"]
    originals_before = cluster.store.names("original_images/")
    title = unique_title("Cut off")
    path, headers, body = curator.prepared_upload(base_a, big_jpeg((3000, 2000), seed=4), title)

    try:
        load = _kill_a_under_load(cluster, base_a, base_b, pages, path, headers, body)
    finally:
        if "a" not in cluster.servers:
            cluster.start_server("a")
    killed, ended, outcome = load.killed, load.ended, load.outcome
    assert isinstance(outcome["status"], OSError), outcome  # cut off with the server
    before = load.between(0, killed, base_b)
    after = load.between(killed, ended, base_b)
    assert before and after, "B was not asked"
    assert {answer[3] for answer in before + after} == {200}, sorted({answer[3] for answer in after})
    assert len(after) >= 10, f"B answered only {len(after)} requests in the 4 s after A died"

    # Cut off while it was sent, or killed between storing the original and committing its row: no
    # photograph, and no original left once the worker has swept the originals no row names.
    assert photo_row(cluster, title) is None
    wait_for(lambda: cluster.store.names("original_images/") == originals_before, 60,
             "the original of the cut-off upload removed")
    assert status(base_a, pages[0]) == 200


def _kill_a_under_load(cluster, base_a, base_b, pages, path, headers, body):
    outcome = {}
    with Load([(base, page) for base in (base_a, base_b) for page in pages]) as load:
        time.sleep(2)
        # Forty pieces 0.2 s apart, whatever the photograph's size: still sending when A is killed.
        uploading = threading.Thread(target=lambda: outcome.update(
            status=send_slowly(base_a, path, headers, body, chunk=max(1024, len(body) // 40), pause=0.2)), daemon=True)
        uploading.start()
        time.sleep(1.5)  # the upload is on its way
        killed = time.monotonic()
        cluster.kill_server("a")
        uploading.join(timeout=60)
        time.sleep(4)
        ended = time.monotonic()
    load.killed, load.ended, load.outcome = killed, ended, outcome
    return load


def test_postgres_restarted_under_load_costs_only_the_requests_made_while_it_was_down(cluster, curator, published):
    photo_id, *_ = published
    bases = (cluster.base("a"), cluster.base("b"))
    counter = iter(range(10**6))
    # Searches for new words are never in the page cache: each one asks the database.
    uncached = [(base, lambda: f"/photographs/?q=word{next(counter)}") for base in bases]
    cached = [(base, f"/photographs/{photo_id}/") for base in bases]
    worker = cluster.worker

    with Load(uncached + cached) as load:
        time.sleep(3)
        stopping = time.monotonic()
        cluster.restart_postgres(down_seconds=3)
        back = time.monotonic()
        time.sleep(8)
        ended = time.monotonic()

    before = load.between(0, stopping)
    assert before and {answer[3] for answer in before} == {200}
    down = [answer for answer in load.between(stopping, back) if callable(answer[2])]
    assert any(answer[3] != 200 for answer in down), "the database was never seen down: no fault was made"
    settled = load.between(back + 3, ended)  # the first requests after may still find a dead connection
    for base in bases:
        mine = [answer for answer in settled if answer[1] == base]
        assert mine and {answer[3] for answer in mine} == {200}, (base, sorted({str(a[3]) for a in mine}))
    # Nothing was restarted: the same servers and worker, and the worker still takes tasks.
    assert worker.poll() is None and cluster.worker is worker
    title = unique_title("After the restart")
    assert curator.upload(bases[1], big_jpeg((900, 700), seed=5), title).status_code == 302
    new_id = photo_row(cluster, title)[0]
    wait_for(lambda: task_done(cluster, new_id), 120, "the worker running a task after the restart")


def test_the_object_store_down_for_10_s_refuses_uploads_clearly_and_keeps_serving_cached_pages(cluster, curator, published):
    photo_id, *_ = published
    base_a, base_b = cluster.base("a"), cluster.base("b")
    pages = [f"/photographs/{photo_id}/", "/photographs/", "/"]
    for base in (base_a, base_b):
        for page in pages:
            wait_for(lambda: get(base, page)[1].get("X-Page-Cache") == "hit", 30, f"{page} cached on {base}")
    rows_before = cluster.query("SELECT count(*) FROM gallery_photograph")[0][0]
    originals_before = cluster.store.names("original_images/")

    cluster.store.stop()
    down = time.monotonic()
    try:
        title = unique_title("During the outage")
        refused = curator.upload(base_a, big_jpeg((900, 700), seed=6), title)
        assert refused.status_code == 503, (refused.status_code, refused.text[:500])
        assert "media storage is not answering" in refused.text and "nothing was saved" in refused.text
        assert photo_row(cluster, title) is None
        assert cluster.query("SELECT count(*) FROM gallery_photograph")[0][0] == rows_before
        while time.monotonic() - down < 10:
            for base in (base_a, base_b):
                for page in pages:
                    assert status(base, page) == 200, (base, page)
            time.sleep(0.5)
    finally:
        cluster.store.start()

    assert cluster.store.names("original_images/") == originals_before  # nothing half-written
    title = unique_title("After the outage")
    assert curator.upload(base_a, big_jpeg((900, 700), seed=7), title).status_code == 302
    new_id = photo_row(cluster, title)[0]
    wait_for(lambda: task_done(cluster, new_id), 120, "its task, with the store back")
    assert get(base_b, f"/photographs/{new_id}/")[0] == 200
