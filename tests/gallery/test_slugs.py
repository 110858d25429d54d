"""A second artist or venue of the same name gets its own address instead of a server error."""

import pytest

from exhibit.models import Venue
from gallery.models import Artist
from tests.admin_forms import NO_TRANSLATIONS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model, fallback", [(Artist, "artist"), (Venue, "venue")])
def test_same_name_twice_gets_a_numbered_slug_and_a_nameless_one_a_fallback(model, fallback):
    first = model.objects.create(name="John Smith")
    second = model.objects.create(name="John Smith")
    third = model.objects.create(name="John Smith")
    symbols = model.objects.create(name="★★★")
    assert [first.slug, second.slug, third.slug] == ["john-smith", "john-smith-2", "john-smith-3"]
    assert symbols.slug == fallback
    second.save()  # saving again keeps its own slug
    assert model.objects.get(pk=second.pk).slug == "john-smith-2"


def test_a_curator_can_add_two_artists_of_one_name_without_typing_a_slug(admin_client):
    for _ in range(2):
        response = admin_client.post(
            "/admin/snippets/gallery/artist/add/", {"name": "Amela Sinanagic", "slug": "", "bio": "", "website": "", **NO_TRANSLATIONS}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(Artist.objects.values_list("slug", flat=True)) == ["amela-sinanagic", "amela-sinanagic-2"]
