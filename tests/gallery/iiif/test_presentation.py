"""A photograph's IIIF Presentation 3.0 manifest, checked against the official JSON schema."""

import json

import jsonschema
import pytest

from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return json.loads(shared_path("iiif", "presentation-3.0.schema.json").read_text())


@pytest.fixture
def photo(make_photo):
    from gallery.models import Artist, Community

    artist = Artist.objects.create(name="Ana Example")
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    return make_photo(
        title="Market morning", caption="Stalls open on Saturday.", artist=artist, date_edtf="2013-10",
        credit_line="Courtesy of the photographer", rights="http://rightsstatements.org/vocab/InC/1.0/",
        communities=[bosnian],
    )


def manifest_url(photo):
    return f"/iiif/3/manifests/photographs/{photo.iiif_identifier}/manifest.json"


def test_a_photograph_manifest_is_valid_presentation_3(client, photo, schema):
    response = client.get(manifest_url(photo))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/ld+json")
    manifest = response.json()
    jsonschema.validate(manifest, schema)


def test_the_manifest_says_who_when_which_communities_and_on_what_terms(client, photo):
    manifest = client.get(manifest_url(photo)).json()
    assert manifest["label"] == {"en": ["Market morning"]}
    assert manifest["summary"] == {"en": ["Stalls open on Saturday."]}
    pairs = {entry["label"]["en"][0]: entry["value"]["en"][0] for entry in manifest["metadata"]}
    assert pairs["Creator"] == "Ana Example"
    assert pairs["Date"] == photo.date_display
    assert pairs["Communities"] == "Bosnian"
    assert manifest["requiredStatement"]["value"] == {"en": ["Courtesy of the photographer"]}
    assert manifest["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert manifest["homepage"][0]["id"] == f"http://127.0.0.1:8000/photographs/{photo.pk}/"
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    service = body["service"][0]
    assert service == {"id": f"http://127.0.0.1:8000/iiif/3/{photo.iiif_identifier}", "type": "ImageService3",
                       "profile": "level2"}
    assert client.get(body["id"].removeprefix("http://127.0.0.1:8000")).status_code == 200
    thumbnail = manifest["thumbnail"][0]["id"].removeprefix("http://127.0.0.1:8000")
    assert client.get(thumbnail).status_code == 200


def test_no_gps_or_camera_data_leaves_through_the_manifest(client, make_photo):
    photo = make_photo(gps_latitude="38.627003", gps_longitude="-90.199402", camera_make="Secret Cam")
    text = client.get(manifest_url(photo)).content.decode()
    assert "38.627" not in text and "90.199" not in text and "Secret Cam" not in text


def test_the_photograph_page_links_its_manifest_and_deep_zoom(client, photo):
    html = client.get(photo.get_absolute_url()).content.decode()
    manifest = f"http://127.0.0.1:8000{manifest_url(photo)}"
    assert f'href="{manifest}?manifest=' in html
    assert f'data-info="/iiif/3/{photo.iiif_identifier}/info.json"' in html
    assert "openseadragon.min.js" in html and "deepzoom.js" in html
    assert "<script>" not in html  # no inline scripts: the CSP will forbid them
    assert "<picture" in html  # the image without scripts


def test_the_manifest_has_the_spanish_words_where_a_curator_translated_them(client, photo, schema):
    from gallery.models import PhotographTranslation

    photo.place = "Springfield, Missouri"
    photo.save()
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Mañana de mercado",
                                         caption="Los puestos abren el sábado.", place="Springfield, Misuri")
    manifest = client.get(manifest_url(photo)).json()
    jsonschema.validate(manifest, schema)
    assert manifest["label"] == {"en": ["Market morning"], "es": ["Mañana de mercado"]}
    assert manifest["summary"] == {"en": ["Stalls open on Saturday."], "es": ["Los puestos abren el sábado."]}
    assert manifest["items"][0]["label"] == manifest["label"]
    place = next(entry for entry in manifest["metadata"] if entry["label"]["en"] == ["Place"])
    assert place == {"label": {"en": ["Place"], "es": ["Lugar"]},
                     "value": {"en": ["Springfield, Missouri"], "es": ["Springfield, Misuri"]}}
    # Not translated: English only, so a viewer in Spanish falls back to it.
    assert manifest["requiredStatement"]["value"] == {"en": ["Courtesy of the photographer"]}
    assert manifest["requiredStatement"]["label"] == {"en": ["Credit"], "es": ["Crédito"]}
