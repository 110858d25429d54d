"""An original stored through the admin is journaled like an import's: its name is written down before
its bytes and struck off with the photograph's row, so a server killed in between leaves a name that
gallery.ingest.orphans removes, never a file nobody knows of."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gallery.ingest import orphans
from gallery.models import PendingOriginal, Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_an_admin_upload_leaves_no_journal_entry(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = admin_client.post(reverse("wagtailimages:add"), {
        "title": "Market day", "alt_text": "Stalls", "kind": "contemporary", "consent": "on_file",
        "collection": 1, "file": SimpleUploadedFile("market.jpg", jpeg_bytes(seed=3)),
    })
    assert response.status_code == 302
    photo = Photograph.objects.get(title="Market day")
    assert default_storage.exists(photo.file.name)
    assert not PendingOriginal.objects.exists()


def test_an_original_whose_row_was_never_saved_is_removed_once_old(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = Photograph(title="Never saved")
    photo.file.save("lost.jpg", ContentFile(jpeg_bytes(seed=4)), save=False)  # then the process "dies"
    name = photo.file.name
    assert default_storage.exists(name)
    assert list(PendingOriginal.objects.values_list("name", flat=True)) == [name]

    assert orphans.remove_orphans(default_storage, older_than_seconds=3600) == []  # too recent: maybe in flight
    assert default_storage.exists(name)
    assert orphans.remove_orphans(default_storage, older_than_seconds=0) == [name]
    assert not default_storage.exists(name) and not PendingOriginal.objects.exists()


def test_a_journal_entry_of_a_saved_photograph_keeps_its_file(make_photo, settings):
    photo = make_photo()
    PendingOriginal.objects.create(name=photo.file.name, host="elsewhere", pid=1)  # died after the row, before this

    assert orphans.remove_orphans(default_storage, older_than_seconds=0) == []
    assert default_storage.exists(photo.file.name) and not PendingOriginal.objects.exists()
