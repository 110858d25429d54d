"""Playwright with Debian's chromium against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would otherwise refuse to run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def require(path, what, how):
    if Path(path).exists() or shutil.which(str(path)):
        return
    message = f"{what} not found at {path} ({how})"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "Debian's chromium", "`make browser-deps` installs it as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_path():
    require(AXE, "axe-core", "`make js-deps` runs npm ci")
    return str(AXE)


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def wait_until(page, expression, timeout_ms=15_000):
    """Poll `expression` with page.evaluate: the site's CSP (rightly) forbids the eval that
    Playwright's wait_for_function uses inside the page."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


@pytest.fixture(autouse=True)
def public_address(request, settings):
    """The site's public base URL is the live server the browser opens: the deep-zoom viewer loads
    tiles from the URLs info.json names, and the page's CSP allows only its own origin."""
    if "live_server" in request.fixturenames:
        settings.SITE_BASE_URL = request.getfixturevalue("live_server").url
