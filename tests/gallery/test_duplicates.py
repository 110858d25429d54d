"""Exact duplicates (SHA-256) refused at upload; near-duplicates (perceptual hash) listed for curators."""

from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from gallery.imaging import perceptual
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


def scan(mode="RGB", size=(1200, 1700), depth=255):
    """An uncompressed strip TIFF (the archival master the upload check reads band by band), with a
    picture in it: dark and light blocks a hash can tell apart."""
    image = Image.new("L", (12, 17))
    image.putdata([(x * 37 + y * 91) % 256 for y in range(17) for x in range(12)])
    image = image.resize(size, Image.Resampling.BICUBIC)
    if mode == "I;16":
        image = image.point(lambda value: value * depth // 255, "I").convert("I;16")
    elif mode == "RGB":
        image = image.convert("RGB")
    out = BytesIO()
    image.save(out, "TIFF")
    return out.getvalue()


@pytest.mark.parametrize("mode", ["RGB", "I;16"])
def test_a_large_uncompressed_scan_gets_its_hash_at_upload_from_its_bands(make_photo, mode):
    data = scan(mode, depth=65535 if mode == "I;16" else 255)
    photo = make_photo(data=data, name="master.tif")
    full = Image.open(BytesIO(data))
    full.load()
    assert photo.perceptual_hash != ""
    # The preview gathered band by band hashes (nearly) as the whole decoded image does.
    assert perceptual.distance(photo.perceptual_hash, perceptual.dhash(full)) <= 4
    # A 16-bit scan is scaled to 8 bits for its hash, not clipped to white: the hash is not all one bit.
    assert photo.perceptual_hash not in ("0000000000000000", "ffffffffffffffff")


def test_a_photograph_without_a_hash_gets_one_from_its_pyramid(make_photo, run_tasks):
    from gallery.tasks import make_public_sizes

    photo = make_photo(data=scan(), name="master.tif")
    expected = photo.perceptual_hash
    Photograph.objects.filter(pk=photo.pk).update(perceptual_hash="")
    make_public_sizes.func(photo.pk)
    assert perceptual.distance(Photograph.objects.get(pk=photo.pk).perceptual_hash, expected) <= 4
