"""
`make bench`: the site's IIIF Image API side by side with IIPImage (iipsrv, Debian's
`iipimage-server`, the classic C++ IIIF server), on the same 24 MP image, on this machine, in one run.

iipsrv reads a pyramidal TIFF made by libvips (`vips tiffsave --tile --pyramid`, JPEG tiles of the
site's own tile size) and runs behind nginx's FastCGI, once alone and once with memcached (its tile
cache). The site runs as production runs it: gunicorn (2 workers, production settings) behind nginx
with the proxy cache the README's Deployment section configures for /iiif/ and /media/. One nginx
serves both, so the proxy in front costs both the same.

Measured, as throughput (requests per second), the site over iipsrv with memcached:
  - a repeated tile: one full-resolution tile asked again and again (wrk);
  - tiles first asked: every tile of every level of info.json, each asked once, 4 clients at a time,
    on servers and caches that have never seen them;
  - info.json, asked again and again (wrk).
Target: at least 1x iipsrv with memcached for each, checked. The site still decides visibility: a withdrawn
photograph's URLs answer 404 and the site purges them from the cache (tests/gallery/test_media_freshness.py).
"""

import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gallery.imaging import pyramid
from tests.bench.make_images import jpeg_24mp
from tests.load.run_load import database_url, free_port, get, serve, stop, tile_urls

pytestmark = [pytest.mark.bench, pytest.mark.django_db(transaction=True)]

IIPSRV = "/usr/lib/iipimage-server/iipsrv.fcgi"
DEBIAN_PACKAGES = {IIPSRV: "iipimage-server", "memcached": "memcached", "nginx": "nginx-light",
                   "vips": "libvips-tools"}
WRK_SECONDS = 10
WRK_CONNECTIONS = 16
FIRST_ASKED_CLIENTS = 4
TARGET = 1.0


def missing_tools():
    return [package for tool, package in DEBIAN_PACKAGES.items() if shutil.which(tool) is None]


@pytest.fixture(scope="module")
def debian_tools():
    """Installed from Debian by the bench where it may (root); otherwise it skips, but never under CI."""
    missing = missing_tools()
    if missing and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, capture_output=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        missing = missing_tools()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but these Debian packages are missing: {' '.join(missing)}")
        pytest.skip(f"needs Debian's {' '.join(missing)} (apt-get install them as root)")


def wait_for_port(port, process, name, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on {port} within {seconds} s")


@contextmanager
def started(command, port, name, **options):
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options)
    try:
        wait_for_port(port, process, name)
        yield process
    finally:
        stop(process, timeout=10)


def iipsrv(folder, memcached_port=None):
    """iipsrv as a FastCGI server on a loopback port; its JPEG quality is the site's IIIF quality."""
    port = free_port()
    env = {"PATH": os.environ["PATH"], "FILESYSTEM_PREFIX": f"{folder}/", "JPEG_QUALITY": str(settings.IIIF_JPEG_QUALITY),
           "LOGFILE": str(folder / f"iipsrv-{port}.log"), "VERBOSITY": "0", "MAX_IMAGE_CACHE_SIZE": "10"}
    if memcached_port:
        env.update(MEMCACHED_SERVERS=f"127.0.0.1:{memcached_port}", MEMCACHED_TIMEOUT="86400")
    return port, started([IIPSRV, "--bind", f"127.0.0.1:{port}", "--backlog", "1024"], port, "iipsrv", env=env)


NGINX_CONF = """
daemon off; master_process on; worker_processes 1; user root;
error_log {dir}/error.log warn; pid {dir}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    # The README's proxy configuration (Deployment), on plain HTTP and one upstream.
    proxy_cache_path {dir}/cache keys_zone=archive:50m max_size=10g inactive=7d;
    upstream archive {{ server 127.0.0.1:{site}; }}
    server {{
        listen 127.0.0.1:{site_front};
        location / {{
            proxy_pass http://archive;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
        location ~ ^/(media|iiif)/ {{
            proxy_pass http://archive;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_cache archive; proxy_cache_revalidate on; proxy_cache_use_stale updating;
            add_header X-Cache-Status $upstream_cache_status;  # not in the README: lets the bench check hits
        }}
    }}
    server {{ listen 127.0.0.1:{iip_front}; location ~ ^/iiif/(.*)$ {{ {fastcgi}:{iip}; }} }}
    server {{ listen 127.0.0.1:{iip_cached_front}; location ~ ^/iiif/(.*)$ {{ {fastcgi}:{iip_cached}; }} }}
}}
"""
FASTCGI = ("fastcgi_param QUERY_STRING IIIF=$1; fastcgi_param REQUEST_METHOD $request_method; "
           "fastcgi_param REQUEST_URI $request_uri; fastcgi_param SERVER_NAME $host; "
           "fastcgi_param SERVER_PORT $server_port; fastcgi_param HTTP_HOST $http_host; fastcgi_pass 127.0.0.1")


def nginx(folder, ports):
    folder.mkdir()
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=folder, fastcgi=FASTCGI, **ports))
    return started(["nginx", "-c", str(conf), "-p", str(folder)], ports["site_front"], "nginx")


def info_json(front, path):
    status, body = get(front, path)
    assert status == 200, (front, path, status, body[:300])
    return json.loads(body)


def head(front, path):
    connection = http.client.HTTPConnection(*front.removeprefix("http://").split(":"), timeout=30)
    try:
        connection.request("HEAD", path)
        return connection.getresponse()
    finally:
        connection.close()


