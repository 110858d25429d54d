"""
Public images (renditions, IIIF answers) go out with a short lifetime and an ETag, answer 304 to a
matching If-None-Match while public and 404 once withdrawn; a CDN configured through Wagtail's frontend
cache module is told to purge every URL of a photograph the moment it stops being public.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gallery.models import Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

TILE = "0,0,512,512/512,512/0/default.jpg"


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def max_age(response):
    return int(next(part for part in directives(response) if part.startswith("max-age="))[8:])


@pytest.fixture
def photo(make_photo):
    photo = make_photo(data=jpeg_bytes(size=(1200, 900)))
    photo.get_rendition("max-400x400|format-jpeg")
    return photo


def image_urls(photo):
    rendition = photo.renditions.first()
    assert rendition is not None
    return [rendition.url, f"/iiif/3/{photo.iiif_identifier}/{TILE}", f"/iiif/3/{photo.iiif_identifier}/full/150,/0/gray.jpg"]


def test_public_images_live_briefly_and_revalidate_with_their_etag(client, photo):
    for url in image_urls(photo):
        first = client.get(url)
        assert first.status_code == 200, url
        assert "public" in directives(first) and 0 < max_age(first) <= 600, (url, first["Cache-Control"])
        assert first["ETag"].startswith('"'), url
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304 and not again.content, url
        assert again["ETag"] == first["ETag"] and "public" in directives(again), url
        assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200, url
    rendition = client.get(image_urls(photo)[0])
    assert rendition["Last-Modified"]
    assert client.get(image_urls(photo)[0], headers={"If-Modified-Since": rendition["Last-Modified"]}).status_code == 304


def test_a_withdrawn_photograph_answers_404_even_to_a_cached_copys_etag(client, photo):
    urls = image_urls(photo)
    etags = {url: client.get(url)["ETag"] for url in urls}
    photo.consent = Photograph.Consent.WITHHELD
    photo.save()
    for url in urls:
        assert client.get(url, headers={"If-None-Match": etags[url]}).status_code == 404, url


@pytest.fixture
def purge_server():
    """A real HTTP cache stand-in on a free port that records every PURGE it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def test_a_cdn_is_told_to_purge_a_photograph_the_moment_it_stops_being_public(
    client, photo, settings, purge_server, django_capture_on_commit_callbacks, run_tasks
):
    location, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    }
    urls = image_urls(photo)
    for url in urls:
        client.get(url)
    photo.title = "Still public"
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    assert received == []  # an edit that keeps it public purges nothing
    photo.consent = Photograph.Consent.WITHHELD
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    purged = {path for _host, path in received}
    iiif = f"/iiif/3/{photo.iiif_identifier}"
    assert photo.get_absolute_url() in purged
    assert urls[0] in purged  # the rendition
    assert f"{iiif}/{TILE}" in purged and f"{iiif}/info.json" in purged
    assert f"/iiif/3/manifests/photographs/{photo.iiif_identifier}/manifest.json" in purged
    assert {f"{iiif}/full/{w},{h}/0/default.jpg" for w, h in ((1200, 900), (600, 450), (300, 225))} <= purged
    received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    assert received == []  # already private: nothing more to forget
