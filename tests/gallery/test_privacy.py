"""GPS and EXIF never leave the admin: not in any public image file, nor in any public page."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from gallery.imaging.sizes import STANDARD_SPECS
from gallery.models import Community, Photograph
from tests.conftest import jpeg_bytes, shared_path
from tests.metadata import metadata_blocks

pytestmark = pytest.mark.django_db


def gps_files():
    return sorted(shared_path("corpus", "exif", "jpg", "gps").glob("*.jpg")) + [
        shared_path("corpus", "bad", "gps-home.jpg")
    ]


def upload_through_admin(client, path, **fields):
    data = {
        "title": path.stem,
        "alt_text": f"A photograph ({path.stem})",
        "kind": "contemporary",
        "consent": "on_file",
        "is_published": "on",
        "collection": 1,
        "file": SimpleUploadedFile(path.name, path.read_bytes()),
    }
    data.update(fields)
    response = client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302, response.content[:2000]
    return Photograph.objects.get(title=data["title"])


def test_gps_is_stored_for_curators_but_absent_from_every_public_file_and_page(admin_client, client):
    community = Community.objects.create(name="Bosnian", slug="bosnian")
    photos = []
    for path in gps_files():
        photo = upload_through_admin(admin_client, path)
        photo.communities.add(community)
        photos.append(photo)
    assert all(photo.gps_latitude is not None for photo in photos), "the curator should still have the GPS"

    for photo in photos:
        renditions = photo.get_renditions(*STANDARD_SPECS)
        for spec, rendition in renditions.items():
            url = rendition.url
            response = client.get(url)
            assert response.status_code == 200, url
            data = b"".join(response.streaming_content)
            blocks = metadata_blocks(data)
            assert not {"exif", "xmp", "iptc", "app1"} & set(blocks), f"{spec} of {photo.title} carries {blocks}"
            with Image.open(BytesIO(data)) as image:
                assert not image.getexif(), f"{spec} of {photo.title} still has EXIF"
                assert "xmp" not in image.info and "exif" not in image.info

    pages = [reverse("gallery:community", args=["bosnian"]), "/"] + [photo.get_absolute_url() for photo in photos]
    html = "".join(client.get(page).content.decode() for page in pages)
    for photo in photos:
        for value in (photo.gps_latitude, photo.gps_longitude):
            for text in (f"{value:.6f}", f"{value:.4f}", f"{abs(value):.4f}"):
                assert text not in html, f"{photo.title}: coordinate {text} appears in a public page"


def test_colour_profile_is_kept_while_exif_is_stripped(make_photo, client):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    photo = make_photo(data=jpeg_bytes(exif=exif, icc_profile=srgb))
    for spec in ("max-400x400|format-jpeg", "max-400x400|format-webp", "max-400x400|format-png"):
        data = photo.get_rendition(spec).file.read()
        blocks = metadata_blocks(data)
        assert "icc" in blocks and "exif" not in blocks, (spec, blocks)


def test_originals_have_no_public_url(make_photo, client):
    photo = make_photo()
    assert client.get(photo.file.url).status_code == 404
    assert client.get(f"/media/{photo.file.name}").status_code == 404
