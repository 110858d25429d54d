"""
Integers from a request that are not integers, or too large for any database column, answer 400 or
404 (or, in a form, a form error), never 500: the query string, bulk-action ids, chooser fields of a
page edit POST, and IIIF parameters.
"""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from exhibit.models import ExhibitionPage
from gallery.models import Photograph

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # past 2**63: OverflowError on SQLite, DataError on PostgreSQL
NOT_IDS = ["abc", HUGE, "²", "-1", "1.5"]


@pytest.fixture
def demo(django_user_model):
    call_command("load_demo", verbosity=0)
    clients = {}
    for username in ("admin", "springfield-staff"):
        client = Client(raise_request_exception=False)
        client.force_login(django_user_model.objects.get(username=username))
        clients[username] = client
    clients["anonymous"] = Client(raise_request_exception=False)
    return clients


def test_a_photograph_opened_from_a_malformed_exhibition_id_is_a_bad_request(demo):
    photo = Photograph.objects.public().first()
    for value in NOT_IDS:
        for who, client in demo.items():
            status = client.get(photo.get_absolute_url(), {"exhibition": value}).status_code
            assert status == 400, (value, who, status)
    # An id that is well formed but names no exhibition (a stale link) still shows the photograph.
    assert demo["anonymous"].get(photo.get_absolute_url(), {"exhibition": "987654321"}).status_code == 200


def test_bulk_action_ids_that_are_not_ids_are_a_bad_request(demo):
    for model in ("gallery/photograph", "wagtailcore/page"):
        for action in ("delete", "add_tags") if model.startswith("gallery") else ("delete", "publish"):
            for value in NOT_IDS:
                for query in ({"id": value}, {"id": ["1", value]}, {"id": "all", "childOf": value}):
                    for who in ("admin", "springfield-staff"):
                        response = demo[who].get(f"/admin/bulk/{model}/{action}/", query)
                        assert response.status_code == 400, (model, action, who, query, response.status_code)
    # Well-formed ids that name nothing: Wagtail's own 404.
    assert demo["admin"].get("/admin/bulk/gallery/photograph/delete/", {"id": "987654321"}).status_code == 404


def page_edit_data(page, **fields):
    data = nested_form_data({
        "title": page.title, "slug": page.slug, "summary": page.summary,
        "body": streamfield([("text", rich_text("<p>About.</p>"))]),
        "exhibition_photographs": inline_formset([{"photograph": fields.pop("photograph", ""), "caption": ""}]),
        "showings": inline_formset([]),
        "comments": inline_formset([]),
    })
    data.update(fields)
    return data


def test_a_page_edit_post_with_a_chooser_value_that_is_not_an_id_is_a_form_error(demo):
    # A form error is how the admin answers every bad field: the form again, with the message, unsaved.
    page = ExhibitionPage.objects.live().first()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    for field in ("hero_image", "photograph"):
        for value in NOT_IDS:
            response = demo["admin"].post(url, page_edit_data(page, **{field: value}))
            assert response.status_code == 200, (field, value, response.status_code)
            assert "The page could not be saved due to validation errors" in response.content.decode()
    assert ExhibitionPage.objects.get(pk=page.pk).latest_revision_id == page.latest_revision_id


def test_iiif_parameters_and_path_ids_too_large_for_anything_are_not_errors(demo):
    ident = Photograph.objects.public().first().iiif_identifier
    urls = [f"/iiif/3/{ident}/{path}" for path in (
        f"full/{HUGE},/0/default.jpg", f"0,0,{HUGE},{HUGE}/max/0/default.jpg", f"full/max/{HUGE}/default.jpg",
        f"full/pct:{HUGE}/0/default.jpg", f"{HUGE},0,10,10/max/0/default.jpg", f"full/!{HUGE},{HUGE}/0/default.jpg",
    )]
    urls += [f"/photographs/{HUGE}/", f"/admin/images/{HUGE}/", f"/admin/pages/{HUGE}/edit/",
             f"/photographs/?page={HUGE}", f"/photographs/?decade={HUGE}0s"]
    for url in urls:
        status = demo["admin"].get(url).status_code
        assert status < 500, (url, status)
