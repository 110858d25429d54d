"""The public pages in a real browser: they load cleanly, every image arrives, the keyboard alone
is enough, axe-core finds nothing serious, and screenshots at 390 and 1280 px are kept for people."""

from pathlib import Path

import pytest
from django.urls import reverse

from gallery.image_sizes import STANDARD_SPECS
from gallery.models import Artist, Community
from tests.browser.conftest import wait_until
from tests.conftest import jpeg_bytes
from tests.factories import clone_photos

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    # Transactional: the live server answers from another thread. Its flush removes what migrations
    # made (root collection, home page, site), so the `site` fixture puts them back.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"phone": 390, "desktop": 1280}


def ensure_site_tree():
    from wagtail.models import Collection, Locale, Page, Site

    from exhibit.models import HomePage

    Locale.objects.get_or_create(language_code="en")
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    if not HomePage.objects.exists():
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = root.add_child(instance=HomePage(title="Faces & Places", slug="home", intro="<p>A community archive.</p>"))
        Site.objects.all().delete()
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


@pytest.fixture
def site(run_tasks, make_photo):
    """A small archive: real photographs of several shapes, plus clones so the gallery has pages."""
    ensure_site_tree()
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian", description="Bosnian families of Missouri.")
    german = Community.objects.create(name="German", slug="german", description="German immigrants, 1890s on.")
    amela = Artist.objects.create(name="Amela Sinanagic", bio="A photographer of her own community.")
    amela.communities.add(bosnian)
    shapes = [(600, 400), (400, 600), (640, 360), (500, 500), (600, 400), (480, 640)]
    photos = []
    for number, size in enumerate(shapes):
        contemporary = number % 2 == 0
        photo = make_photo(
            data=jpeg_bytes(size=size, color=(60 + number * 30, 90, 120), seed=number * 13),
            title=f"{'Garden' if contemporary else 'Rail yard'} {number}",
            alt_text=f"{'People planting a garden' if contemporary else 'Workers at a rail yard'}, picture {number}",
            caption="A sample photograph made for the tests.",
            kind="contemporary" if contemporary else "historical",
            artist=amela if contemporary else None,
            creator_credit="" if contemporary else "Unknown photographer",
            date_edtf="2014-03" if contemporary else ("1905~", "191X", "1890/1910")[number % 3],
            place="Columbia, MO" if number % 3 else "Springfield, MO",
            rights="http://rightsstatements.org/vocab/CNE/1.0/",
            camera_make="DemoCam" if contemporary else "",
            communities=[bosnian] if contemporary else [german],
        )
        photos.append(photo)
    photos[0].get_renditions(*STANDARD_SPECS)
    clone_photos(photos[0], 24, communities=[bosnian], title=lambda n: f"Garden clone {n}")
    return {"photo": photos[0], "artist": amela, "community": bosnian}


def pages(site):
    return {
        "home": "/",
        "gallery": "/photographs/",
        "filtered": "/photographs/?community=german&decade=1910s",
        "photograph": site["photo"].get_absolute_url() + "?from=community%3Dbosnian",
        "artist": site["artist"].get_absolute_url(),
        "community": site["community"].get_absolute_url(),
    }


def open_page(browser, url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    # ERR_ABORTED is the browser cancelling a request itself (the page moved on), not a failure of ours.
    page.on("requestfailed", lambda request: request.failure == "net::ERR_ABORTED"
            or problems.append(f"request failed: {request.url} {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"HTTP {response.status}: {response.url}"))
    page.goto(url, wait_until="networkidle")
    return context, page, problems


def load_every_image(page):
    """Scroll lazy images into view, then report any that did not load."""
    page.evaluate(
        """async () => {
          for (const img of document.images) { img.scrollIntoView(); await new Promise(r => setTimeout(r, 30)); }
          window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_load_state("networkidle")
    wait_until(page, "Array.from(document.images).every(img => img.complete)")
    return page.evaluate(
        "Array.from(document.images).filter(img => !(img.naturalWidth > 0)).map(img => img.currentSrc || img.src)"
    )


@pytest.mark.parametrize("name", ["home", "gallery", "filtered", "photograph", "artist", "community"])
def test_page_loads_cleanly_shows_every_image_and_passes_axe(name, site, live_server, browser, axe_path, screenshots):
    url = live_server.url + pages(site)[name]
    for label, width in WIDTHS.items():
        context, page, problems = open_page(browser, url, width)
        try:
            assert page.locator("h1").count() == 1
            image_count = page.evaluate("document.images.length")
            assert image_count > 0, f"{name} shows no photograph"
            broken = load_every_image(page)
            assert broken == [], f"{name} at {width}px: images that did not load: {broken}"
            page.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
            if label == "desktop":
                # Through DevTools, not a <script> tag: the site's CSP rightly refuses inline scripts.
                page.evaluate(Path(axe_path).read_text())
                violations = page.evaluate(
                    "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                    ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))"
                )
                serious = [v for v in violations if v["impact"] in ("serious", "critical")]
                assert serious == [], f"{name}: axe-core violations: {serious}"
            # No horizontal scrolling on a phone.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{name} at {width}px scrolls sideways"
            assert problems == [], f"{name} at {width}px: {problems}"
        finally:
            context.close()


def focused(page):
    return page.evaluate(
        "(() => { const el = document.activeElement; return {tag: el.tagName, id: el.id, text: (el.textContent || '').trim(), href: el.getAttribute('href') || ''}; })()"
    )


def tab_until(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if predicate(element):
            return element
    raise AssertionError("the keyboard never reached the element")


def test_the_gallery_is_usable_with_the_keyboard_alone(site, live_server, browser):
    context, page, problems = open_page(browser, live_server.url + "/photographs/", 1280)
    try:
        # The first Tab lands on the skip link, and it moves focus to the main content.
        page.keyboard.press("Tab")
        assert focused(page)["text"] == "Skip to content"
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "main"

        # From the top, Tab reaches the main navigation.
        page.goto(live_server.url + "/photographs/")
        tab_until(page, lambda el: el["text"] == "Photographs" and el["href"] == "/photographs/")

        # A facet is reachable and Enter applies it.
        tab_until(page, lambda el: el["text"].startswith("German"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/photographs/?community=german")
        assert "German" in page.locator(".active-filters").inner_text()

        # Back to everything, then the pagination is reachable and works.
        page.goto(live_server.url + "/photographs/")
        tab_until(page, lambda el: el["text"].startswith("Next"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/photographs/?page=2")
        assert page.locator('.pagination a[aria-current="page"]').inner_text().strip().endswith("2")

        # A photograph is reachable and opens; its next link is reachable too.
        tab_until(page, lambda el: el["href"].startswith("/photographs/") and "?from=" in el["href"])
        page.keyboard.press("Enter")
        page.wait_for_url("**/photographs/*/?from=*")
        tab_until(page, lambda el: el["text"].startswith("Next") or el["text"].startswith("Previous"))
        assert problems == []
    finally:
        context.close()
