"""The admin speaks of photographs, with the archive's field names: "Photographs" not "Images",
"GPS latitude", the uploader's alt-text reminder named after the Alt text field, a SHA-256 that wraps."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def visible_text(html):
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_admin_says_photographs_not_images(admin_client, make_photo):
    make_photo(title="Porch")
    for url in [reverse("wagtailimages:index"), reverse("wagtailimages:add_multiple"), reverse("wagtailadmin_home")]:
        html = admin_client.get(url).content.decode()
        text = visible_text(html)
        assert not re.search(r"\bImages?\b", text), (url, re.findall(r".{40}\bImages?\b.{40}", text)[:3])
        assert "Photographs" in html, url
    menu = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Photographs"' in menu or "&quot;label&quot;: &quot;Photographs&quot;" in menu


def test_the_uploader_asks_for_alt_text_by_its_name(admin_client):
    html = admin_client.get(reverse("wagtailimages:add_multiple")).content.decode()
    assert "Please provide an image description" not in html
    assert "Please fill in the alt text" in html


def test_edit_page_labels_gps_and_wraps_the_sha256(admin_client, make_photo):
    photo = make_photo(title="Porch")
    html = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert "GPS latitude" in html and "GPS longitude" in html and "Gps latitude" not in html
    assert f'<code class="archive-digest">{photo.sha256}</code>' in html
    assert "css/admin.css" in html
