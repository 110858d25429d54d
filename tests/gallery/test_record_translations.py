"""Artists' bios and communities' descriptions in the site's other languages: typed by a curator on the
record's own edit page, shown under /es/ in Spanish, and in English marked lang="en" where untranslated."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from gallery.models import Artist, ArtistTranslation, Community, CommunityTranslation
from tests.admin_forms import add_inline, as_post, changed, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_between_requests")]

EDIT_FORM = {"data-edit-form": True}
BIO = "Photographs the Bosnian community of St. Louis."
BIO_ES = "Fotografía a la comunidad bosnia de St. Louis."


def lede(client, path):
    """The page's lede as a visitor's screen reader gets it: its words and the language it says they are in."""
    response = client.get(path)
    assert response.status_code == 200, path
    page = BeautifulSoup(response.content, "html.parser")
    element = page.select_one(".page-header .lede")
    return element.get_text(" ", strip=True), element.get("lang") or page.html["lang"]


@pytest.fixture
def artist(make_photo):
    artist = Artist.objects.create(name="Amela Sinanagic", bio=BIO)
    make_photo(artist=artist)
    return artist


def test_a_curator_adds_a_spanish_bio_on_the_artists_edit_page_and_spanish_visitors_read_it(admin_client, client, artist):
    url = reverse("wagtailsnippets_gallery_artist:edit", args=[artist.pk])
    page = admin_client.get(url).content.decode()
    assert "Bio in other languages" in page
    data = form_data(page, EDIT_FORM)
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="es", bio=BIO_ES)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(ArtistTranslation.objects.values_list("artist", "language", "bio")) == [(artist.pk, "es", BIO_ES)]

    assert lede(client, f"/es/artists/{artist.slug}/") == (BIO_ES, "es")
    assert lede(client, f"/artists/{artist.slug}/") == (BIO, "en")


def test_an_untranslated_bio_reads_in_english_marked_as_english_on_the_spanish_page(client, artist):
    response = client.get(f"/es/artists/{artist.slug}/")
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "es"
    assert lede(client, f"/es/artists/{artist.slug}/") == (BIO, "en")


def test_a_second_spanish_bio_is_refused_with_a_message_and_nothing_changes(admin_client, artist):
    ArtistTranslation.objects.create(artist=artist, language="es", bio=BIO_ES)
    url = reverse("wagtailsnippets_gallery_artist:edit", args=[artist.pk])
    data = form_data(admin_client.get(url).content.decode(), EDIT_FORM)
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="es", bio="Otra biografía.")))
    assert response.status_code == 200
    assert "Please correct the duplicate data for artist and language, which must be unique." in response.content.decode()
    assert list(ArtistTranslation.objects.values_list("bio", flat=True)) == [BIO_ES]


def test_a_language_the_site_does_not_offer_is_refused(admin_client, artist):
    url = reverse("wagtailsnippets_gallery_artist:edit", args=[artist.pk])
    data = form_data(admin_client.get(url).content.decode(), EDIT_FORM)
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="xx", bio="?")))
    assert response.status_code == 200
    assert not ArtistTranslation.objects.exists()


def test_editing_a_spanish_bio_keeps_it_one_row_and_the_page_follows(admin_client, client, artist):
    ArtistTranslation.objects.create(artist=artist, language="es", bio=BIO_ES)
    client.get(f"/es/artists/{artist.slug}/")  # cached now: the edit must reach the next visitor
    url = reverse("wagtailsnippets_gallery_artist:edit", args=[artist.pk])
    data = form_data(admin_client.get(url).content.decode(), EDIT_FORM)
    assert ("translations-0-bio", BIO_ES) in data
    response = admin_client.post(url, as_post(changed(data, **{"translations-0-bio": "Fotógrafa de St. Louis."})))
    assert response.status_code == 302
    assert list(ArtistTranslation.objects.values_list("bio", flat=True)) == ["Fotógrafa de St. Louis."]
    assert lede(client, f"/es/artists/{artist.slug}/") == ("Fotógrafa de St. Louis.", "es")


def test_the_site_search_under_es_finds_a_spanish_bio_and_shows_it(client, artist):
    ArtistTranslation.objects.create(artist=artist, language="es", bio=BIO_ES)
    page = BeautifulSoup(client.get("/es/search/", {"q": "fotografía bosnia"}).content, "html.parser")
    found = [item for item in page.select(".search-detail") if "Fotografía" in item.get_text()]
    assert found and found[0].get("lang") is None  # Spanish words on a Spanish page


def test_a_curator_adds_a_spanish_community_description(admin_client, client, make_photo):
    community = Community.objects.create(name="Bosnian", slug="bosnian", description="Bosnians in Missouri.")
    photo = make_photo(communities=[community])
    url = reverse("wagtailsnippets_gallery_community:edit", args=[community.pk])
    data = form_data(admin_client.get(url).content.decode(), EDIT_FORM)
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="es",
                                                         description="Bosnios en Misuri.")))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(CommunityTranslation.objects.values_list("language", "description")) == [("es", "Bosnios en Misuri.")]
    assert list(photo.communities.all()) == [community]  # still one community, its photographs on it
    assert lede(client, "/es/communities/bosnian/") == ("Bosnios en Misuri.", "es")
    assert lede(client, "/communities/bosnian/") == ("Bosnians in Missouri.", "en")


def test_a_bio_is_kept_exactly_as_typed_and_only_spaces_is_refused(admin_client, artist):
    url = reverse("wagtailsnippets_gallery_artist:edit", args=[artist.pk])
    data = form_data(admin_client.get(url).content.decode(), EDIT_FORM)
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="es", bio="   ")))
    assert response.status_code == 200
    assert "Only spaces: type the words, or leave the field empty" in response.content.decode()
    assert not ArtistTranslation.objects.exists()

    typed = "  Fotógrafa.\n\nVive en St. Louis.  "
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="es", bio=typed)))
    assert response.status_code == 302
    assert ArtistTranslation.objects.get().bio == typed
