"""An original no photograph names (its server died between storing it and committing the row) is
deleted once it is older than any upload takes; a recent one, and every photograph's own, stay."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from gallery.ingest import orphans
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def test_an_original_without_its_row_is_removed_once_old(make_photo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    photo = make_photo()
    lost = default_storage.save("original_images/lost.jpg", ContentFile(jpeg_bytes(seed=4)))
    old = time.time() - 7200
    os.utime(default_storage.path(lost), (old, old))
    in_flight = default_storage.save("original_images/arriving.jpg", ContentFile(jpeg_bytes(seed=5)))
    os.utime(default_storage.path(photo.file.name), (old, old))

    assert orphans.remove_orphans(default_storage, older_than_seconds=3600) == [lost]
    assert not default_storage.exists(lost)
    assert default_storage.exists(in_flight) and default_storage.exists(photo.file.name)


def test_nothing_stored_yet_is_nothing_to_do(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "empty"
    assert orphans.remove_orphans(default_storage, older_than_seconds=0) == []
