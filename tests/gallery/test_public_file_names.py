"""
No public URL or file carries the original's file name: renditions (and so og:image) are named
after the IIIF identifier, IIIF never used it, and curators see the name on the edit page only.
Renditions made under the old naming are moved to opaque names by a data migration.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gallery.models import Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

UPLOAD_NAME = "Hadzic-family-home-1421-Elm-St-Springfield.jpg"
# Every part of the name that could identify someone, in any case.
NAME_PARTS = re.compile(rb"hadzic|1421|elm-st|elm_st|springfield\.|family-home", re.IGNORECASE)


def upload(admin_client):
    response = admin_client.post(reverse("wagtailimages:add"), {
        "title": "Hadzic family home", "alt_text": "A house with a porch", "kind": "contemporary",
        "consent": "on_file", "is_published": "on", "collection": 1,
        "file": SimpleUploadedFile(UPLOAD_NAME, jpeg_bytes(seed=1421), content_type="image/jpeg"),
    })
    assert response.status_code in (200, 302)
    photo = Photograph.objects.get()
    # Retitled, as a curator would: the title is the curator's, the file name is not theirs to publish.
    Photograph.objects.filter(pk=photo.pk).update(title="A family home in Springfield, 2013")
    return Photograph.objects.get()


def test_nothing_public_carries_the_uploaded_file_name(admin_client, settings):
    photo = upload(admin_client)
    public = Client()
    urls = [photo.get_absolute_url(), reverse("gallery:index"), "/", "/sitemap.xml",
            reverse("gallery:iiif_photograph_manifest", args=[photo.iiif_identifier]),
            f"/iiif/3/{photo.iiif_identifier}/info.json"]
    seen = set()
    for url in urls:
        response = public.get(url)
        assert response.status_code == 200, url
        assert not NAME_PARTS.search(response.content), f"{url} names the original file"
        seen.update(re.findall(rb'/media/[^"\' ,)]+', response.content))
    assert seen, "the photograph page shows renditions"
    for media_url in seen:
        assert not NAME_PARTS.search(media_url)
        assert public.get(media_url.decode()).status_code == 200
    html = public.get(photo.get_absolute_url()).content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert photo.iiif_identifier[:8] in og_image and not NAME_PARTS.search(og_image.encode())
    stored = [path.name for path in (settings.MEDIA_ROOT / "renditions" / str(photo.pk)).iterdir()]
    assert stored and not [name for name in stored if NAME_PARTS.search(name.encode())]


def test_curators_see_the_original_file_name_on_the_edit_page(admin_client):
    photo = upload(admin_client)
    assert photo.original_filename == UPLOAD_NAME
    html = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert "Original file name (private)" in html and UPLOAD_NAME in html


def test_the_migration_moves_renditions_named_after_the_original_to_opaque_names(make_photo, client, settings):
    photo = make_photo(name="hadzic-family-home.jpg")
    rendition = photo.get_rendition("max-400x400|format-jpeg")
    # A rendition as the old naming made it: after the original's file name.
    old_name = f"renditions/{photo.pk}/hadzic-family-home.max-400x400.format-jpeg.jpg"
    with rendition.file.storage.open(rendition.file.name, "rb") as handle:
        rendition.file.storage.save(old_name, ContentFile(handle.read()))
    rendition.file.storage.delete(rendition.file.name)
    type(rendition).objects.filter(pk=rendition.pk).update(file=old_name)
    Photograph.objects.filter(pk=photo.pk).update(original_filename="")
    old_url = f"/media/{old_name}"
    assert client.get(old_url).status_code == 200

    migration = importlib.import_module("gallery.migrations.0007_opaque_rendition_names")
    migration.rename_renditions(apps, None)

    assert client.get(old_url).status_code == 404
    renamed = type(rendition).objects.get(pk=rendition.pk)
    assert "hadzic" not in renamed.file.name and photo.iiif_identifier[:8] in renamed.file.name
    assert client.get(renamed.url).status_code == 200
    assert Photograph.objects.get(pk=photo.pk).original_filename == photo.file.name.split("/")[-1]
    html = client.get(photo.get_absolute_url()).content.decode()
    assert "hadzic" not in html.lower()
