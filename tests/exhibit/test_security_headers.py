"""Public pages carry a strict CSP and the usual headers; the admin login is throttled."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_csp_without_inline_scripts(client, make_photo):
    photo = make_photo()
    for url in ("/", photo.get_absolute_url()):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'self'" in script_src
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        # No inline script may depend on an exception the policy does not make (JSON-LD is data, not code).
        html = response.content.decode()
        assert "<script>" not in html and "onclick=" not in html and " style=" not in html


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
