"""The admin dashboard says what needs doing, each panel linking to the listing behind it."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


def dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_photographs_not_public_are_counted_by_reason_with_links(admin_client, make_photo):
    private = Collection.get_first_root_node().add_child(name="Family loans")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    make_photo(title="Tram stop")
    make_photo(title="Wedding", alt_text="")
    make_photo(title="Market", consent="pending")
    make_photo(title="Harvest", consent="pending", alt_text="")
    make_photo(title="Kitchen", consent="withheld")
    make_photo(title="Porch", is_published=False)
    make_photo(title="Bakery", collection=private)
    html = dashboard(admin_client)
    assert "6 photographs are not public yet" in html
    for label, count, key in [
        ("No alt text", 2, "alt_text"), ("Consent pending or withheld", 3, "consent"),
        ("Not published", 1, "published"), ("Private collection", 1, "collection"),
    ]:
        assert f'<a href="/admin/images/?not_public={key}">{label}: {count}</a>' in html

    listing = admin_client.get("/admin/images/?not_public=consent").content.decode()
    assert "Harvest" in listing and "Kitchen" in listing and "Tram stop" not in listing
    listing = admin_client.get("/admin/images/?not_public=any").content.decode()
    assert "Tram stop" not in listing and "Bakery" in listing


def test_every_condition_of_the_visibility_rule_has_a_label():
    from gallery.admin_views import NOT_PUBLIC_LABELS
    from gallery.models import VISIBILITY_RULE

    assert sorted(NOT_PUBLIC_LABELS) == sorted(rule.name for rule in VISIBILITY_RULE)


def test_the_dashboard_is_not_wagtails_stock_one(admin_client):
    html = dashboard(admin_client)
    assert "<h1 class=\"w-h1 w-mt-0\">What needs doing</h1>" in html
    assert "localhost" not in html
    assert "gravatar.com" not in html
    assert "Every photograph in the archive is public." in html


def test_drafts_waiting_link_to_their_editor(admin_client, make_exhibition):
    page = make_exhibition(title="Faces of Columbia")
    page.title = "Faces of Columbia, revised"
    page.save_revision()
    html = dashboard(admin_client)
    assert f'<a href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}">Faces of Columbia, revised</a>' in html
    assert "live, with unpublished changes" in html


def test_the_next_30_days_of_the_tour(admin_client, tour, frozen_now):
    frozen_now(datetime(2014, 3, 20, 12, tzinfo=CHICAGO))
    html = dashboard(admin_client)
    panel = html.split("The next 30 days of the tour")[1].split("</section>")[0]
    lines = re.findall(r"<li><strong>(.*?)</strong>: (.*?)</li>", panel)
    assert [(day, what.split(",")[0]) for day, what in lines] == [
        ("Monday, March 31, 2014", "Pack by"),
        ("Tuesday, April 1, 2014", "Deliver by"),
        ("Wednesday, April 2, 2014", "Install from"),
        ("Saturday, April 5, 2014", "Exhibition opens"),
    ]
    assert f'href="{reverse("exhibit:staff_schedule")}"' in panel
