"""The public can see public photographs, artists and communities, and nothing else."""

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from gallery.imaging.sizes import STANDARD_SPECS
from gallery.models import Artist, Community, Photograph

pytestmark = pytest.mark.django_db


def test_home_community_artist_and_admin_login_answer(make_photo, client):
    artist = Artist.objects.create(name="Rita Chu")
    community = Community.objects.create(name="Chinese", slug="chinese", description="Sample community.")
    photo = make_photo(title="A doorway", artist=artist, communities=[community])
    assert "A doorway" in client.get("/").content.decode()
    community_page = client.get(reverse("gallery:community", args=["chinese"]))
    assert community_page.status_code == 200 and "A doorway" in community_page.content.decode()
    artist_page = client.get(reverse("gallery:artist", args=[artist.slug]))
    assert artist_page.status_code == 200 and "A doorway" in artist_page.content.decode()
    photo_page = client.get(photo.get_absolute_url())
    assert photo_page.status_code == 200 and "Rita Chu" in photo_page.content.decode()
    assert client.get(reverse("wagtailadmin_login")).status_code == 200


def test_pictures_have_modern_formats_sizes_and_alt_text(make_photo, client):
    photo = make_photo(title="Garden", alt_text="Two people planting beans")
    html = client.get(photo.get_absolute_url()).content.decode()
    assert '<source type="image/avif"' in html and '<source type="image/webp"' in html
    assert 'alt="Two people planting beans"' in html
    assert 'width="' in html and 'height="' in html and "sizes=" in html


@pytest.mark.parametrize(
    "change",
    [
        {"is_published": False},
        {"consent": Photograph.Consent.WITHHELD},
        {"consent": Photograph.Consent.PENDING},
        {"alt_text": ""},
        "private collection",
    ],
    ids=["unpublished", "consent withheld", "consent pending", "no alt text", "private collection"],
)
def test_non_public_photographs_answer_404_everywhere(make_photo, client, change):
    community = Community.objects.create(name="Bosnian", slug="bosnian")
    photo = make_photo(title="Hidden one", communities=[community])
    rendition_urls = [rendition.url for rendition in photo.get_renditions(*STANDARD_SPECS).values()]
    if change == "private collection":
        private = Collection.get_first_root_node().add_child(name="Private")
        CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
        photo.collection = private
    else:
        for key, value in change.items():
            setattr(photo, key, value)
    photo.save()

    assert client.get(photo.get_absolute_url()).status_code == 404
    for url in rendition_urls:
        assert client.get(url).status_code == 404, url
    for page in ("/", reverse("gallery:community", args=["bosnian"])):
        assert "Hidden one" not in client.get(page).content.decode()


def test_curators_still_see_unpublished_renditions_in_the_admin(make_photo, admin_client):
    photo = make_photo(is_published=False)
    rendition = photo.get_rendition("max-400x400|format-jpeg")
    response = admin_client.get(rendition.url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")


def test_a_guessed_media_path_serves_nothing(make_photo, client):
    photo = make_photo()
    for url in (
        f"/media/renditions/{photo.pk}/..%2F..%2Fsettings.py",
        f"/media/renditions/{photo.pk}/x.html",
        f"/media/{photo.file.name}",
        "/media/original_images/",
    ):
        assert client.get(url).status_code == 404, url
