"""Every real camera file's stored EXIF facts agree with what exifread itself reports."""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import exifread
import pytest
from django.urls import reverse
from django.utils import timezone

from gallery.models import Photograph
from tests.conftest import shared_path
from tests.gallery.test_privacy import upload_through_admin

pytestmark = pytest.mark.django_db

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".heic"}


def camera_files():
    root = shared_path("corpus", "exif")
    return sorted(path for path in root.rglob("*") if path.suffix.lower() in IMAGE_SUFFIXES)


def oracle(path):
    """What exifread says, read directly and simply: the test's independent answer."""
    with open(path, "rb") as handle:
        tags = exifread.process_file(handle, details=False, extract_thumbnail=False)

    def text(name):
        return str(tags[name]).replace("\x00", "").strip() if name in tags else ""

    taken = None
    for name in ("EXIF DateTimeOriginal", "EXIF DateTimeDigitized", "Image DateTime"):
        try:
            taken = datetime.strptime(text(name)[:19], "%Y:%m:%d %H:%M:%S")
            break
        except ValueError:
            continue

    def degrees(name, ref_name):
        if name not in tags or ref_name not in tags:
            return None
        parts = tags[name].values
        if any(part.denominator == 0 for part in parts):
            return None
        value = sum(Decimal(part.numerator) / Decimal(part.denominator) / Decimal(60**i) for i, part in enumerate(parts))
        sign = -1 if text(ref_name) in ("S", "W") else 1
        return (sign * value).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)

    return {
        "make": text("Image Make"),
        "model": text("Image Model"),
        "taken": taken,
        "lat": degrees("GPS GPSLatitude", "GPS GPSLatitudeRef"),
        "lon": degrees("GPS GPSLongitude", "GPS GPSLongitudeRef"),
    }


def test_stored_exif_agrees_with_exifread_for_every_camera_file(admin_client):
    files = camera_files()
    assert len(files) > 30
    for index, path in enumerate(files):
        photo = upload_through_admin(admin_client, path, title=f"{index}-{path.name}")
        expected = oracle(path)
        assert photo.camera_make == expected["make"][:255], path
        assert photo.camera_model == expected["model"][:255], path
        stored_taken = timezone.localtime(photo.date_taken).replace(tzinfo=None) if photo.date_taken else None
        assert stored_taken == expected["taken"], path
        assert photo.gps_latitude == expected["lat"], path
        assert photo.gps_longitude == expected["lon"], path
        assert photo.sha256 and len(photo.sha256) == 64


def test_the_files_that_once_broke_exif_readers_upload_without_a_server_error(admin_client):
    for path in sorted(shared_path("corpus", "exif", "jpg", "tests").iterdir()):
        photo = upload_through_admin(admin_client, path, title=f"tests-{path.name}")
        edit = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk]))
        assert edit.status_code == 200, path


def test_a_hostile_exif_block_is_a_warning_the_curator_sees_not_an_error(admin_client):
    photo = upload_through_admin(admin_client, shared_path("corpus", "bad", "exif-bad-date.jpg"))
    assert photo.exif_warnings
    edit = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk]))
    assert edit.status_code == 200
    assert "raised these warnings" in edit.content.decode()
    assert photo.exif_warnings[0][:40] in edit.content.decode().replace("&quot;", '"').replace("&#x27;", "'")


def test_empty_fields_are_prefilled_from_exif(admin_client):
    path = shared_path("corpus", "exif", "jpg", "gps", "DSCN0010.jpg")
    photo = upload_through_admin(admin_client, path)
    expected = oracle(path)
    assert photo.date_edtf == expected["taken"].date().isoformat()
    assert photo.date_display == expected["taken"].strftime("%B %-d, %Y")
    assert Photograph.objects.filter(pk=photo.pk, date_earliest=expected["taken"].date()).exists()
