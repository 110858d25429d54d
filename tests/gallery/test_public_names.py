"""Artists and communities are public only when the public can see something of theirs: a public
photograph (or, for an artist, a public exhibition). Otherwise they have no page, no place in the
index pages, the facets or the sitemap."""

import pytest
from django.urls import reverse

from gallery.models import Artist, Community, Photograph

pytestmark = pytest.mark.django_db


@pytest.fixture
def withheld_only(make_photo):
    """A community and an artist that appear only on a photograph whose consent was withheld."""
    community = Community.objects.create(name="Hidden Hollow", slug="hidden-hollow")
    artist = Artist.objects.create(name="Withheld Person")
    make_photo(title="Withheld", artist=artist, communities=[community], consent=Photograph.Consent.WITHHELD)
    return community, artist


@pytest.fixture
def shown(make_photo):
    community = Community.objects.create(name="Bosnian", slug="bosnian")
    artist = Artist.objects.create(name="Amela Sinanagić")
    make_photo(title="Shown", artist=artist, communities=[community], date_edtf="1905", place="Columbia, MO")
    return community, artist


def test_a_community_only_on_a_withheld_photograph_has_no_page_and_no_sitemap_entry(withheld_only, shown, client):
    hidden, _ = withheld_only
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "/sitemap-communities.xml" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-communities.xml").content.decode()
    assert "/communities/hidden-hollow/" not in sitemap
    assert "/communities/bosnian/" in sitemap


def test_an_artist_only_on_a_withheld_photograph_has_no_page_and_no_sitemap_entry(withheld_only, shown, client):
    _, hidden = withheld_only
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "/sitemap-artists.xml" in client.get("/sitemap.xml").content.decode()
    sitemap = client.get("/sitemap-artists.xml").content.decode()
    assert hidden.get_absolute_url() not in sitemap
    assert shown[1].get_absolute_url() in sitemap


def test_an_artist_without_any_photograph_has_no_page(db, client):
    artist = Artist.objects.create(name="Nobody Yet")
    assert client.get(artist.get_absolute_url()).status_code == 404
    assert list(Artist.objects.public()) == []


def test_index_pages_list_public_artists_and_communities_only(withheld_only, shown, client):
    artists = client.get(reverse("gallery:artist_index"))
    communities = client.get(reverse("gallery:community_index"))
    assert artists.status_code == communities.status_code == 200
    artists, communities = artists.content.decode(), communities.content.decode()
    assert "Amela Sinanagić" in artists and "1 photograph" in artists and "Withheld Person" not in artists
    assert "Bosnian" in communities and "Hidden Hollow" not in communities
    # Both are in the main navigation.
    assert 'href="/artists/"' in artists and 'href="/communities/"' in artists


def test_the_artist_facet_offers_public_artists_only(withheld_only, shown, client):
    html = client.get("/photographs/").content.decode()
    assert 'id="facet-artist"' in html and "Amela Sinanagić" in html and "Withheld Person" not in html
    # The intro names the facets the page offers.
    assert "narrow by community, artist, decade, kind and place." in html


def test_an_artist_page_and_a_community_page_do_not_link_to_pages_that_404(withheld_only, shown, client):
    hidden_community, hidden_artist = withheld_only
    community, artist = shown
    artist.communities.set([community, hidden_community])
    hidden_artist.communities.set([community])
    assert hidden_community.name not in client.get(artist.get_absolute_url()).content.decode()
    assert hidden_artist.name not in client.get(community.get_absolute_url()).content.decode()
