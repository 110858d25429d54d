#!/usr/bin/env python
"""
A consent withdrawal against several real workers: gunicorn (2 sync workers, production settings)
with the page cache in each worker's memory (no REDIS_URL, the embedded default) or in Redis.

1. A fresh database (a SQLite file in a work folder, or --database-url, a PostgreSQL database that is
   dropped and created) is migrated and given one public photograph whose title, caption, alt text
   and place are marked words, in a community.
2. gunicorn serves it; its photograph page, the gallery, a search that finds it and its community's
   page are polled by 4 threads until every one has been answered from the cache (X-Page-Cache: hit),
   so both workers hold them.
3. While the pollers keep going, a curator sets consent to Withheld (a save in this process, the way
   the admin saves; neither worker handles it). Once the save has returned, every answer is checked:
   a stale answer is a 200 that still carries one of the marked words.

Exit status 0 only if no answer after the save was stale. `--json PATH` writes the counts.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.load.run_load import drop_database, get, private_redis, recreate_database, serve  # noqa: E402

MARKS = ("Withdrawal canary", "Canary caption", "Canary alt text", "1421 Canary Street")
THREADS = 4


def build(database, media_root, redis_url=None, size=(320, 240)):
    """Migrate and make the marked photograph (its pyramid and sizes too) in this process; returns it.
    This process is the curator's: it shares the servers' Redis, where its saves bump the generation."""
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="development", DATABASE_URL=database,
        MEDIA_ROOT=str(media_root), TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from gallery.ingest import intake
    from gallery.models import Community, Photograph
    from tests.conftest import jpeg_bytes

    call_command("migrate", "--no-input", verbosity=0)
    community = Community.objects.create(name="Canary community", slug="canary-community")
    upload = ContentFile(jpeg_bytes(size=size), name="canary.jpg")
    prepared = intake.prepare(upload, upload.name)
    upload.name = prepared.checked.safe_name
    photo = Photograph(file=upload)
    intake.apply(photo, prepared)
    photo.title, photo.caption, photo.alt_text, photo.place = MARKS
    photo.consent = Photograph.Consent.ON_FILE
    photo.save()
    photo.communities.set([community])
    return photo


@contextmanager
def scratch_site(database_url, prefix):
    """(database URL, work folder) for one run: the PostgreSQL database `database_url` dropped and
    created (or a SQLite file in the work folder), both removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    database = database_url or f"sqlite:///{workdir / 'db.sqlite3'}"
    try:
        if database_url:
            recreate_database(database)
        yield database, workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if database_url:
            drop_database(database)


def run_on_test_database(harness, result_path, *args, suffix):
    """For a pytest test: run `harness` on this test run's database engine; returns (result, output)."""
    from django.conf import settings

    from tests.load.run_load import database_url

    command = [sys.executable, str(harness), "--json", str(result_path), *args]
    default = settings.DATABASES["default"]
    if not default["ENGINE"].endswith("sqlite3"):
        command += ["--database-url", database_url({**default, "NAME": f"{default['NAME']}_{suffix}"})]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=900)
    output = finished.stdout + finished.stderr + f"\nexit status {finished.returncode}"
    result = json.loads(Path(result_path).read_text()) if Path(result_path).exists() else {}
    return result, output, finished.returncode


def stale(status, body):
    return status == 200 and any(mark.encode() in body for mark in MARKS)


class Poller:
    """Threads fetching `paths` round and round; each answer is recorded with the time it was asked for
    (a request already on its way when the save returned may rightly carry the old page)."""

    def __init__(self, base, paths):
        self.base, self.paths = base, paths
        self.answers = []  # (asked at, path, status, stale, X-Page-Cache)
        self.lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self, offset):
        index = offset
        while not self.stopping.is_set():
            path = self.paths[index % len(self.paths)]
            index += 1
            asked = time.monotonic()
            status, body, cache = fetch(self.base, path)
            with self.lock:
                self.answers.append((asked, path, status, stale(status, body), cache))

    def hits(self, path):
        with self.lock:
            return sum(1 for _at, found, _status, _stale, cache in self.answers if found == path and cache == "hit")


def fetch(base, path):
    import http.client

    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("X-Page-Cache", "")
    finally:
        connection.close()


def run(database, workdir, cache="local", workers=2, after_seconds=5.0, warm_hits=6):
    media_root = Path(workdir) / "media"
    with ExitStack() as stack:
        redis_url = stack.enter_context(private_redis(Path(workdir) / "redis")) if cache == "redis" else None
        photo = build(database, media_root, redis_url)
        from django.db import connections

        from gallery.models import Photograph

        paths = [photo.get_absolute_url(), "/photographs/", "/photographs/?q=canary", "/communities/canary-community/"]
        connections.close_all()
        base = stack.enter_context(serve(database, workdir, media_root, workers, redis_url))
        for path in paths:
            status, body = get(base, path)
            if not stale(status, body):
                log = (Path(workdir) / "gunicorn.log").read_text()[-3000:]
                raise RuntimeError(f"{path} answered {status} without the photograph before the withdrawal\n{log}")
        poller = Poller(base, paths)
        pool = stack.enter_context(ThreadPoolExecutor(THREADS))
        running = [pool.submit(poller.run, offset) for offset in range(THREADS)]
        deadline = time.monotonic() + 60
        while any(poller.hits(path) < warm_hits for path in paths):
            if time.monotonic() > deadline:
                raise RuntimeError("the pages were not served from the cache within 60 s")
            time.sleep(0.1)
        photo.consent = Photograph.Consent.WITHHELD
        save_started = time.monotonic()
        photo.save()
        saved = time.monotonic()
        time.sleep(after_seconds)
        poller.stopping.set()
        for future in running:
            future.result()
        connections.close_all()
    answers = poller.answers
    after = [answer for answer in answers if answer[0] > saved]
    result = {
        "cache": cache,
        "workers": workers,
        "database": database.split("://")[0],
        "cache_hits_before_save": sum(1 for answer in answers if answer[0] < save_started and answer[4] == "hit"),
        "answers_before_save": sum(1 for answer in answers if answer[0] < save_started),
        "save_seconds": round(saved - save_started, 3),
        "answers_after_save": len(after),
        "stale_after_save": sum(1 for answer in after if answer[3]),
        "stale_after_save_by_path": {path: sum(1 for answer in after if answer[1] == path and answer[3])
                                     for path in paths},
        "statuses_after_save": {path: sorted({answer[2] for answer in after if answer[1] == path}) for path in paths},
    }
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop, create and fill "
                                               "(default: a SQLite file in the work folder)")
    parser.add_argument("--cache", choices=["local", "redis"], default="local",
                        help="pages in each worker's memory (no REDIS_URL, the default) or in a private redis-server")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--after", type=float, default=5.0, help="seconds of polling after the save returned")
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    with scratch_site(args.database_url, "withdrawal-") as (database, workdir):
        result = run(database, workdir, args.cache, args.workers, args.after)
    print(f"{result['workers']} gunicorn workers, {result['database']}, page cache "
          f"{'in each worker' if result['cache'] == 'local' else 'in Redis'}: "
          f"{result['answers_before_save']} answers before the save ({result['cache_hits_before_save']} from the "
          f"cache); save took {result['save_seconds']} s; {result['answers_after_save']} answers after it, "
          f"{result['stale_after_save']} stale {result['stale_after_save_by_path']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 1 if result["stale_after_save"] or not result["answers_after_save"] else 0


if __name__ == "__main__":
    sys.exit(main())
