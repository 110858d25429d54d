"""The Spanish site in a real browser: under /es/ every word of the interface a visitor sees is Spanish,
dates read as Spanish posters write them, the page says lang="es", and the archive's English words
(an exhibition not yet translated, photographs' titles) say lang="en"."""

import re
from pathlib import Path

import pytest

from tests.browser.test_public_pages import open_page, site  # noqa: F401  (site: the shared fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Interface words of the English site, each of which would show if a string escaped translation.
ENGLISH = [
    "Skip to content", "Home", "Photographs", "Exhibitions", "Events", "Artists", "Communities", "Search",
    "Search the site", "All photographs", "Open data", "a community photo archive", "From the archive",
    "Now showing", "Coming up", "Coming next", "Recently shown", "Traveling exhibition", "Itinerary",
    "In the exhibition", "Featured artists", "Subscribe to", "Download as a file", "Add to calendar",
    "Time TBA", "Opening reception", "Closing reception", "until", "opens", "Filter", "Sort", "Clear all",
    "Oldest first", "Newest first", "Best match", "Previous", "Next", "Creator", "Date", "Kind", "Place",
    "Rights", "Camera", "IIIF manifest", "Search results for", "Past events", "photograph", "photographs",
    "Community", "Artist", "Decade", "Contemporary", "Historical", "Back to", "of",
]
SPANISH_DATE = re.compile(r"(lunes|martes|miércoles|jueves|viernes|sábado|domingo), \d{1,2} de [a-z]+ de \d{4}")


def interface_text(page):
    """What a visitor reads on the page, without the words marked as another language's."""
    return page.evaluate(
        """() => {
          const body = document.body.cloneNode(true);
          body.querySelectorAll('script, style, [lang]:not([lang="es"])').forEach(el => el.remove());
          // innerText needs the clone laid out; as written, not as CSS capitalises it (through the
          // CSSOM: the site's CSP refuses inline styles).
          body.querySelectorAll('*').forEach(el => el.style.setProperty('text-transform', 'none', 'important'));
          document.documentElement.appendChild(body);
          const text = body.innerText;
          body.remove();
          return text;
        }"""
    )


def english_left(text):
    return [words for words in ENGLISH if re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text)]


@pytest.fixture
def spanish_site(site):  # noqa: F811
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="es")
    return site


def pages(site):
    return {
        "home": ("/es/", ["Inicio", "Fotografías", "Del archivo", "En exhibición", "Próximamente"]),
        "exhibition": ("/es" + site["exhibition"].url, ["Exposición itinerante", "Itinerario", "En la exposición",
                                                      "Artistas destacados", "Suscribirse a", "Añadir al calendario"]),
        "photograph": ("/es" + site["photo"].get_absolute_url(), ["Autoría", "Fecha", "Tipo", "Lugar", "Derechos",
                                                                  "Manifiesto IIIF", "Contemporánea"]),
        "gallery": ("/es/photographs/?community=bosnian", ["Buscar en las fotografías", "Orden:", "Comunidad", "Década",
                                                           "Quitar todos", "Más antiguas primero", "Siguiente"]),
        "search": ("/es/search/?q=garden", ["Resultados de la búsqueda de «garden»", "Fotografías"]),
        "events": ("/es/events/", ["Actividades", "Próximas", "Recepción de inauguración", "hora por confirmar"]),
    }


@pytest.mark.parametrize("name", ["home", "exhibition", "photograph", "gallery", "search", "events"])
def test_every_interface_word_is_spanish_under_es(name, spanish_site, live_server, browser):
    path, spanish = pages(spanish_site)[name]
    context, page, problems = open_page(browser, live_server.url + path, 1280)
    try:
        assert page.evaluate("document.documentElement.lang") == "es"
        text = interface_text(page)
        assert english_left(text) == [], text
        for words in spanish:
            assert words in text, (words, text)
        assert problems == []
        # The language switcher offers the same page in English.
        english = page.locator('.language-switcher a[hreflang="en"]')
        assert english.get_attribute("href") == path[3:]
    finally:
        context.close()


def test_dates_are_spanish_and_english_words_say_so(spanish_site, live_server, browser):
    context, page, problems = open_page(browser, live_server.url + "/es/events/", 1280)
    try:
        assert SPANISH_DATE.search(interface_text(page)), interface_text(page)
        assert re.search(r"\d-\d p\. m\.", interface_text(page))
    finally:
        context.close()
    exhibition = spanish_site["exhibition"]
    context, page, problems = open_page(browser, live_server.url + "/es" + exhibition.url, 1280)
    try:
        # Not translated yet: its title and summary are English, and say so.
        assert page.locator("h1").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == exhibition.title
        assert page.locator(".exhibition-hero-text .lede").get_attribute("lang") == "en"
        assert page.locator(".exhibit-wall .label-title").first.get_attribute("lang") == "en"
        assert SPANISH_DATE.search(page.locator(".exhibition-status").inner_text())
        # Switching language keeps the visitor on this exhibition.
        page.locator('.language-switcher a[hreflang="en"]').click()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.url == live_server.url + exhibition.url
        assert page.locator("h1").get_attribute("lang") is None
    finally:
        context.close()


def serious_axe_violations(page, axe_path):
    # Through DevTools, not a <script> tag: the site's CSP rightly refuses inline scripts.
    page.evaluate(Path(axe_path).read_text())
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_a_photograph_with_spanish_alt_text_is_described_in_spanish_and_axe_stays_clean(spanish_site, live_server,
                                                                                        browser, axe_path):
    from gallery.models import PhotographTranslation

    photo = spanish_site["photo"]
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Huerto 0",
                                         alt_text="Personas plantando un huerto, imagen 0")
    for path in ("/es" + photo.get_absolute_url(), "/es" + spanish_site["exhibition"].url):
        context, page, problems = open_page(browser, live_server.url + path, 1280)
        try:
            picture = page.locator('img[alt="Personas plantando un huerto, imagen 0"]').first
            assert picture.count() == 1, path
            # Spanish on a Spanish page: nothing to mark. The untranslated ones say they are English.
            assert picture.evaluate("img => img.closest('[lang]').lang") == "es"
            others = page.evaluate(
                "Array.from(document.querySelectorAll('picture img')).filter(img => img.alt && !img.alt.startsWith('Personas'))"
                ".map(img => img.closest('[lang]').lang)")
            assert set(others) <= {"en"}, others
            assert serious_axe_violations(page, axe_path) == [], path
            assert problems == []
        finally:
            context.close()
