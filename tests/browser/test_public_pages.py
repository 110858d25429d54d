"""The public pages in a real browser: they load cleanly, every image arrives, the keyboard alone
is enough, axe-core finds nothing serious, and screenshots at 390 and 1280 px are kept for people."""

import re
from datetime import time, timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from gallery.imaging.sizes import STANDARD_SPECS
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
    exhibition = make_exhibition(photos, amela, bosnian)
    return {"photo": photos[0], "artist": amela, "community": bosnian, "exhibition": exhibition}


def make_exhibition(photos, artist, community):
    """A touring exhibition on now: two stops (the first open today), events, and photographs on its wall."""
    from exhibit.models import Event, ExhibitionPage, ExhibitionPhotograph, HomePage, Showing, Venue

    today = timezone.localdate()
    springfield = Venue.objects.create(name="Park Central Branch Library", street_address="128 Park Central Square",
                                       city="Springfield", state="MO", hours="Mon-Sat 9 am-9 pm")
    columbia = Venue.objects.create(name="The Columbia Public Library", street_address="100 W Broadway",
                                    city="Columbia", state="MO", postal_code="65203")
    page = ExhibitionPage(title="The Missouri Immigrant Experience", slug="faces-and-places", hero_image=photos[1],
                          summary="Four photographers from immigrant communities, and a century of their towns.")
    HomePage.objects.get().add_child(instance=page)
    first = Showing.objects.create(exhibition=page, venue=springfield, opens=today - timedelta(days=10),
                                   closes=today + timedelta(days=10), sort_order=0)
    Event.objects.create(showing=first, kind="opening_reception", date=first.opens, start_time=time(19), end_time=time(21))
    Event.objects.create(showing=first, kind="closing_reception", date=first.closes)
    Showing.objects.create(exhibition=page, venue=columbia, opens=today + timedelta(days=20),
                           closes=today + timedelta(days=45), sort_order=1)
    page = ExhibitionPage.objects.get(pk=page.pk)
    page.featured_artists.add(artist)
    page.communities.add(community)
    page.save_revision().publish()
    for order, photo in enumerate(photos):
        ExhibitionPhotograph.objects.create(page=page, photograph=photo, sort_order=order,
                                            caption=f"Wall caption for picture {order}.")
    return ExhibitionPage.objects.get(pk=page.pk)


