"""Storing a IIIF answer (a tile a viewer asked for first) is not a change to anything a page shows:
the page cache's generation stays, so cached pages stay."""

import pytest
from django.utils import timezone

from gallery.models import StoredImageAnswer
from sitewide import page_cache

pytestmark = pytest.mark.django_db


def test_storing_a_iiif_answer_keeps_the_cached_pages(make_photo):
    photo = make_photo()
    before = page_cache.generation()
    StoredImageAnswer.objects.create(name=f"derivatives/{photo.pk}/x/iiif/tile.jpg", photograph_id=photo.pk, size=10,
                                     last_used=timezone.now())
    assert page_cache.generation() == before
    photo.title = "Renamed"
    photo.save()
    assert page_cache.generation() != before  # a real change still empties them
