#!/usr/bin/env python
"""
The load test (`make loadtest`): visitors browsing the public site, driven by wrk, against gunicorn
(2 sync workers, production settings) and PostgreSQL on loopback. Bounded: a few minutes of set-up,
then --duration (60 s) of load.

1. The database (default postgres://postgres@127.0.0.1:5432/loadtest) is dropped and created again,
   migrated and given the demo (`load_demo`: 14 photographs whose tile pyramids and public sizes the
   background task makes at once here, the exhibition, venues), then cloned up to --photographs public
   photographs (tests/factories.enlarge_demo: the page benchmark's archive; clones share the demo's
   rendition files).
2. The URL list comes from that database (collect_urls): home, the gallery with facets, sorts and
   pages, searches, photograph pages, exhibition pages, and IIIF info.json and every tile of every
   demo photograph's pyramid, as a deep-zoom viewer asks for them. MIX sets each kind's share.
3. gunicorn serves it with DJANGO_ENV=production (DEBUG off, page cache on) after collectstatic, the
   page cache in a private redis-server as in production (--cache local: each worker's memory, as
   without REDIS_URL); requests carry X-Forwarded-Proto: https, as from the TLS proxy.
4. Every distinct URL is fetched once and must answer 200: a bad list fails here, naming the URL.
   (This also warms the caches and stores the IIIF answers: the run measures a site already visited.)
5. wrk -t2 -c50 -d60s --latency --timeout 10s -s tests/load/urls.lua; the Lua script counts every
   status. Exit status 0 only if every response was 2xx and wrk saw no socket error or timeout.
"""

import argparse
import http.client
import itertools
import json
import math
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
LUA = Path(__file__).with_name("urls.lua")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/loadtest"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# Share of requests (percent) by kind of URL: a visitor's pages, plus the tiles a deep-zoom viewer loads.
MIX = {"home": 5, "gallery": 20, "search": 10, "photograph": 25, "exhibition": 10, "iiif-info": 5, "iiif-tile": 25}
LIST_LENGTH = 10_000


# ---- what visitors ask for ------------------------------------------------------------------


def collect_urls(seed=2014, photographs=300):
    """Distinct paths by kind (MIX's keys), read from the database Django is configured with."""
    from django.test import Client
    from wagtail.models import Page

    from exhibit.models import HomePage, Venue
    from gallery import browse
    from gallery.imaging import pyramid
    from gallery.models import Artist, Community, Photograph

    rng = random.Random(seed)
    public = Photograph.objects.public()
    urls = {kind: [] for kind in MIX}
    urls["home"] = ["/"]

    gallery = urls["gallery"]
    gallery.append("/photographs/")
    options = {facet.param: [option.value for option in facet.options(public)] for facet in browse.facets()}
    for param, values in options.items():
        gallery += [f"/photographs/?{urlencode({param: value})}" for value in values]
    params = [param for param, values in options.items() if values]
    for first, second in itertools.combinations(params, 2):  # in the order the site's own links use
        for a in options[first]:
            for b in options[second]:
                gallery.append(f"/photographs/?{urlencode({first: a, second: b})}")
    gallery += [f"/photographs/?sort={sort}" for sort in browse.SORTS]
    pages = math.ceil(public.count() / browse.PAGE_SIZE)
    gallery += [f"/photographs/?page={page}" for page in sorted(rng.sample(range(2, pages + 1), min(10, pages - 1)))]
    gallery += [f"/artists/{slug}/" for slug in Artist.objects.order_by("slug").values_list("slug", flat=True)]
    gallery += [f"/communities/{slug}/" for slug in Community.objects.order_by("slug").values_list("slug", flat=True)]

    # Words a visitor would type: from the first photographs' titles, places and keywords.
    words = set()
    for photo in public.order_by("pk")[:50]:
        text = " ".join([photo.title, photo.place, *photo.tags.names()])
        words.update(word.lower() for word in browse.WORD.findall(text) if word.isalpha() and len(word) > 3)
    words = sorted(words - {"sample"})
    search = urls["search"]
    search += [f"/photographs/?{urlencode({'q': word})}" for word in words]
    search += [f"/photographs/?{urlencode({'q': ' '.join(rng.sample(words, 2))})}" for _ in range(10)]
    community = options.get("community") or [""]
    search += [f"/photographs/?{urlencode({'q': word, 'community': rng.choice(community)})}" for word in words[:10]]
    search.append("/photographs/?q=zebra")  # nothing found is an answer too

    ids = list(public.order_by("pk").values_list("pk", "kind"))
    for pk, kind in rng.sample(ids, min(photographs, len(ids))):
        urls["photograph"].append(f"/photographs/{pk}/")
        if pk % 4 == 0:  # opened from the gallery: previous and next within that selection
            urls["photograph"].append(f"/photographs/{pk}/?{urlencode({'from': urlencode({'kind': kind})})}")

    pages = Page.objects.live().public().filter(depth__gt=1).not_type(HomePage).specific()
    urls["exhibition"] = [page.get_url() for page in pages if page.get_url()]
    urls["exhibition"] += [f"/venues/{slug}/" for slug in Venue.objects.order_by("slug").values_list("slug", flat=True)]
    urls["exhibition"].append("/events/")

    client = Client(headers=PROXY_HEADERS)
    for photo in public.order_by("pk"):
        if pyramid.Pyramid.of(photo) is None:
            continue  # a clone: shares a demo photograph's files, has no pyramid of its own
        info_url = f"/iiif/3/{photo.iiif_identifier}/info.json"
        response = client.get(info_url, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"{info_url} answered {response.status_code}")
        urls["iiif-info"].append(info_url)
        urls["iiif-tile"] += tile_urls(f"/iiif/3/{photo.iiif_identifier}", json.loads(response.content))
    return {kind: list(dict.fromkeys(found)) for kind, found in urls.items()}