def wrk(front, path):
    """Requests per second of one URL asked again and again; fails on any error or non-2xx answer."""
    finished = subprocess.run(["wrk", "-t2", f"-c{WRK_CONNECTIONS}", f"-d{WRK_SECONDS}s", "--timeout", "10s",
                               front + path], capture_output=True, text=True, check=True)
    assert "Non-2xx" not in finished.stdout and "Socket errors" not in finished.stdout, finished.stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", finished.stdout).group(1))


def first_asked(front, paths):
    """Every path once, FIRST_ASKED_CLIENTS at a time: requests per second, and that each was a JPEG."""
    def fetch(path):
        status, body = get(front, path, timeout=120)
        return status == 200 and body[:3] == b"\xff\xd8\xff"

    started_at = time.perf_counter()
    with ThreadPoolExecutor(FIRST_ASKED_CLIENTS) as pool:
        answers = list(pool.map(fetch, paths))
    elapsed = time.perf_counter() - started_at
    assert all(answers), f"{answers.count(False)} of {len(paths)} tiles were not JPEG answers from {front}"
    return len(paths) / elapsed


def test_iiif_against_iipsrv(debian_tools, make_photo, run_tasks, tmp_path):
    source = tmp_path / "street-24mp.jpg"
    jpeg_24mp(source)
    photo = make_photo(data=source.read_bytes(), name="street.jpg")  # the task builds the pyramid
    assert pyramid.Pyramid.of(photo) is not None
    images = tmp_path / "iipsrv"
    images.mkdir()
    subprocess.run(["vips", "tiffsave", str(source), str(images / "street.tif"), "--tile", "--pyramid",
                    "--compression", "jpeg", "--Q", str(pyramid.TILE_JPEG_QUALITY),
                    "--tile-width", str(pyramid.TILE), "--tile-height", str(pyramid.TILE)], check=True)

    with ExitStack() as stack:
        site = stack.enter_context(serve(database_url(connection.settings_dict), tmp_path / "site",
                                         settings.MEDIA_ROOT))
        memcached_port = free_port()
        stack.enter_context(started(["memcached", "-u", "root", "-l", "127.0.0.1", "-p", str(memcached_port),
                                     "-m", "256"], memcached_port, "memcached"))
        iip_port, plain = iipsrv(images)
        stack.enter_context(plain)
        iip_cached_port, cached = iipsrv(images, memcached_port)
        stack.enter_context(cached)
        ports = {"site": site.rsplit(":", 1)[1], "iip": iip_port, "iip_cached": iip_cached_port,
                 "site_front": free_port(), "iip_front": free_port(), "iip_cached_front": free_port()}
        stack.enter_context(nginx(tmp_path / "nginx", ports))
        fronts = {name: f"http://127.0.0.1:{ports[port]}" for name, port in
                  (("site", "site_front"), ("iipsrv", "iip_front"), ("iipsrv + memcached", "iip_cached_front"))}
        bases = {"site": f"/iiif/3/{photo.iiif_identifier}", "iipsrv": "/iiif/street.tif",
                 "iipsrv + memcached": "/iiif/street.tif"}

        infos = {name: info_json(front, f"{bases[name]}/info.json") for name, front in fronts.items()}
        assert {(info["width"], info["height"]) for info in infos.values()} == {(6000, 4000)}
        tiles = {name: tile_urls(bases[name], infos[name]) for name in fronts}
        results = {name: {} for name in fronts}
        for name, front in fronts.items():
            results[name]["tiles first asked"] = first_asked(front, tiles[name])
        # A full-resolution tile away from the edges, the commonest request of a zoomed-in viewer.
        tile = f"{pyramid.TILE * 3},{pyramid.TILE * 2},{pyramid.TILE},{pyramid.TILE}/{pyramid.TILE},/0/default.jpg"
        for name, front in fronts.items():
            results[name]["a repeated tile"] = wrk(front, f"{bases[name]}/{tile}")
            results[name]["info.json, repeated"] = wrk(front, f"{bases[name]}/info.json")
        cache_status = head(fronts["site"], f"{bases['site']}/{tile}").getheader("X-Cache-Status")

    load = os.getloadavg()
    print(f"\nIIIF against iipsrv (24 MP JPEG, {pyramid.TILE} px tiles, {len(tiles['site'])} tiles in the site's "
          f"info.json, {len(tiles['iipsrv'])} in iipsrv's; wrk -t2 -c{WRK_CONNECTIONS} -d{WRK_SECONDS}s; "
          f"{os.cpu_count()} cores, load average {load[0]:.1f}):")
    print(f"  {'requests/s':24} {'site+nginx cache':>17} {'iipsrv':>9} {'iipsrv+memcached':>17} {'site/iip+mc':>12}")
    ratios = {}
    for measure in results["site"]:
        ratios[measure] = results["site"][measure] / results["iipsrv + memcached"][measure]
        print(f"  {measure:24} {results['site'][measure]:17.1f} {results['iipsrv'][measure]:9.1f} "
              f"{results['iipsrv + memcached'][measure]:17.1f} {ratios[measure]:11.2f}x "
              f"{'ok' if ratios[measure] >= TARGET else 'MISSED'}")
    print(f"  median of the three ratios: {statistics.median(ratios.values()):.2f}x")
    assert len(tiles["site"]) > 100 and cache_status == "HIT"
    # A tile first asked is the pyramid's own file, read through the view that checks visibility.
    for measure in ratios:
        assert ratios[measure] >= TARGET, (measure, results)
