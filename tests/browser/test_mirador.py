"""Mirador, the IIIF viewer (installed from npm, nothing from a CDN), reads the exhibition's manifest in
the viewer's language: with `language: 'es'` it titles the window with the Spanish label, with 'en' the
English one."""

import json

import pytest

from tests.browser.conftest import ROOT, require, wait_until
from tests.browser.test_public_pages import ensure_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MIRADOR = ROOT / "node_modules" / "mirador" / "dist" / "mirador.min.js"
# A page of our own, not the site's: Mirador's prebuilt bundle and the viewer, as an institution
# embedding Mirador would set it up. Served through the browser's request routing on the live
# server's origin, so the manifest and its images come from the real site.
VIEWER_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Mirador</title></head>
<body><div id="viewer" style="position:absolute;inset:0"></div>
<script src="/__mirador__/mirador.min.js"></script>
<script>
  Mirador.viewer({id: "viewer", language: %(language)s, windows: [{manifestId: %(manifest)s}],
                  window: {allowClose: false}, workspaceControlPanel: {enabled: false}});
</script></body></html>"""


@pytest.fixture
def translated_exhibition(make_photo, run_tasks):
    from wagtail.models import Locale

    from exhibit import demo
    from exhibit.models import ExhibitionPage, ExhibitionPhotograph, HomePage

    ensure_site_tree()
    home = HomePage.objects.get()
    page = home.add_child(instance=ExhibitionPage(
        title="Faces and Places", slug="faces-and-places", summary="Four photographers and their towns."))
    for order in range(2):
        ExhibitionPhotograph.objects.create(page=page, photograph=make_photo(title=f"Wall {order}"), sort_order=order)
    page.save_revision().publish()
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    demo.translate(home, spanish, intro="<p>Un archivo comunitario.</p>")
    demo.translate(page, spanish, title="Rostros y lugares", summary="Cuatro fotógrafos y sus ciudades.")
    return ExhibitionPage.objects.get(pk=page.pk)


def window_title(browser, live_server, manifest, language):
    require(MIRADOR, "Mirador", "`make assets` runs npm ci")
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}"))
    page.route(f"{live_server.url}/__mirador__/", lambda route: route.fulfill(
        content_type="text/html", body=VIEWER_PAGE % {"language": json.dumps(language), "manifest": json.dumps(manifest)}))
    page.route(f"{live_server.url}/__mirador__/mirador.min.js", lambda route: route.fulfill(
        content_type="text/javascript", path=str(MIRADOR)))
    manifests = []
    page.on("response", lambda response: response.url == manifest and manifests.append(response.status))
    try:
        page.goto(f"{live_server.url}/__mirador__/")
        wait_until(page, "!!document.querySelector('.mirador-window-top-bar h2')", timeout_ms=30_000)
        return page.locator(".mirador-window-top-bar h2").first.inner_text(), manifests, problems
    finally:
        context.close()


@pytest.mark.parametrize("language, title", [("es", "Rostros y lugares"), ("en", "Faces and Places")])
def test_mirador_titles_the_exhibition_in_its_language(browser, live_server, translated_exhibition, language, title):
    from exhibit import iiif

    manifest = iiif.manifest_url(translated_exhibition, live_server.url)
    shown, fetched, problems = window_title(browser, live_server, manifest, language)
    assert fetched == [200]
    assert shown == title
    assert problems == []