def tile_urls(base, info):
    """Every tile of every scale factor info.json offers, as a deep-zoom viewer requests them."""
    width, height = info["width"], info["height"]
    found = []
    for tiles in info.get("tiles", []):
        tile_width, tile_height = tiles["width"], tiles.get("height", tiles["width"])
        for scale in tiles["scaleFactors"]:
            step_x, step_y = tile_width * scale, tile_height * scale
            for y in range(0, height, step_y):
                for x in range(0, width, step_x):
                    w, h = min(step_x, width - x), min(step_y, height - y)
                    region = "full" if (x, y, w, h) == (0, 0, width, height) else f"{x},{y},{w},{h}"
                    found.append(f"{base}/{region}/{math.ceil(w / scale)},{math.ceil(h / scale)}/0/default.jpg")
    return found


def weighted_list(urls, seed=2014, length=LIST_LENGTH):
    """`length` paths in random order, each kind making up its MIX share."""
    rng = random.Random(seed)
    chosen = []
    for kind, share in MIX.items():
        if not urls.get(kind):
            raise RuntimeError(f"no {kind} URLs in the database")
        chosen += rng.choices(urls[kind], k=length * share // 100)
    rng.shuffle(chosen)
    return chosen


# ---- the server -----------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(settings_dict):
    """A DATABASE_URL for another process, from a Django DATABASES entry."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def production_env(database, media_root, static_root, redis_url=None, extra=None):
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DJANGO_DEBUG", "TASKS_BACKEND")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="production", SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost", SITE_BASE_URL="http://127.0.0.1",
        DATABASE_URL=database, MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(static_root), PAGE_CACHE_ENABLED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra or {})
    return env


@contextmanager
def private_redis(workdir):
    """A throwaway redis-server on a free loopback port, nothing saved to disk; yields its URL."""
    import redis

    Path(workdir).mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(workdir), "--logfile", str(Path(workdir) / "redis.log")],
    )
    try:
        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start (exit {server.returncode})") from None
                time.sleep(0.1)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=15)


def get(base, path, timeout=30):
    """(status, body) of one GET, redirects not followed, as from behind the TLS proxy."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        connection.request("GET", path, headers=PROXY_HEADERS)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@contextmanager
def serve(database, workdir, media_root, workers=2, redis_url=None, extra_static=None, extra_env=None, cores=None):
    """gunicorn with production settings on a free loopback port; yields its base URL.
    `extra_static` ({name: bytes}) is written among the collected static files before it starts;
    `cores` (a set of CPU numbers) pins the server and its workers to those cores."""
    Path(workdir).mkdir(parents=True, exist_ok=True)
    env = production_env(database, media_root, Path(workdir) / "static", redis_url, extra_env)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    for name, data in (extra_static or {}).items():
        target = Path(workdir) / "static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    base = f"http://127.0.0.1:{free_port()}"
    log = Path(workdir) / "gunicorn.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers), "--bind", base[7:],
         "--log-level", "warning", "--error-logfile", str(log)],
        cwd=ROOT, env=env, preexec_fn=(lambda: os.sched_setaffinity(0, cores)) if cores else None,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {server.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if get(base, "/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer /healthz within 60 s:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        stop(server)


def stop(process, timeout=15):
    """SIGTERM, then SIGKILL if it has not exited within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def preflight(base, paths, threads=4):
    """Every path fetched once; returns [(path, status)] of those that did not answer 200."""

    def status(path):
        try:
            return path, get(base, path)[0]
        except OSError as error:
            return path, f"{type(error).__name__}: {error}"

    with ThreadPoolExecutor(threads) as pool:
        return [(path, code) for path, code in pool.map(status, paths) if code != 200]


# ---- wrk ------------------------------------------------------------------------------------


def wrk_command(base, url_file, threads=2, connections=50, duration="60s", timeout="10s"):
    return ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--timeout", timeout, "--latency",
            "-s", str(LUA), base, "--", str(url_file)]


def run_wrk(command):
    """Run wrk; returns (its report, the result the Lua script printed, as a dict)."""
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr or finished.stdout}")
    report, result = [], None
    for line in finished.stdout.splitlines():
        if line.startswith("LOADTEST_RESULT "):
            result = json.loads(line.removeprefix("LOADTEST_RESULT "))
        else:
            report.append(line)
    if result is None:
        raise RuntimeError(f"wrk printed no result line:\n{finished.stdout}\n{finished.stderr}")
    return "\n".join(report), result


def run_wrk_on(bases, url_file, threads, connections, duration, timeout):
    """wrk against every base at once, the connections shared out between them (one wrk each, as a
    load balancer would spread visitors); returns (reports, the results added up, the results apart)."""
    per = max(1, connections // len(bases))
    commands = [wrk_command(base, url_file, max(1, threads // len(bases)), per, duration, timeout) for base in bases]
    with ThreadPoolExecutor(len(commands)) as pool:
        finished = list(pool.map(run_wrk, commands))
    reports = [report for report, _result in finished]
    results = [result for _report, result in finished]
    if len(results) == 1:
        return reports, results[0], results
    total = {"requests": sum(r["requests"] for r in results), "seconds": max(r["seconds"] for r in results),
             "bytes": sum(r["bytes"] for r in results),
             "errors": {kind: sum(r["errors"][kind] for r in results) for kind in results[0]["errors"]},
             "statuses": {}}
    for result in results:
        for code, count in result["statuses"].items():
            total["statuses"][code] = total["statuses"].get(code, 0) + count
    total["rps"] = sum(r["rps"] for r in results)
    # Percentiles cannot be added up: the worst server's are reported.
    for key in ("p50_ms", "p90_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms"):
        total[key] = max(r[key] for r in results)
    return reports, total, results


def failures(result):
    """What went wrong in a wrk result: socket errors, timeouts and every status outside 2xx."""
    problems = [f"{count} {kind} errors" for kind, count in result["errors"].items() if kind != "status" and count]
    problems += [f"{count} responses {status}" for status, count in sorted(result["statuses"].items())
                 if not status.startswith("2")]
    if not result["requests"]:
        problems.append("no requests at all")
    return problems


def summary(result):
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(result["statuses"].items()))
    errors = result["errors"]
    return "\n".join([
        f"  requests     {result['requests']} in {result['seconds']:.1f} s = {result['rps']:.1f} req/s",
        f"  latency      p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, "
        f"p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.1f} ms",
        f"  statuses     {statuses}",
        f"  errors       connect {errors['connect']}, read {errors['read']}, write {errors['write']}, "
        f"timeout {errors['timeout']}, non-2xx/3xx {errors['status']}",
    ])


# ---- the whole run --------------------------------------------------------------------------


def recreate_database(url):
    """Drop and create the PostgreSQL database `url` names (connecting to the server's `postgres` database)."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    settings = dj_database_url.parse(url)
    if not settings["ENGINE"].endswith("postgresql"):
        raise SystemExit(f"the load test runs on PostgreSQL; {url} is not a postgres:// URL")
    with psycopg.connect(
        dbname="postgres", user=settings.get("USER") or "postgres", password=settings.get("PASSWORD") or None,
        host=settings.get("HOST") or "127.0.0.1", port=settings.get("PORT") or 5432, autocommit=True,
    ) as connection:
        name = sql.Identifier(settings["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return settings["NAME"]


def drop_database(url):
    import dj_database_url
    import psycopg
    from psycopg import sql

    settings = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres", user=settings.get("USER") or "postgres", password=settings.get("PASSWORD") or None,
        host=settings.get("HOST") or "127.0.0.1", port=settings.get("PORT") or 5432, autocommit=True,
    ) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(settings["NAME"])))


def build_archive(database, media_root, photographs):
    """Migrate, load the demo and enlarge it, in this process (embedded settings: tasks run at once)."""
    static_root = Path(media_root).parent / "static"  # collectstatic fills it later, for the server
    static_root.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="development", DATABASE_URL=database,
        MEDIA_ROOT=str(media_root), STATIC_ROOT=str(static_root),
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from tests.factories import enlarge_demo

    call_command("migrate", "--no-input", verbosity=0)
    call_command("load_demo", stdout=StringIO())
    enlarge_demo(photographs)


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def step(message, started):
    print(f"[{time.monotonic() - started:6.1f} s] {message}", flush=True)


def server_cores(index, servers, pin):
    """The cores server `index` of `servers` runs on when pinned (None: wherever the kernel puts it)."""
    if not pin:
        return None
    share = max(1, (os.cpu_count() or 1) // servers)
    return {(index * share + offset) % (os.cpu_count() or 1) for offset in range(share)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE_URL),
                        help=f"PostgreSQL database to drop, create and fill (default {DEFAULT_DATABASE_URL})")
    parser.add_argument("--photographs", type=int, default=2000, help="public photographs in the archive")
    parser.add_argument("--duration", default="60s", help="wrk -d")
    parser.add_argument("--connections", type=int, default=50, help="wrk -c: concurrent visitors")
    parser.add_argument("--threads", type=int, default=2, help="wrk -t")
    parser.add_argument("--timeout", default="10s", help="wrk --timeout: a slower answer counts as an error")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--cache", choices=["redis", "local"], default="redis",
                        help="the page cache: a private redis-server, as in production (default), or each\n"
                             "worker's local memory, as with no REDIS_URL")
    parser.add_argument("--servers", type=int, default=1,
                        help="app servers (gunicorn instances of --workers each, APP_SERVERS=N on one shared\n"
                             "media folder); with more than one, each server alone first, then all at once,\n"
                             "in the same run, and the ratio to the best one alone is reported")
    parser.add_argument("--pin", action="store_true",
                        help="pin each server to its own share of the cores (server i to cores i*k .. i*k+k-1,\n"
                             "k = cores / servers), so one server alone uses k cores and N servers N*k: what a\n"
                             "second machine adds, where this machine has too few cores to run both unpinned")
    parser.add_argument("--json", metavar="PATH", help="also write the result here")
    parser.add_argument("--keep", action="store_true", help="keep the database and the work folder afterwards")
    args = parser.parse_args(argv)

    for program, needed in (("wrk", True), ("redis-server", args.cache == "redis")):
        if needed and shutil.which(program) is None:
            print(f"{program} is not installed: `make system-deps` (as root)"
                  + (", or --cache local" if program == "redis-server" else ""), file=sys.stderr)
            return 2
    sys.path.insert(0, str(ROOT))
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    media_root = workdir / "media"
    print(f"Load test on {socket.gethostname()} ({os.cpu_count()} cores), load average {load_average()}")
    try:
        name = recreate_database(args.database_url)
        step(f"database {name} created; migrating, loading the demo, enlarging to {args.photographs}", started)
        build_archive(args.database_url, media_root, args.photographs)
        urls = collect_urls()
        from django.db import connections

        connections.close_all()
        paths = weighted_list(urls)
        url_file = workdir / "urls.txt"
        url_file.write_text("\n".join(paths) + "\n")
        distinct = sum(len(found) for found in urls.values())
        mix = ", ".join(f"{kind} {MIX[kind]}% ({len(urls[kind])})" for kind in MIX)
        step(f"{distinct} distinct URLs; share of requests (distinct URLs): {mix}", started)

        if args.servers > 1 and args.cache != "redis":
            print("--servers needs the page cache in Redis (--cache redis)", file=sys.stderr)
            return 2
        runs = {}
        with ExitStack() as stack:
            redis_url = stack.enter_context(private_redis(workdir / "redis")) if args.cache == "redis" else None
            # Several servers on this machine share its disk: one filesystem, as an NFS mount would be.
            extra = {"APP_SERVERS": str(args.servers), "MEDIA_SHARED_FILESYSTEM": "1"} if args.servers > 1 else {}
            bases = [stack.enter_context(serve(args.database_url, workdir / f"server-{index}", media_root, args.workers,
                                               redis_url, extra_env=extra, cores=server_cores(index, args.servers, args.pin)))
                     for index in range(args.servers)]
            cache = f"page cache in {redis_url}" if redis_url else "page cache in each worker's memory"
            pinned = ("; pinned: " + ", ".join(f"server {index + 1} to cores {sorted(server_cores(index, args.servers, True))}"
                                              for index in range(args.servers))) if args.pin else ""
            step(f"{args.servers} gunicorn server(s) ({args.workers} workers each, production settings, {cache}) at "
                 f"{', '.join(bases)}{pinned}; fetching every URL once from each", started)
            for base in bases:
                bad = preflight(base, [path for found in urls.values() for path in found])
                if bad:
                    for path, status in bad[:20]:
                        print(f"  {status} {path}", file=sys.stderr)
                    print(f"{len(bad)} URLs did not answer 200 on {base} before the load even began", file=sys.stderr)
                    return 1
            # Each server alone first (the first one started and warmed has been seen to run slower than
            # the others on a loaded machine), then all of them; the ratio is against the best alone.
            plan = ([("one server", bases[:1])] if args.servers == 1 else
                    [(f"server {index + 1} alone", [base]) for index, base in enumerate(bases)]
                    + [(f"{args.servers} servers", bases)])
            for label, targets in plan:
                command = wrk_command(targets[0], url_file, args.threads, args.connections, args.duration, args.timeout)
                shown = " ".join(command).replace(str(ROOT) + "/", "").replace(str(url_file), "urls.txt")
                if len(targets) > 1:
                    shown = f"{len(targets)} x wrk, {args.connections // len(targets)} connections each, one per server"
                before = load_average()
                step(f"{label}: load average {before}; running: {shown}", started)
                reports, result, apart = run_wrk_on(targets, url_file, args.threads, args.connections, args.duration,
                                                    args.timeout)
                runs[label] = (reports, result, apart, before, load_average(), shown)
        label = plan[-1][0]
        reports, result, apart, before, after, shown = runs[label]
        for name, (run_reports, run_result, _apart, run_before, run_after, _shown) in runs.items():
            print("\n".join(run_reports))
            print(f"Result, {name} ({args.photographs} photographs, {args.connections} connections, {args.duration}, "
                  f"{args.cache} page cache, {os.cpu_count()} cores; load average {run_before} before, {run_after} after):")
            print(summary(run_result))
        if len(runs) > 1:
            alone = {name: run[1] for name, run in runs.items() if name.endswith("alone")}
            best_name, one = max(alone.items(), key=lambda item: item[1]["rps"])
            ratio = result["rps"] / one["rps"] if one["rps"] else 0
            singles = ", ".join(f"{name} {found['rps']:.1f}" for name, found in alone.items())
            print(f"Throughput: {label} {result['rps']:.1f} req/s = {ratio:.2f}x the best server alone "
                  f"({best_name}, {one['rps']:.1f} req/s; {singles}); {os.cpu_count()} cores on this machine, "
                  "shared by the servers, wrk, PostgreSQL and Redis")
            result.update(one_server=one, alone=alone, ratio=round(ratio, 3), per_server=apart, servers=args.servers,
                          cores=os.cpu_count(), pinned=args.pin)
            for name, found in alone.items():
                if failures(found):
                    print(f"FAILED ({name}): " + "; ".join(failures(found)), file=sys.stderr)
                    return 1
        problems = failures(result)
        result.update(command=shown, photographs=args.photographs, cache=args.cache, load_average_before=before,
                      load_average_after=after, mix=MIX,
                      distinct_urls={kind: len(found) for kind, found in urls.items()})
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
        if problems:
            print("FAILED: " + "; ".join(problems), file=sys.stderr)
            return 1
        step("passed: no errors, every response 2xx", started)
        return 0
    finally:
        if args.keep:
            print(f"kept: database {args.database_url}, work folder {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
            try:
                drop_database(args.database_url)
            except Exception as error:  # the result stands; say why the database is still there
                print(f"could not drop {args.database_url}: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
