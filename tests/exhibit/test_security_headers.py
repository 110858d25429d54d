"""Public pages carry a strict CSP and the usual headers; the admin login is throttled."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def directive(csp, name):
    return next(part.split() for part in csp.split(";") if part.strip().startswith(name + " "))


def test_public_pages_have_a_csp_without_inline_scripts_or_styles(client, make_photo, tour):
    from exhibit.models import ExhibitionPhotograph
    from gallery.models import Artist, Community

    artist = Artist.objects.create(name="Amela Sinanagic")
    community = Community.objects.create(name="Bosnian", slug="bosnian")
    photo = make_photo(artist=artist, communities=[community])
    ExhibitionPhotograph.objects.create(page=tour, photograph=photo, sort_order=0)
    for url in ("/", photo.get_absolute_url(), f"{photo.get_absolute_url()}?exhibition={tour.pk}", tour.url,
                artist.get_absolute_url(), community.get_absolute_url(), "/photographs/?community=bosnian"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        script_src, style_src = directive(csp, "script-src"), directive(csp, "style-src")
        assert "'unsafe-inline'" not in script_src and "'self'" in script_src
        assert "'unsafe-inline'" not in style_src and "'self'" in style_src
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        # No inline script may depend on an exception the policy does not make (JSON-LD is data, not code).
        html = response.content.decode()
        assert "<script>" not in html and "onclick=" not in html and " style=" not in html and "<style" not in html


def test_the_only_inline_style_allowed_is_the_one_openseadragon_injects():
    """OpenSeadragon adds one fixed <style> element; the CSP allows exactly that text by its hash."""
    import base64
    import hashlib
    import re

    from django.conf import settings

    from sitewide.security import OPENSEADRAGON_STYLE_HASH, PUBLIC_CSP

    served = settings.OPENSEADRAGON_BUILD / "openseadragon.min.js"
    if not served.exists():
        pytest.skip("node_modules missing: `make assets` installs OpenSeadragon")
    injected = re.findall(r'data-openseadragon-mobile-css[^;]*;\w+\.textContent="([^"]*)"', served.read_text())
    assert len(injected) == 1, "OpenSeadragon's injected <style> changed: recompute OPENSEADRAGON_STYLE_HASH"
    digest = base64.b64encode(hashlib.sha256(injected[0].encode()).digest()).decode()
    assert OPENSEADRAGON_STYLE_HASH == f"sha256-{digest}"
    assert directive(PUBLIC_CSP, "style-src") == ["style-src", "'self'", f"'sha256-{digest}'"]


def test_rendition_files_are_served_with_an_image_type_and_nosniff(client, make_photo):
    photo = make_photo()
    response = client.get(photo.get_rendition("max-400x400|format-webp").url)
    assert response["Content-Type"] == "image/webp" and response["X-Content-Type-Options"] == "nosniff"


def test_admin_login_is_rate_limited_after_five_failures(client, superuser):
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        response = client.post(url, {"username": "boss", "password": "wrong"})
        assert response.status_code == 200
    blocked = client.post(url, {"username": "boss", "password": "pw"})
    assert blocked.status_code == 429 and "Too many failed sign-in attempts" in blocked.content.decode()
    assert "Retry-After" in blocked
