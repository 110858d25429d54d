"""Sitemap, robots.txt, canonical URLs and link previews with a metadata-stripped rendition."""

import re
from io import BytesIO

import pytest
from django.urls import reverse
from PIL import Image

from gallery.models import Artist, Community, Photograph
from tests.conftest import jpeg_bytes
from tests.metadata import metadata_blocks

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_sitemap_lists_public_photographs_artists_communities_and_pages_only(make_photo, client):
    artist = Artist.objects.create(name="Rita Chu")
    community = Community.objects.create(name="Chinese", slug="chinese")
    unused = Community.objects.create(name="Nobody's", slug="nobodys")
    shown = make_photo(data=jpeg_bytes(size=(64, 48), seed=1), artist=artist, communities=[community])
    hidden = make_photo(data=jpeg_bytes(size=(64, 48), seed=2), consent=Photograph.Consent.WITHHELD)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert any(re.fullmatch(r"http://[^/]+/", location) for location in locations)  # the home page (its Site's host)
    assert f"http://testserver/photographs/{shown.pk}/" in locations
    assert f"http://testserver/photographs/{hidden.pk}/" not in locations
    assert f"http://testserver{artist.get_absolute_url()}" in locations
    assert f"http://testserver{community.get_absolute_url()}" in locations
    assert f"http://testserver{unused.get_absolute_url()}" not in locations  # nothing public shows it


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_a_photograph_page_has_a_canonical_url_and_social_cards_with_a_stripped_rendition(make_photo, client):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    photo = make_photo(title="Lanterns", alt_text="Red lanterns over a street", caption="New year, 2014.",
                       data=jpeg_bytes(size=(1400, 900), exif=exif))
    html = client.get(photo.get_absolute_url() + "?from=q%3Dlanterns").content.decode()
    assert f'<link rel="canonical" href="http://testserver/photographs/{photo.pk}/">' in html
    assert meta(html, "property", "og:title") == "Lanterns"
    assert meta(html, "property", "og:description") == "New year, 2014."
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "property", "og:image:alt") == "Red lanterns over a street"
    image_url = meta(html, "property", "og:image")
    assert image_url.startswith("http://testserver/media/renditions/")
    assert meta(html, "property", "og:image:width") == "1200"
    data = b"".join(client.get(image_url.removeprefix("http://testserver")).streaming_content)
    assert "exif" not in metadata_blocks(data)
    with Image.open(BytesIO(data)) as image:
        assert image.format == "JPEG" and image.width == 1200


def test_every_public_page_has_a_canonical_url(make_photo, client):
    artist = Artist.objects.create(name="Rita Chu")
    chinese = Community.objects.create(name="Chinese", slug="chinese")
    make_photo(data=jpeg_bytes(size=(64, 48)), artist=artist, communities=[chinese])
    for url in ("/", "/photographs/", "/communities/chinese/", artist.get_absolute_url(), "/artists/", "/communities/", "/search/"):
        html = client.get(url).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in html, url
        assert meta(html, "property", "og:url") == f"http://testserver{url}"
