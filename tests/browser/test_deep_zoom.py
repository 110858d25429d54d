"""Deep zoom in a real browser: OpenSeadragon on a photograph page asks our IIIF server for tiles."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import wait_until
from tests.conftest import jpeg_bytes

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing (make browser-deps installs it)")
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make browser-deps) to run browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django refuses ORM calls from inside one otherwise.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


def test_zooming_in_loads_tiles_from_the_iiif_server(browser, live_server, make_photo, run_tasks):
    photo = make_photo(data=jpeg_bytes(size=(4000, 3000), seed=5), title="Wide street")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, iiif = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: "/iiif/3/" in response.url and iiif.append(response))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"{response.status} {response.url}"))

    page.goto(f"{live_server.url}{photo.get_absolute_url()}")
    page.wait_for_selector(".deep-zoom.is-ready", timeout=15_000)
    assert page.is_hidden("#photograph-picture")
    # The viewer takes the picture's whole width, its help line below it (not squeezed beside it).
    layout = page.evaluate(
        """(() => { const figure = document.querySelector('.photograph-image').getBoundingClientRect();
                    const viewer = document.getElementById('deep-zoom').getBoundingClientRect();
                    const help = document.getElementById('deep-zoom-help').getBoundingClientRect();
                    return {figure: figure.width, viewer: viewer.width, below: help.top >= viewer.bottom}; })()"""
    )
    assert layout["viewer"] >= 0.9 * layout["figure"] and layout["below"], layout
    # ... and the photograph's shape (4000 x 3000), so a wide picture is not lost in a tall dark box.
    width, height = page.evaluate("(() => { const r = document.getElementById('deep-zoom').getBoundingClientRect(); return [r.width, r.height]; })()")
    assert abs(width / height - 4 / 3) < 0.02, (width, height)
    canvas = page.get_by_role("application", name="Zoomable view of “Wide street”")
    assert canvas.get_attribute("aria-label") == "Zoomable view of “Wide street”"
    before = len(iiif)

    canvas.focus()
    for _ in range(4):
        page.keyboard.press("+")  # OpenSeadragon's own keyboard control
    page.evaluate("document.getElementById('deep-zoom').osdViewer.viewport.zoomBy(4)")
    wait_until(page, "document.getElementById('deep-zoom').osdViewer.world.getItemAt(0).getFullyLoaded()")
    page.wait_for_timeout(500)

    zoomed = [urlsplit(response.url).path for response in iiif[before:]]
    full_resolution_tiles = [path for path in zoomed if "/512,512/" in path or path.endswith("/512,/0/default.jpg")]
    assert zoomed, "zooming in made no IIIF requests"
    assert full_resolution_tiles, zoomed
    assert [response.status for response in iiif] == [200] * len(iiif), [(r.url, r.status) for r in iiif]
    assert errors == []
