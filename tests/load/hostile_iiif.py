#!/usr/bin/env python
"""
1,000 distinct hostile IIIF image requests against gunicorn (2 sync workers, production settings,
no REDIS_URL: the per-client budget is counted in the database), for one 12-megapixel photograph
whose pyramid is built: tiny and huge sizes, fractional rotations, odd regions, every quality and
format, tiles in formats viewers do not ask for. 4 clients at once, all from 127.0.0.1.

Measured: what the IIIF store grew by (bytes of media/derivatives/*/*/iiif), the largest resident
memory of any worker (sampled every 50 ms from /proc), the statuses, the time. Exit status 0 only if
the store grew by at most --max-store-mb and no worker went past --max-rss-mb.
"""

import argparse
import json
import random
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.load.run_load import get, serve  # noqa: E402
from tests.load.withdrawal import build, scratch_site  # noqa: E402

SIZE = (4000, 3000)


def hostile_paths(count=1000, seed=12):
    rng = random.Random(seed)
    width, height = SIZE
    kinds = [
        lambda i: f"full/max/{i / 1000 + 0.001:.3f}/default.png",  # arbitrary rotation
        lambda i: f"full/pct:{1 + i % 97}.{i}/0/default.jpg",
        lambda i: f"full/{600 + i},/0/default.png",
        lambda i: f"{rng.randrange(width - 2000)},{rng.randrange(height - 2000)},2000,2000/max/0/gray.jpg",
        lambda i: f"{rng.randrange(width)},{rng.randrange(height)},{rng.randrange(1, 900)},{rng.randrange(1, 900)}"
                  f"/max/{rng.choice(['0', '90', '!180'])}/{rng.choice(['default', 'color', 'bitonal'])}."
                  f"{rng.choice(['jpg', 'png', 'webp'])}",
        lambda i: f"{512 * (i % 7)},{512 * (i % 5)},512,512/512,/0/{['gray', 'bitonal', 'color'][i % 3]}.png",
        lambda i: f"full/!{1000 + i},{1000 + i}/0/default.webp",
        lambda i: f"square/{400 + i},/0/color.jpg",
    ]
    paths = []
    seen = set()
    i = 0
    while len(paths) < count:
        path = kinds[i % len(kinds)](i)
        i += 1
        if path not in seen:
            seen.add(path)
            paths.append(path)
    return paths


def store_bytes(media_root):
    return sum(path.stat().st_size for path in Path(media_root).glob("derivatives/*/*/iiif/**/*") if path.is_file())


def worker_pids(bind):
    """gunicorn processes serving `bind` (this run's own server, found by its command line)."""
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "gunicorn" in cmdline and bind in cmdline:
                pids.append(int(proc.name))
    return pids


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(database, workdir, count=1000, threads=4):
    media_root = Path(workdir) / "media"
    photo = build(database, media_root, size=SIZE)
    from django.db import connections

    base_path = f"/iiif/3/{photo.iiif_identifier}"
    connections.close_all()
    with serve(database, workdir, media_root, workers=2) as base:
        bind = base.removeprefix("http://")
        pids = worker_pids(bind)
        info = json.loads(get(base, f"{base_path}/info.json")[1])
        for size in info["sizes"][-2:]:  # a viewer's first look: stored, as it should be
            get(base, f"{base_path}/full/{size['width']},{size['height']}/0/default.jpg")
        store_before = store_bytes(media_root)
        rss_before = {pid: rss_mb(pid) for pid in pids}
        peak = dict(rss_before)
        sampling = threading.Event()

        def sample():
            while not sampling.is_set():
                for pid in pids:
                    peak[pid] = max(peak[pid], rss_mb(pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        started = time.monotonic()
        paths = hostile_paths(count)
        with ThreadPoolExecutor(threads) as pool:
            statuses = Counter(pool.map(lambda path: get(base, f"{base_path}/{path}")[0], paths))
        seconds = time.monotonic() - started
        sampling.set()
        sampler.join()
        store_after = store_bytes(media_root)
    return {
        "requests": count,
        "distinct": len(set(paths)),
        "seconds": round(seconds, 1),
        "statuses": {str(status): n for status, n in sorted(statuses.items())},
        "store_growth_bytes": store_after - store_before,
        "worker_rss_mb_before": {str(pid): round(mb, 1) for pid, mb in rss_before.items()},
        "worker_rss_mb_peak": {str(pid): round(mb, 1) for pid, mb in peak.items()},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="a PostgreSQL database to drop, create and fill "
                                               "(default: a SQLite file in the work folder)")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--max-store-mb", type=float, default=3.0)
    parser.add_argument("--max-rss-mb", type=float, default=400.0)
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)
    with scratch_site(args.database_url, "hostile-iiif-") as (database, workdir):
        result = run(database, workdir, args.requests)
    peak = max(result["worker_rss_mb_peak"].values(), default=0)
    print(f"{result['requests']} distinct hostile requests in {result['seconds']} s: statuses {result['statuses']}; "
          f"store grew by {result['store_growth_bytes'] / 1e6:.2f} MB; worker memory "
          f"{result['worker_rss_mb_before']} MB before, peak {result['worker_rss_mb_peak']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    ok = result["store_growth_bytes"] <= args.max_store_mb * 1e6 and 0 < peak <= args.max_rss_mb
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