def pages(site):
    return {
        "home": "/",
        "gallery": "/photographs/",
        "filtered": "/photographs/?community=german&decade=1910s",
        "photograph": site["photo"].get_absolute_url() + "?from=community%3Dbosnian",
        "artist": site["artist"].get_absolute_url(),
        "community": site["community"].get_absolute_url(),
        "exhibition": site["exhibition"].url,
        "in-exhibition": site["photo"].get_absolute_url() + f"?exhibition={site['exhibition'].pk}",
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


FOCUSABLE = ('a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), '
             'textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])')


def walk_with_the_keyboard(page, limit=400):
    """
    Tab from the top of the page to its end. Returns the focusable elements Tab never reached, and
    the ones it reached that showed no focus indicator (outline or box-shadow), as short descriptions.
    """
    total = page.evaluate(
        """(selector) => {
          window.scrollTo(0, 0);
          if (document.activeElement) document.activeElement.blur();
          const shown = el => { const s = getComputedStyle(el); const r = el.getBoundingClientRect();
                                return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0; };
          const all = Array.from(document.querySelectorAll(selector)).filter(shown);
          all.forEach((el, i) => { el.dataset.kbd = i; });
          return all.length;
        }""",
        FOCUSABLE,
    )
    reached, unmarked = set(), []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement; const s = getComputedStyle(el);
                       return {kbd: el.dataset ? (el.dataset.kbd ?? null) : null, tag: el.tagName,
                               what: (el.getAttribute('href') || el.getAttribute('name') || el.textContent || '').trim().slice(0, 60),
                               indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; }"""
        )
        if info["tag"] == "BODY" or (info["kbd"] is not None and int(info["kbd"]) in reached):
            break  # past the last element (focus left the page) or round again
        if info["kbd"] is not None:
            reached.add(int(info["kbd"]))
        if not info["indicator"]:
            unmarked.append(f"{info['tag']} {info['what']}")
    never = page.evaluate(
        """(reached) => Array.from(document.querySelectorAll('[data-kbd]'))
             .filter(el => !reached.includes(Number(el.dataset.kbd)))
             .map(el => el.tagName + ' ' + (el.getAttribute('href') || el.getAttribute('name') || el.textContent || '').trim().slice(0, 60))""",
        sorted(reached),
    )
    assert total > 0
    return never, unmarked


@pytest.mark.parametrize(
    "name", ["home", "gallery", "filtered", "photograph", "artist", "community", "exhibition", "in-exhibition"]
)
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
                # The keyboard alone reaches every link and control, and shows where it is.
                never, unmarked = walk_with_the_keyboard(page)
                assert never == [], f"{name}: Tab never reaches {never}"
                assert unmarked == [], f"{name}: focus is invisible on {unmarked}"
            # No horizontal scrolling on a phone, of the page or of any box in it, but the exhibition's
            # photo sequence, which is a sideways strip on purpose.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), f"{name} at {width}px scrolls sideways"
            sideways = page.evaluate(
                """Array.from(document.querySelectorAll('body *'))
                     .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
                                   && el.scrollWidth > el.clientWidth + 1 && !el.matches('.photo-sequence-list'))
                     .map(el => el.tagName + '.' + el.className)"""
            )
            assert sideways == [], f"{name} at {width}px: boxes that scroll sideways: {sideways}"
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


def test_an_exhibition_prints_its_title_itinerary_and_photographs_without_navigation(site, live_server, browser,
                                                                                    screenshots):
    context, page, problems = open_page(browser, live_server.url + site["exhibition"].url, 1280)
    try:
        assert load_every_image(page) == []
        page.emulate_media(media="print")
        # Neither the main navigation nor the language switcher is printed.
        header_navs = page.locator(".site-header nav")
        assert header_navs.count() == 2
        assert all(nav.is_hidden() for nav in header_navs.all()) and page.locator(".calendar-link").is_hidden()
        assert page.locator(".iiif-link").is_hidden()
        assert page.locator("h1").inner_text() == site["exhibition"].title
        itinerary = page.locator(".itinerary")
        assert itinerary.is_visible() and "Park Central Branch Library" in itinerary.inner_text()
        assert "The Columbia Public Library" in itinerary.inner_text()
        wall = page.locator(".exhibit-wall li")
        assert wall.count() == 6
        for number in range(wall.count()):
            figure = wall.nth(number)
            assert figure.locator("img").is_visible()
            assert f"Wall caption for picture {number}." in figure.locator("figcaption").inner_text()
        assert "Amela Sinanagic" in page.locator(".exhibit-wall .label-creator").first.inner_text()
        # Paper starts with the words: the hero photograph is left to the screen.
        assert page.locator(".exhibition-hero-image").is_hidden()
        # No photograph is split across pages: each keeps together and is well under a page's height.
        styles = page.evaluate(
            "Array.from(document.querySelectorAll('.exhibit-wall li')).map(li => getComputedStyle(li).breakInside)"
        )
        assert set(styles) == {"avoid"}
        tallest = page.evaluate(
            "Math.max(...Array.from(document.querySelectorAll('.exhibit-wall img')).map(i => i.getBoundingClientRect().height))"
        )
        assert 0 < tallest <= 90 / 25.4 * 96 + 1  # 90 mm in CSS pixels
        page.screenshot(path=str(screenshots / "exhibition-print.png"), full_page=True)
        pdf = screenshots / "exhibition-print.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=False)
        data = pdf.read_bytes()
        # The title and itinerary, then the photographs from a new page: at least two pages.
        assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) >= 2
        assert problems == []
    finally:
        context.close()


def test_a_visitor_types_a_name_and_a_misspelling_in_the_header_search(site, live_server, browser):
    context, page, problems = open_page(browser, live_server.url + site["exhibition"].url, 1280)
    try:
        box = page.get_by_role("searchbox", name="Search the whole site")
        box.fill("sinanagić")
        box.press("Enter")
        page.wait_for_url("**/search/?q=*")
        artists = page.locator("#results-artists")
        assert "Amela Sinanagic" in artists.inner_text()
        assert page.get_by_role("searchbox", name="Search the whole site").input_value() == "sinanagić"
        artists.get_by_role("link", name="Amela Sinanagic").click()
        page.wait_for_url("**" + site["artist"].get_absolute_url())

        # On a phone too: the header's box, a misspelled word, the gallery's photographs found.
        page.set_viewport_size({"width": 375, "height": 800})
        box = page.get_by_role("searchbox", name="Search the whole site")
        box.fill("gardn")
        box.press("Enter")
        page.wait_for_url("**/search/?q=gardn")
        assert "nearest matches" in page.locator("main").inner_text()
        assert "Garden 0" in page.locator("#results-photographs").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert problems == []
    finally:
        context.close()
