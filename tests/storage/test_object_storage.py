"""
Media on S3 (a real SeaweedFS server): an upload through the admin lands in the private bucket, public sizes
and IIIF tiles come out of the site's own views with the bucket's bytes, the bucket itself answers nobody
anonymous, a withdrawal turns every public URL into a 404 at once, and fixity checks read the bucket.
"""

import hashlib
import re

import pytest
import requests
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from gallery.imaging import pyramid
from gallery.iiif import derivatives
from gallery.models import Photograph
from preservation import fixity
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

TILE = "0,0,512,512/512,512/0/default.jpg"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def uploaded(s3_media, admin_client, run_tasks, django_capture_on_commit_callbacks):
    """One photograph uploaded through the admin as a curator does, its pyramid and public sizes made."""
    data = jpeg_bytes(size=(1400, 1000), seed=11)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("wagtailimages:add"), {
            "title": "Market day", "alt_text": "Stalls on a street", "kind": "contemporary", "consent": "on_file",
            "is_published": "on", "collection": 1, "file": SimpleUploadedFile("Grandma Nguyen at home.jpg", data),
        })
    assert response.status_code in (200, 302)
    photo = Photograph.objects.get(title="Market day")
    return photo, data


@pytest.fixture
def visitor():
    """An anonymous visitor (the `client` fixture is the curator who uploaded)."""
    return Client()


def public_rendition_urls(visitor, photo):
    page = visitor.get(photo.get_absolute_url())
    assert page.status_code == 200
    return sorted(set(re.findall(r"/media/renditions/\d+/[^\"'\s,?]+", page.content.decode())))


def test_an_upload_is_stored_in_the_bucket_and_nowhere_on_disk(uploaded, s3_media, settings):
    photo, data = uploaded
    names = s3_media.names()

    assert photo.file.name in names and s3_media.read(photo.file.name) == data
    assert photo.sha256 == hashlib.sha256(data).hexdigest()
    assert f"{pyramid.folder(photo)}/pyramid.json" in names
    assert any(name.startswith(f"renditions/{photo.pk}/") for name in names)
    assert not settings.MEDIA_ROOT.exists(), "a media file was written to local disk instead of the bucket"


def test_renditions_and_tiles_come_through_the_views_with_the_buckets_bytes(uploaded, s3_media, visitor):
    photo, _ = uploaded
    urls = public_rendition_urls(visitor, photo)
    assert urls
    for rendition in photo.renditions.all():  # the media view's own route, never the bucket's URL
        name = rendition.file.name.rsplit("/", 1)[1]
        assert rendition.url == reverse("gallery:rendition_file", args=[photo.pk, name])
    for url in urls:
        response = visitor.get(url)
        assert response.status_code == 200, url
        assert body(response) == s3_media.read(url.removeprefix("/media/")), url

    # A tile info.json offers is the pyramid's own tile object, served as the bucket holds it.
    tile = visitor.get(f"/iiif/3/{photo.iiif_identifier}/{TILE}")
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"
    built = pyramid.Pyramid.of(photo)
    assert body(tile) == s3_media.read(built.tile_path(0, 0, 0))

    # A size info.json lists, larger than one tile, is made once and kept in the bucket beside the pyramid.
    sizes = visitor.get(f"/iiif/3/{photo.iiif_identifier}/info.json").json()["sizes"]
    width, height = next((size["width"], size["height"]) for size in sizes
                         if max(size["width"], size["height"]) > pyramid.TILE)
    size_url = f"/iiif/3/{photo.iiif_identifier}/full/{width},{height}/0/default.jpg"
    first = visitor.get(size_url)
    assert first.status_code == 200 and first["Content-Type"] == "image/jpeg"
    canonical = first["Link"].split("rel=\"profile\", <")[1].split(">")[0].split(f"{photo.iiif_identifier}/")[1]
    stored = derivatives.stored_name(photo, canonical)
    assert stored in s3_media.names(), "a size is kept in the bucket"
    again = visitor.get(size_url)
    assert again.status_code == 200 and body(again) == body(first) == s3_media.read(stored)


def test_the_bucket_answers_no_anonymous_request(uploaded, s3_media, visitor):
    photo, _ = uploaded
    rendition = public_rendition_urls(visitor, photo)[0].removeprefix("/media/")
    for name in (photo.file.name, rendition, f"{pyramid.folder(photo)}/pyramid.json"):
        assert requests.get(s3_media.anonymous_url(name), timeout=10).status_code == 403, name
    listing = requests.get(f"{s3_media.server.endpoint_url}/{s3_media.server.bucket}?prefix={s3_media.prefix}/",
                           timeout=10)
    assert listing.status_code == 403

    # No page points at the bucket, and were anything to ask for an object's URL it would be signed.
    page = visitor.get(photo.get_absolute_url()).content.decode()
    assert s3_media.server.endpoint_url not in page and s3_media.server.bucket not in page
    assert "X-Amz-Signature=" in photo.file.url
    assert requests.get(photo.file.url.split("?")[0], timeout=10).status_code == 403


def test_a_withdrawal_makes_every_public_url_404_at_once(uploaded, s3_media, visitor):
    photo, _ = uploaded
    urls = [*public_rendition_urls(visitor, photo), f"/iiif/3/{photo.iiif_identifier}/{TILE}",
            f"/iiif/3/{photo.iiif_identifier}/info.json"]
    assert all(visitor.get(url).status_code == 200 for url in urls)

    photo.consent = Photograph.Consent.WITHHELD
    photo.save()

    for url in urls:
        assert visitor.get(url).status_code == 404, url
    assert visitor.get(photo.get_absolute_url()).status_code == 404


def test_fixity_reads_the_bucket(uploaded, s3_media):
    photo, data = uploaded
    assert fixity.check(photo).status == fixity.OK

    s3_media.write(photo.file.name, data[:-10] + b"0123456789")
    assert fixity.check(photo).status == fixity.CHANGED

    s3_media.delete(photo.file.name)
    assert fixity.check(photo).status == fixity.MISSING
    assert Photograph.objects.filter(pk=photo.pk, fixity_ok=False, fixity_checked_at__isnull=False).exists()


def test_the_fixity_command_reports_a_changed_original_in_the_bucket(uploaded, s3_media, capsys):
    photo, data = uploaded
    s3_media.write(photo.file.name, data + b"tail")
    with pytest.raises(CommandError, match="1 originals failed"):
        call_command("verify_fixity")
    assert f"changed {photo.pk} {photo.file.name}" in capsys.readouterr().out
