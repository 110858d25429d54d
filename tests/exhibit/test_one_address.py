"""
One public address: every absolute URL the site writes names SITE_BASE_URL's host, whatever host a
request came in through and whatever Wagtail's Site record still says. A crawl of the demo site
(pages, robots.txt, the sitemap, feeds, JSON-LD, IIIF documents), an exported bag and the commands'
output finds exactly one host of the site's own.
"""

import re
from collections import deque
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Site

from exhibit.models import Event, Venue
from gallery import base_url
from gallery.models import Artist
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
PUBLIC = "https://archive.example.org"
INTERNAL_HOST = "app-7.internal"  # what a proxy forwards: must never be written into anything
# Vocabularies and standards the documents name by URI: not links to the site.
VOCABULARIES = {
    "schema.org", "iiif.io", "www.w3.org", "www.sitemaps.org", "rightsstatements.org", "creativecommons.org",
    "purl.org",
}
URL = re.compile(r"""(?:https?|webcal)://([^/\s"'<>\\),;]+)""")
LINK = re.compile(r"""(?:href|src|data-info)="([^"]+)\"""")
TEXT_TYPES = ("text/html", "text/plain", "text/calendar", "application/xml", "application/json", "application/ld+json")


def hosts_in(text):
    # iCalendar folds long lines ("\r\n "): unfold first, so a folded URL is read whole.
    return {match.group(1).lower() for match in URL.finditer(text.replace("\r\n ", ""))}


def external_hosts():
    """Hosts the archive's own data links to (venue websites, RSVP pages, artists' sites)."""
    urls = [*Venue.objects.values_list("website", flat=True), *Artist.objects.values_list("website", flat=True),
            *Event.objects.values_list("rsvp_url", flat=True)]
    return {urlsplit(url).netloc.lower() for url in urls if url} | VOCABULARIES


def crawl(client, limit=1500):
    """Every public text answer reachable from the home page, robots.txt and the sitemap: {path: text}."""
    seen, found = set(), {}
    queue = deque(["/", "/robots.txt", "/sitemap.xml", "/iiif/3/collections/exhibitions.json"])
    while queue and len(found) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, HTTP_HOST=INTERNAL_HOST)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(TEXT_TYPES):
            continue
        text = response.content.decode()
        found[path] = text
        parts = urlsplit(path)
        # A filtered gallery state or a photograph opened in context is read, not followed further:
        # the combinations are endless and say nothing new about addresses.
        if parts.query:
            continue
        targets = LINK.findall(text) + re.findall(r"<loc>([^<]+)</loc>", text)
        targets += re.findall(r'"id": "([^"]+/(?:manifest|info)\.json)"', text)
        for target in targets:
            absolute = urljoin(PUBLIC + path, target.replace("&amp;", "&"))
            split = urlsplit(absolute)
            if split.netloc != urlsplit(PUBLIC).netloc or split.path.startswith(("/admin", "/staff", "/static", "/documents")):
                continue
            if split.path.startswith("/media/") or (split.path.startswith("/iiif/3/") and not split.path.endswith(".json")):
                continue
            queue.append(split.path + (f"?{split.query}" if split.query else ""))
    return found


@pytest.fixture
def demo(settings, tmp_path):
    settings.SITE_BASE_URL = PUBLIC
    settings.ORGANIZATION_URL = PUBLIC + "/"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, INTERNAL_HOST]
    out = StringIO()
    call_command("load_demo", stdout=out)
    # The Site record is left as Wagtail makes it: nothing may be built from it.
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    return out.getvalue()


def test_every_public_output_names_one_host(client, demo, tmp_path):
    pages = crawl(client)
    kinds = {
        "pages": [path for path in pages if not path.endswith((".ics", ".xml", ".json", ".txt"))],
        "sitemap": [path for path in pages if path.startswith("/sitemap")],
        "feeds": [path for path in pages if path.endswith(".ics")],
        "manifests": [path for path in pages if path.endswith("manifest.json")],
        "image info": [path for path in pages if path.endswith("info.json")],
    }
    for kind, paths in kinds.items():
        assert paths, f"the crawl found no {kind}"
    assert len(pages) > 100  # the demo: 14 photographs with their manifests and image info, pages, feeds
    assert any("application/ld+json" in text for text in pages.values()), "no JSON-LD on any page"
    assert any("/photographs/" in path and path.rstrip("/").split("/")[-1].isdigit() for path in kinds["pages"])
    assert any(path.startswith("/venues/") for path in kinds["pages"]) and "/events/" in pages

    bag = tmp_path / "bag"
    exhibition = re.search(r"at https?://[^/\s]+(/\S+?),", demo).group(1).rstrip("/").rsplit("/", 1)[1]
    call_command("export_bag", exhibition, str(bag), stdout=StringIO())
    bag_texts = {str(path.relative_to(bag)): path.read_text() for path in bag.rglob("*")
                 if path.is_file() and path.suffix in (".json", ".txt")}
    assert "data/iiif/manifest.json" in bag_texts

    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "market.jpg").write_bytes(jpeg_bytes(size=(80, 60), seed=41))
    out = StringIO()
    call_command("import_photos", str(folder), stdout=out)
    imported = out.getvalue()
    assert "/photographs/" in imported

    outputs = {**pages, **{f"bag:{name}": text for name, text in bag_texts.items()}, "load_demo": demo,
               "import_photos": imported}
    external = external_hosts()
    own = {}
    for name, text in outputs.items():
        for host in hosts_in(text) - external:
            own.setdefault(host, []).append(name)
    assert set(own) == {"archive.example.org"}, {host: names[:5] for host, names in own.items()}


def test_the_site_record_follows_the_setting_after_migrate_and_load_demo(settings):
    settings.SITE_BASE_URL = "https://archive.example.org"
    Site.objects.filter(is_default_site=True).update(hostname="localhost", port=80)
    call_command("migrate", verbosity=0)  # post_migrate: what every start of a deployment runs
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("archive.example.org", 443, "https://archive.example.org")
    settings.SITE_BASE_URL = "http://127.0.0.1:8000"
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"
    assert "Site: http://127.0.0.1:8000" in out.getvalue()


@pytest.mark.parametrize("bad", ["archive.example.org", "ftp://archive.example.org", "https://archive.example.org/site/"])
def test_a_base_url_that_is_no_site_root_is_refused_at_start(settings, bad):
    settings.SITE_BASE_URL = bad
    errors = base_url.check_base_url()
    assert errors and errors[0].id == "gallery.E001"
