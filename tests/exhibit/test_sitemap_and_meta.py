"""Sitemap, robots.txt, canonical URLs and link previews with a metadata-stripped rendition."""

import re
from datetime import UTC, datetime
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image

from gallery.models import Artist, Community, Photograph
from tests.conftest import jpeg_bytes
from tests.metadata import metadata_blocks

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else None


BASE = "http://127.0.0.1:8000"  # SITE_BASE_URL's embedded default: where `make run` serves


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml"), url
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


def sitemap_locations(client):
    """Every <loc> of every section the index at /sitemap.xml lists (pages of a long section included)."""
    found = []
    for section in locations(client, "/sitemap.xml"):
        assert section.startswith(BASE + "/sitemap-"), section
        found += locations(client, section.removeprefix(BASE))
    return found


def test_sitemap_lists_public_photographs_artists_communities_venues_and_pages_only(make_photo, client):
    from exhibit.models import Venue

    artist = Artist.objects.create(name="Rita Chu")
    community = Community.objects.create(name="Chinese", slug="chinese")
    unused = Community.objects.create(name="Nobody's", slug="nobodys")
    venue = Venue.objects.create(name="Daniel Boone Regional Library", city="Columbia", state="MO")
    shown = make_photo(data=jpeg_bytes(size=(64, 48), seed=1), artist=artist, communities=[community])
    hidden = make_photo(data=jpeg_bytes(size=(64, 48), seed=2), consent=Photograph.Consent.WITHHELD)
    found = sitemap_locations(client)
    assert f"{BASE}/" in found  # the home page, at the public address whatever the Site record said
    assert f"{BASE}/photographs/{shown.pk}/" in found
    assert f"{BASE}/photographs/{hidden.pk}/" not in found
    assert f"{BASE}{artist.get_absolute_url()}" in found
    assert f"{BASE}{community.get_absolute_url()}" in found
    assert f"{BASE}{unused.get_absolute_url()}" not in found  # nothing public shows it
    assert f"{BASE}{venue.get_absolute_url()}" in found
    assert f"{BASE}/photographs/" in found and f"{BASE}/events/" in found
    assert len(found) == len(set(found))


def test_photograph_entries_carry_when_the_record_last_changed(make_photo, client):
    photo = make_photo(data=jpeg_bytes(size=(64, 48)))
    Photograph.objects.filter(pk=photo.pk).update(updated_at=datetime(2026, 3, 4, 18, 0, tzinfo=UTC))
    xml = client.get("/sitemap-photographs.xml").content.decode()
    entry = re.search(rf"<loc>{BASE}/photographs/{photo.pk}/</loc>.*?</url>", xml, re.S).group(0)
    assert "<lastmod>2026-03-04</lastmod>" in entry
    photo.refresh_from_db()
    photo.title = "Retitled"
    photo.save()
    xml = client.get("/sitemap-photographs.xml").content.decode()
    assert f"<lastmod>{timezone.localdate().isoformat()}</lastmod>" in xml


def test_past_5000_photographs_the_index_lists_a_second_page_and_no_photograph_is_dropped(make_photo, client):
    from tests.factories import clone_photos

    template = make_photo(data=jpeg_bytes(size=(64, 48)))
    clone_photos(template, 5100)
    sections = locations(client, "/sitemap.xml")
    assert f"{BASE}/sitemap-photographs.xml" in sections
    assert f"{BASE}/sitemap-photographs.xml?p=2" in sections
    assert f"{BASE}/sitemap-photographs.xml?p=3" not in sections
    photographs = locations(client, "/sitemap-photographs.xml") + locations(client, "/sitemap-photographs.xml?p=2")
    public = set(Photograph.objects.public().values_list("pk", flat=True))
    assert len(public) == 5101
    assert {int(url.rstrip("/").rsplit("/", 1)[1]) for url in photographs} == public
    # Each photograph in exactly one page, once in each language.
    for prefix in (f"{BASE}/photographs/", f"{BASE}/es/photographs/"):
        listed = [int(url.rstrip("/").rsplit("/", 1)[1]) for url in photographs if url.startswith(prefix)]
        assert sorted(listed) == sorted(public), prefix


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {BASE}/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_robots_txt_reads_the_same_to_pythons_robotparser_as_to_a_prefix_matcher(make_photo, client):
    """Python's robotparser reads a `?` in a rule as nothing: `/photographs/?` blocked every photograph."""
    from urllib.robotparser import RobotFileParser

    photo = make_photo(data=jpeg_bytes(size=(64, 48)))
    text = client.get("/robots.txt").content.decode()
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    rules = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Disallow:")]
    # Only plain prefixes: no wildcard, end anchor or query, which parsers read differently.
    assert rules and all(rule.startswith("/") and not set(rule) & set("*$?") for rule in rules)
    for path, allowed in [
        ("/", True), ("/photographs/", True), (f"/photographs/{photo.pk}/", True), ("/events/", True),
        ("/photographs/?community=chinese", True), ("/admin/", False), ("/admin/images/", False),
        ("/staff/schedule/", False),
    ]:
        assert parser.can_fetch("AnyBot", BASE + path) is allowed, path
        assert (not any(path.startswith(rule) for rule in rules)) is allowed, path


def test_filtered_gallery_states_are_followed_but_not_indexed(make_photo, client):
    make_photo(data=jpeg_bytes(size=(64, 48)))
    assert meta(client.get("/photographs/").content.decode(), "name", "robots") is None
    assert meta(client.get("/photographs/?kind=historical").content.decode(), "name", "robots") == "noindex, follow"


def test_a_photograph_page_has_a_canonical_url_and_social_cards_with_a_stripped_rendition(make_photo, client):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    photo = make_photo(title="Lanterns", alt_text="Red lanterns over a street", caption="New year, 2014.",
                       data=jpeg_bytes(size=(1400, 900), exif=exif))
    html = client.get(photo.get_absolute_url() + "?from=q%3Dlanterns").content.decode()
    assert f'<link rel="canonical" href="{BASE}/photographs/{photo.pk}/">' in html
    assert meta(html, "property", "og:title") == "Lanterns"
    assert meta(html, "property", "og:description") == "New year, 2014."
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "property", "og:image:alt") == "Red lanterns over a street"
    image_url = meta(html, "property", "og:image")
    assert image_url.startswith(f"{BASE}/media/renditions/")
    assert meta(html, "property", "og:image:width") == "1200"
    data = b"".join(client.get(image_url.removeprefix(BASE)).streaming_content)
    assert "exif" not in metadata_blocks(data)
    with Image.open(BytesIO(data)) as image:
        assert image.format == "JPEG" and image.width == 1200


def test_every_public_page_has_a_canonical_url(make_photo, client):
    artist = Artist.objects.create(name="Rita Chu")
    chinese = Community.objects.create(name="Chinese", slug="chinese")
    make_photo(data=jpeg_bytes(size=(64, 48)), artist=artist, communities=[chinese])
    for url in ("/", "/photographs/", "/communities/chinese/", artist.get_absolute_url(), "/artists/", "/communities/", "/search/"):
        html = client.get(url).content.decode()
        assert f'<link rel="canonical" href="{BASE}{url}">' in html, url
        assert meta(html, "property", "og:url") == f"{BASE}{url}"
