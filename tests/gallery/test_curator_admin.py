"""The image listing for curators: consent and alt-text filters, what each photograph lacks, bulk edits."""

import re

import pytest
from django.urls import reverse

from gallery.models import Community, Photograph

pytestmark = pytest.mark.django_db


def listing(client, **params):
    return client.get(reverse("wagtailimages:index"), params).content.decode()


def test_listing_filters_by_consent_and_by_missing_alt_text(make_photo, admin_client):
    make_photo(title="Settled one")
    make_photo(title="Pending one", consent=Photograph.Consent.PENDING)
    make_photo(title="Withheld one", consent=Photograph.Consent.WITHHELD)
    make_photo(title="Undescribed one", alt_text="")

    pending = listing(admin_client, consent="pending")
    assert "Pending one" in pending and "Withheld one" not in pending and "Settled one" not in pending
    withheld = listing(admin_client, consent="withheld")
    assert "Withheld one" in withheld and "Pending one" not in withheld
    missing = listing(admin_client, alt_text="missing")
    assert "Undescribed one" in missing and "Settled one" not in missing and "Pending one" not in missing
    everything = listing(admin_client)
    assert all(title in everything for title in ("Settled one", "Pending one", "Withheld one", "Undescribed one"))
    assert 'name="consent"' in everything and 'name="alt_text"' in everything  # the filters are offered


def test_listing_shows_which_photographs_lack_alt_text_or_consent(make_photo, admin_client):
    make_photo(title="Undescribed one", alt_text="")
    make_photo(title="Pending one", consent=Photograph.Consent.PENDING)
    make_photo(title="Settled one")
    for html in (listing(admin_client), listing(admin_client, layout="list")):
        html = re.sub(r"<option[^>]*>[^<]*</option>", "", html)  # the filter's choices say the same words
        assert html.count("No alt text") == 1
        assert html.count("Consent pending") == 1
        # Newest first, so the undescribed one (made first) is listed last, with its flag after its title.
        assert "No alt text" in html.rsplit("Undescribed one", 1)[1]


def bulk_url(action, photos):
    ids = "&".join(f"id={photo.pk}" for photo in photos)
    return reverse("wagtail_bulk_action", args=["gallery", "photograph", action]) + "?" + ids


def test_bulk_add_and_remove_communities_and_keywords(make_photo, admin_client):
    bosnian, somali, karen = (Community.objects.create(name=name, slug=name.lower()) for name in ("Bosnian", "Somali", "Karen"))
    first, second, untouched = make_photo(communities=[bosnian]), make_photo(), make_photo()
    page = admin_client.get(bulk_url("edit_communities", [first, second]))
    assert page.status_code == 200 and first.title in page.content.decode()
    assert "data-community-search" in page.content.decode()

    response = admin_client.post(bulk_url("edit_communities", [first, second]),
                                 {"operation": "add", "names": [somali.pk, karen.pk]})
    assert response.status_code == 302
    assert sorted(first.communities.names()) == ["Bosnian", "Karen", "Somali"]
    assert sorted(second.communities.names()) == ["Karen", "Somali"]
    assert list(untouched.communities.names()) == []

    admin_client.post(bulk_url("edit_communities", [first, second]), {"operation": "remove", "names": [bosnian.pk, karen.pk]})
    assert list(first.communities.names()) == ["Somali"] and list(second.communities.names()) == ["Somali"]

    admin_client.post(bulk_url("add_tags", [first, second]), {"operation": "add", "names": "reception"})
    assert list(first.tags.names()) == ["reception"] and list(untouched.tags.names()) == []


def test_a_bulk_edit_cannot_invent_a_community(make_photo, admin_client):
    photo = make_photo()
    response = admin_client.post(bulk_url("edit_communities", [photo]), {"operation": "add", "names": "BosnianChinese"})
    assert response.status_code == 200
    assert not Community.objects.exists() and list(photo.communities.names()) == []


def test_bulk_set_rights_credit_source_kind_and_consent(make_photo, admin_client, client):
    first, second = make_photo(credit_line="Old credit"), make_photo(consent=Photograph.Consent.PENDING)
    assert client.get(second.get_absolute_url()).status_code == 404
    response = admin_client.post(bulk_url("set_details", [first, second]), {
        "rights": "http://creativecommons.org/licenses/by/4.0/", "credit_line": "Courtesy of the coalition",
        "source": "", "kind": "historical", "consent": "on_file",
    })
    assert response.status_code == 302
    for photo in (first, second):
        photo.refresh_from_db()
        assert photo.rights == "http://creativecommons.org/licenses/by/4.0/"
        assert photo.credit_line == "Courtesy of the coalition" and photo.kind == "historical"
        assert photo.consent == "on_file" and photo.source == ""
    assert client.get(second.get_absolute_url()).status_code == 200

    # Nothing chosen: the form says so and nothing changes.
    response = admin_client.post(bulk_url("set_details", [first]), {"rights": "", "kind": "", "consent": ""})
    assert response.status_code == 200 and "Choose at least one thing to set." in response.content.decode()
