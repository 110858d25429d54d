"""The site in its languages: /es/... is Spanish, machine endpoints have one address, every public page
names its versions, and a translated exhibition is still one exhibition in listings, feeds and open data."""

import re

import pytest
from django.test import Client
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale

from exhibit.models import Event, ExhibitionPage, Showing

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # A request leaves its language active in the thread: each test starts where a visitor would.
    with translation.override("en"):
        yield


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def hreflangs(response):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()))


def translate(tour):
    """A Spanish translation of the tour, copied as Wagtail copies a page for translation
    (its stops and their events are copied with it)."""
    spanish = tour.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "La experiencia inmigrante de Misuri 2014"
    spanish.save_revision().publish()
    for parent in spanish.get_ancestors().filter(locale__language_code="es", alias_of__isnull=True):
        parent.specific.save_revision().publish()
    return ExhibitionPage.objects.get(pk=spanish.pk)


@pytest.fixture
def spanish_tour(tour):
    return translate(tour)


@pytest.mark.parametrize("path", ["/", "/photographs/", "/events/", "/artists/", "/communities/", "/search/"])
def test_every_public_page_is_served_in_spanish_under_es(client, tour, path):
    english, spanish = client.get(path), client.get(f"/es{path}" if path != "/" else "/es/")
    assert english.status_code == spanish.status_code == 200
    assert (html_lang(english), html_lang(spanish)) == ("en", "es")
    assert english["Content-Language"] == "en" and spanish["Content-Language"] == "es"
    links = hreflangs(spanish)
    assert set(links) == {"en", "es", "x-default"}
    assert links["es"].endswith("/es" + path) and links["en"] == links["x-default"]
    assert not links["en"].rstrip("/").endswith("/es")


@pytest.mark.parametrize("path", [
    "/es/iiif/3/collections/exhibitions.json", "/es/calendar/all.ics", "/es/api/v1/exhibitions",
    "/es/oai/?verb=Identify", "/es/sitemap.xml", "/es/admin/",
])
def test_machine_endpoints_have_one_address_without_a_language(client, tour, path):
    # (Wagtail's catch-all may first add a slash; the page it leads to does not exist.)
    assert client.get(path, follow=True).status_code == 404
    assert client.get(path[3:]).status_code in (200, 302)


def test_the_spanish_pages_say_the_interface_in_spanish(client, tour):
    gallery = client.get("/es/photographs/").content.decode()
    assert "<h1>Fotografías</h1>" in gallery and ">Buscar</button>" in gallery
    events = client.get("/es/events/").content.decode()
    # What a visitor reads (the JSON-LD is in the exhibition's own language, English here).
    events = re.sub(r"<script.*?</script>", "", events, flags=re.S)
    assert "sábado, 29 de marzo de 2014, hora por confirmar" in events and "Recepción de clausura" in events
    assert "Time TBA" not in events and "Closing reception" not in events
    english = client.get("/events/").content.decode()
    assert "Saturday, March 29, 2014, Time TBA" in english and "Closing reception" in english


def test_structured_data_says_the_language_of_its_words(client, spanish_tour, tour):
    english = client.get("/events/").content.decode()
    assert '"inLanguage": "en"' in english and '"inLanguage": "es"' not in english
    spanish = client.get("/es/events/").content.decode()
    assert '"inLanguage": "es"' in spanish and '"inLanguage": "en"' not in spanish
    assert '"description": "hora por confirmar"' in spanish
    assert "La experiencia inmigrante de Misuri 2014 en Park Central Branch Library" in spanish


def test_the_language_switcher_keeps_the_visitor_on_the_same_page_and_query(client, tour):
    body = client.get("/photographs/?community=bosnian").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    assert 'href="/es/photographs/?community=bosnian"' in switcher
    body = client.get("/es/photographs/?community=bosnian").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    assert 'href="/photographs/?community=bosnian"' in switcher and 'aria-current="true" lang="es"' in switcher


