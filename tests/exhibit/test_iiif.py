"""An exhibition's IIIF Presentation 3.0 manifest and the collection of exhibitions."""

import json

import jsonschema
import pytest
from django.core.management import call_command

from tests.conftest import shared_path

pytestmark = pytest.mark.django_db

COLLECTION_URL = "/iiif/3/collections/exhibitions.json"


@pytest.fixture(scope="module")
def schema():
    return json.loads(shared_path("iiif", "presentation-3.0.schema.json").read_text())


@pytest.fixture
def demo():
    from exhibit import demo
    from exhibit.models import ExhibitionPage

    call_command("load_demo")
    return ExhibitionPage.objects.get(slug=demo.SLUG)


def manifest_url(page):
    return f"/iiif/3/manifests/exhibitions/{page.slug}/manifest.json"


def labelled(pairs):
    return {entry["label"]["en"][0]: entry["value"]["en"] for entry in pairs}


def canvas_titles(manifest):
    return [canvas["label"]["en"][0] for canvas in manifest["items"]]


def test_the_demo_exhibition_manifest_is_valid_and_says_where_and_when(client, demo, schema):
    from exhibit.models import ExhibitionPhotograph

    # Reverse the exhibition's order so a manifest in upload or title order would fail.
    items = list(demo.exhibition_photographs.all())
    for position, item in enumerate(reversed(items)):
        ExhibitionPhotograph.objects.filter(pk=item.pk).update(sort_order=position)

    response = client.get(manifest_url(demo))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    manifest = response.json()
    jsonschema.validate(manifest, schema)

    assert manifest["id"] == f"http://testserver{manifest_url(demo)}"
    assert manifest["label"] == {"en": [demo.title]}
    assert manifest["summary"] == {"en": [demo.summary]}
    assert canvas_titles(manifest) == [item.photograph.title for item in reversed(items)]
    pairs = labelled(manifest["metadata"])
    assert pairs["Venues and dates"] == [
        "Park Central Branch Library, Springfield, MO: March 7 - 29, 2014",
        "The Columbia Public Library, Columbia, MO: April 5 - 26, 2014",
    ]
    assert pairs["Dates"] == ["March 7 - April 26, 2014"]
    assert set(pairs["Artists"]) == {"Oscar Pedroza", "Juan Montana", "Amela Sinanagic", "Rita Chu"}
    assert "Sample credit line: demo archive" in manifest["requiredStatement"]["value"]["en"][0]
    assert manifest["rights"].startswith("http://rightsstatements.org/vocab/")
    assert manifest["homepage"][0]["id"] == f"http://testserver{demo.url}"
    assert client.get(manifest["thumbnail"][0]["id"].removeprefix("http://testserver")).status_code == 200

    first = manifest["items"][0]
    body = first["items"][0]["items"][0]["body"]
    assert body["service"][0]["type"] == "ImageService3"
    assert client.get(body["id"].removeprefix("http://testserver")).status_code == 200
    assert first["requiredStatement"]["value"]["en"][0]  # each canvas keeps its own credit
    assert first["rights"].startswith("http://")


def test_the_collection_lists_public_exhibitions_and_is_valid(client, demo, schema, make_exhibition):
    make_exhibition(title="Private view").unpublish()
    response = client.get(COLLECTION_URL)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    collection = response.json()
    jsonschema.validate(collection, schema)
    assert collection["type"] == "Collection"
    [entry] = collection["items"]
    assert entry["id"] == f"http://testserver{manifest_url(demo)}"
    assert entry["type"] == "Manifest" and entry["label"] == {"en": [demo.title]}
    assert client.get(entry["thumbnail"][0]["id"].removeprefix("http://testserver")).status_code == 200
    assert client.get(entry["id"].removeprefix("http://testserver")).status_code == 200


def test_photographs_that_are_not_public_are_left_out(client, demo):
    from gallery.models import Photograph

    hidden, withheld = [item.photograph for item in demo.exhibition_photographs.all()[:2]]
    Photograph.objects.filter(pk=hidden.pk).update(is_published=False)
    Photograph.objects.filter(pk=withheld.pk).update(consent=Photograph.Consent.WITHHELD)

    text = client.get(manifest_url(demo)).content.decode()
    manifest = json.loads(text)
    titles = canvas_titles(manifest)
    assert hidden.title not in titles and withheld.title not in titles
    assert len(titles) == demo.exhibition_photographs.count() - 2
    assert hidden.iiif_identifier not in text and withheld.iiif_identifier not in text


def test_unpublished_or_private_exhibitions_have_no_manifest(client, demo):
    from wagtail.models import PageViewRestriction

    demo.unpublish()
    response = client.get(manifest_url(demo))
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(COLLECTION_URL).json()["items"] == []

    demo.save_revision().publish()
    assert client.get(manifest_url(demo)).status_code == 200
    PageViewRestriction.objects.create(page=demo, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert client.get(manifest_url(demo)).status_code == 404
    assert client.get(COLLECTION_URL).json()["items"] == []
    assert client.get("/iiif/3/manifests/exhibitions/no-such-show/manifest.json").status_code == 404


def test_exhibition_captions_and_differing_rights_stay_with_their_canvas(client, demo, schema):
    from exhibit.models import ExhibitionPhotograph
    from gallery.models import Photograph

    first = demo.exhibition_photographs.first()
    ExhibitionPhotograph.objects.filter(pk=first.pk).update(caption="Our own caption for this wall.")
    Photograph.objects.filter(pk=first.photograph_id).update(rights="http://creativecommons.org/licenses/by/4.0/")

    manifest = client.get(manifest_url(demo)).json()
    jsonschema.validate(manifest, schema)
    assert manifest["items"][0]["summary"] == {"en": ["Our own caption for this wall."]}
    assert manifest["items"][0]["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert manifest["items"][1]["rights"] == "http://rightsstatements.org/vocab/CNE/1.0/"
    assert "rights" not in manifest  # no one statement is true of every photograph


def test_no_gps_or_camera_data_leaves_through_the_manifest(client, demo):
    from gallery.models import Photograph

    photo = Photograph.objects.filter(exhibition_items__page=demo, gps_latitude__isnull=False).first()
    assert photo is not None and photo.camera_make
    text = client.get(manifest_url(demo)).content.decode()
    assert f"{photo.gps_latitude}"[:6] not in text and photo.camera_make not in text


def test_the_exhibition_page_links_its_manifest(client, demo):
    html = client.get(demo.url).content.decode()
    manifest = f"http://testserver{manifest_url(demo)}"
    assert f'<link rel="alternate" type="application/ld+json" href="{manifest}"' in html
    assert f'class="iiif-link" href="{manifest}?manifest=' in html
    assert "/static/img/iiif-logo.svg" in html


def test_the_manifest_can_be_built_without_a_request(demo):
    from exhibit.iiif import exhibition_manifest

    manifest = exhibition_manifest(demo, "https://archive.example.org")
    assert manifest["id"] == f"https://archive.example.org{manifest_url(demo)}"
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    assert body["service"][0]["id"].startswith("https://archive.example.org/iiif/3/")
