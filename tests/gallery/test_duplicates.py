"""Exact duplicates (SHA-256) refused at upload; near-duplicates (perceptual hash) listed for curators."""

from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from gallery import perceptual
from gallery.models import Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def resaved(data, size=None, quality=70):
    image = Image.open(BytesIO(data))
    if size:
        image = image.resize(size)
    out = BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def test_multiple_upload_refuses_an_exact_duplicate_with_a_message_for_that_file(admin_client):
    data = jpeg_bytes(seed=3)
    url = reverse("wagtailimages:add_multiple")
    first = admin_client.post(url, {"files[]": SimpleUploadedFile("market.jpg", data, "image/jpeg")}).json()
    assert first["success"] is True and first["duplicate"] is False
    second = admin_client.post(url, {"files[]": SimpleUploadedFile("again.jpg", data, "image/jpeg")}).json()
    photo = Photograph.objects.get()
    assert second["success"] is False
    assert second["error_message"] == f"This file is already in the archive as “{photo.title}” (photograph #{photo.pk})."
    assert photo.sha256 and len(photo.perceptual_hash) == 16
    # Wagtail's own SHA-1 is filled from the same pass, so its duplicate finder agrees with ours.
    import hashlib
    assert photo.file_hash == hashlib.sha1(data).hexdigest()


def test_near_duplicates_are_listed_on_the_edit_page_and_by_find_duplicates(make_photo, admin_client):
    original = jpeg_bytes(size=(800, 600), seed=11)
    photo = make_photo(data=original, title="Reception, original")
    smaller = make_photo(data=resaved(original, size=(400, 300), quality=60), title="Reception, small copy")
    other = make_photo(data=jpeg_bytes(size=(800, 600), color=(20, 200, 90), seed=400), title="Something else")
    assert perceptual.distance(photo.perceptual_hash, smaller.perceptual_hash) <= perceptual.DEFAULT_THRESHOLD

    html = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    section = html.split("Possible near-duplicates")[1].split("</dd>")[0]
    assert "Reception, small copy" in section and "Something else" not in section
    assert reverse("wagtailimages:edit", args=[smaller.pk]) in section

    out = StringIO()
    call_command("find_duplicates", stdout=out)
    lines = out.getvalue().splitlines()
    pairs = [line for line in lines if "~" in line]
    assert len(pairs) == 1 and f"#{photo.pk} “Reception, original”" in pairs[0]
    assert f"#{smaller.pk} “Reception, small copy”" in pairs[0] and f"#{other.pk}" not in pairs[0]
    assert lines[-1].startswith("Summary: 1 near-duplicate pairs among 3 photographs")

    out = StringIO()
    call_command("find_duplicates", "--threshold", "64", stdout=out)
    assert "3 near-duplicate pairs" in out.getvalue()


def test_perceptual_hash_ignores_orientation_tags():
    image = Image.new("RGB", (90, 60), "white")
    image.paste((0, 0, 0), (0, 0, 30, 60))
    turned = image.transpose(Image.Transpose.ROTATE_90)  # stored on its side, tagged "rotate 270 to view"
    assert perceptual.dhash(image) == perceptual.dhash(turned, orientation=6)