def test_an_untranslated_exhibition_is_read_under_es_and_its_links_stay_spanish(client, tour):
    english = tour.url
    response = client.get("/es" + english)
    assert response.status_code == 200 and html_lang(response) == "es"
    assert hreflangs(response)["en"].endswith(english)
    listing = client.get("/es/").content.decode()
    assert f'href="/es{english}"' in listing
    # Its words are English on a Spanish page, and say so; on the English page nothing needs saying.
    assert f'<h1 lang="en">{tour.title}</h1>' in response.content.decode()
    assert f"<h1>{tour.title}</h1>" in client.get(english).content.decode()


def test_a_translated_exhibition_links_to_its_translation(client, spanish_tour, tour):
    english, spanish = tour.url, spanish_tour.url
    response = client.get(spanish)
    assert spanish.startswith("/es/") and html_lang(response) == "es"
    assert "<h1>La experiencia inmigrante de Misuri 2014</h1>" in response.content.decode()
    links = hreflangs(client.get(english))
    assert links["es"].endswith(spanish) and links["en"].endswith(english)


def test_the_page_cache_keeps_the_languages_apart(tour):
    visitor = Client()
    assert visitor.get("/events/")["X-Page-Cache"] == "miss"
    spanish = visitor.get("/es/events/")
    assert spanish["X-Page-Cache"] == "miss" and html_lang(spanish) == "es"
    again = visitor.get("/es/events/")
    assert again["X-Page-Cache"] == "hit" and html_lang(again) == "es"
    assert html_lang(visitor.get("/events/")) == "en"


def test_the_sitemap_lists_every_language_with_alternates(client, tour):
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert f"<loc>http://127.0.0.1:8000/es{tour.url}</loc>" in pages
    assert f'hreflang="es" href="http://127.0.0.1:8000/es{tour.url}"' in pages
    assert f'hreflang="x-default" href="http://127.0.0.1:8000{tour.url}"' in pages
    archive = client.get("/sitemap-archive.xml").content.decode()
    assert "<loc>http://127.0.0.1:8000/es/photographs/</loc>" in archive
    assert 'xhtml:link rel="alternate" hreflang="es" href="http://127.0.0.1:8000/es/photographs/"' in archive


def test_a_translated_exhibition_is_counted_once(client, tour):
    before = {path: client.get(path).content.decode().count("Sample screening") for path in ("/events/", "/es/events/")}
    spanish_tour = translate(tour)
    # The translation copied the stops and events: the rows are there twice.
    assert Showing.objects.count() == 4 and Event.objects.count() == 12
    for language, page in (("en", tour), ("es", spanish_tour)):
        with translation.override(language):
            assert list(ExhibitionPage.objects.public()) == [page]
            assert {showing.exhibition_id for showing in Showing.objects.public()} == {page.pk}
            assert Showing.objects.public().count() == 2 and Event.objects.public().count() == 6
    with translation.override("vi"):  # no such Locale: the default language's
        assert list(ExhibitionPage.objects.public()) == [tour]

    feed = Calendar.from_ical(client.get("/calendar/all.ics").content)
    assert len([event for event in feed.walk("VEVENT")]) == 8  # two stops and six events, once each
    api = client.get("/api/v1/exhibitions").json()
    assert [item["slug"] for item in api["results"]] == [tour.slug]
    assert len(client.get("/api/v1/events").json()["results"]) == 6
    for path, count in before.items():
        assert client.get(path).content.decode().count("Sample screening") == count > 0


def test_calendar_feeds_say_the_language_of_their_words(client, tour):
    feed = client.get("/calendar/all.ics").content.decode().replace("\r\n ", "")
    summaries = [line for line in feed.splitlines() if line.startswith("SUMMARY")]
    assert summaries and all(line.startswith("SUMMARY;LANGUAGE=en:") for line in summaries)
    assert all(line.startswith("LOCATION;LANGUAGE=en:") for line in feed.splitlines() if line.startswith("LOCATION"))
    assert all(line.startswith("DESCRIPTION;LANGUAGE=en:") for line in feed.splitlines() if line.startswith("DESCRIPTION"))
    # The feed has one address: Spanish visitors subscribe to the same one.
    assert client.get("/es/calendar/all.ics", follow=True).status_code == 404
