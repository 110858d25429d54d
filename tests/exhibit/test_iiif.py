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
def small_show(make_exhibition, make_photo, springfield):
    """A published exhibition of three public photographs (rights differ) and one withheld."""
    from datetime import date

    from exhibit.models import ExhibitionPhotograph
    from gallery.models import Photograph

    page = make_exhibition(title="Small show", stops=[(springfield, date(2014, 3, 7), date(2014, 3, 29), {}, [])])
    photos = [
        make_photo(title="Wall one", credit_line="Lent by A", rights="http://creativecommons.org/licenses/by/4.0/"),
        make_photo(title="Wall two", credit_line="Lent by B", rights="http://rightsstatements.org/vocab/InC/1.0/",
                   gps_latitude="38.627003", gps_longitude="-90.199402", camera_make="Secret Cam"),
        make_photo(title="Withheld", consent=Photograph.Consent.WITHHELD),
        make_photo(title="Wall three", caption="The archive's caption."),
    ]
    captions = {"Wall one": "Our own caption for this wall."}
    for order, photo in enumerate(photos):
        ExhibitionPhotograph.objects.create(page=page, photograph=photo, sort_order=order,
                                            caption=captions.get(photo.title, ""))
    page.save_revision().publish()
    return page


def manifest_url(page):
    return f"/iiif/3/manifests/exhibitions/{page.slug}/manifest.json"


def labelled(pairs):
    return {entry["label"]["en"][0]: entry["value"]["en"] for entry in pairs}


def canvas_titles(manifest):
    return [canvas["label"]["en"][0] for canvas in manifest["items"]]


def test_the_demo_exhibition_and_the_collection_are_valid_presentation_3(client, schema, make_exhibition):
    from exhibit import demo as exhibit_demo
    from exhibit.models import ExhibitionPage, ExhibitionPhotograph
    from gallery.models import Photograph

    call_command("load_demo")
    demo = ExhibitionPage.objects.get(slug=exhibit_demo.SLUG, locale__language_code="en")
    make_exhibition(title="Private view").unpublish()
    # Reverse the exhibition's order, so a manifest in upload or title order would fail.
    items = list(demo.exhibition_photographs.select_related("photograph"))
    for position, item in enumerate(reversed(items)):
        ExhibitionPhotograph.objects.filter(pk=item.pk).update(sort_order=position)
    hidden, withheld = items[0].photograph, items[1].photograph
    Photograph.objects.filter(pk=hidden.pk).update(is_published=False)
    Photograph.objects.filter(pk=withheld.pk).update(consent=Photograph.Consent.WITHHELD)

    response = client.get(manifest_url(demo))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == 'application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"'
    manifest = response.json()
    jsonschema.validate(manifest, schema)

    assert manifest["id"] == f"http://127.0.0.1:8000{manifest_url(demo)}"
    # The demo is translated into Spanish: both languages' words, each under its own language.
    assert manifest["label"] == {"en": [demo.title], "es": [exhibit_demo.SPANISH_TITLE]}
    assert manifest["summary"] == {"en": [demo.summary], "es": [exhibit_demo.SPANISH_SUMMARY]}
    assert canvas_titles(manifest) == [item.photograph.title for item in reversed(items[2:])]
    assert hidden.iiif_identifier not in response.content.decode()
    assert withheld.iiif_identifier not in response.content.decode()
    pairs = labelled(manifest["metadata"])
    assert pairs["Venues and dates"] == [
        "Park Central Branch Library, Springfield, MO: March 7 - 29, 2014",
        "The Columbia Public Library, Columbia, MO: April 5 - 26, 2014",
    ]
    assert pairs["Dates"] == ["March 7 - April 26, 2014"]
    assert set(pairs["Artists"]) == {"Oscar Pedroza", "Juan Montana", "Amela Sinanagic", "Rita Chu"}
    assert "Sample credit line: demo archive" in manifest["requiredStatement"]["value"]["en"][0]
    assert manifest["rights"] == "http://rightsstatements.org/vocab/CNE/1.0/"  # every demo photograph's
    assert manifest["homepage"][0]["id"] == f"http://127.0.0.1:8000{demo.url}"
    assert client.get(manifest["thumbnail"][0]["id"].removeprefix("http://127.0.0.1:8000")).status_code == 200
    first = manifest["items"][0]
    body = first["items"][0]["items"][0]["body"]
    assert body["service"][0]["type"] == "ImageService3"
    assert client.get(body["id"].removeprefix("http://127.0.0.1:8000")).status_code == 200
    assert first["requiredStatement"]["value"]["en"][0] and first["rights"].startswith("http://")

    response = client.get(COLLECTION_URL)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    collection = response.json()
    jsonschema.validate(collection, schema)
    [entry] = collection["items"]  # the unpublished "Private view" is not listed
    assert entry["id"] == manifest["id"] and entry["type"] == "Manifest" and entry["label"] == manifest["label"]
    assert client.get(entry["thumbnail"][0]["id"].removeprefix("http://127.0.0.1:8000")).status_code == 200

    demo.unpublish()
    response = client.get(manifest_url(demo))
    assert response.status_code == 404 and response["Access-Control-Allow-Origin"] == "*"
    assert client.get(COLLECTION_URL).json()["items"] == []


def test_the_manifest_speaks_every_language_the_exhibition_is_translated_into(client, small_show, schema):
    from wagtail.models import Locale

    from exhibit.models import ExhibitionPage

    manifest = client.get(manifest_url(small_show)).json()
    assert manifest["label"] == {"en": ["Small show"]}  # untranslated: English only
    spanish = small_show.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title, spanish.summary = "Pequeña muestra", "Tres fotografías en una pared."
    spanish.save_revision().publish()
    for parent in spanish.get_ancestors().filter(locale__language_code="es", alias_of__isnull=True, depth__gt=1):
        parent.specific.save_revision().publish()

    for url in (manifest_url(small_show), "/es" + manifest_url(small_show)):
        response = client.get(url, follow=True)
        if url.startswith("/es"):
            assert response.status_code == 404  # one address, whatever the language
            continue
        manifest = response.json()
    jsonschema.validate(manifest, schema)
    assert manifest["label"] == {"en": ["Small show"], "es": ["Pequeña muestra"]}
    assert manifest["summary"] == {"en": [small_show.summary], "es": ["Tres fotografías en una pared."]}
    assert [(page["language"], page["id"].removeprefix("http://127.0.0.1:8000"), page["label"]) for page in manifest["homepage"]] == [
        (["en"], small_show.url, {"en": ["Small show"]}),
        (["es"], ExhibitionPage.objects.get(pk=spanish.pk).url, {"es": ["Pequeña muestra"]}),
    ]
    assert manifest["homepage"][1]["id"].startswith("http://127.0.0.1:8000/es/")
    [entry] = client.get(COLLECTION_URL).json()["items"]
    assert entry["label"] == manifest["label"]

    # A translation taken down is no longer offered.
    ExhibitionPage.objects.get(pk=spanish.pk).unpublish()
    manifest = client.get(manifest_url(small_show)).json()
    assert manifest["label"] == {"en": ["Small show"]} and len(manifest["homepage"]) == 1


def test_exhibition_captions_and_differing_rights_stay_with_their_canvas(client, small_show, schema):
    text = client.get(manifest_url(small_show)).content.decode()
    manifest = json.loads(text)
    jsonschema.validate(manifest, schema)
    assert canvas_titles(manifest) == ["Wall one", "Wall two", "Wall three"]
    one, two, three = manifest["items"]
    assert one["summary"] == {"en": ["Our own caption for this wall."]}
    assert three["summary"] == {"en": ["The archive's caption."]}
    assert one["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert two["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert "rights" not in manifest  # no one statement is true of every photograph
    assert one["requiredStatement"]["value"] == {"en": ["Lent by A"]}
    assert manifest["requiredStatement"]["value"] == {"en": ["Lent by A; Lent by B"]}
    assert labelled(manifest["metadata"])["Venues and dates"] == [
        "Park Central Branch Library, Springfield, MO: March 7 - 29, 2014"
    ]
    # Privacy: the withheld photograph and the GPS and camera of a public one stay out.
    assert "Withheld" not in text
    assert "38.627" not in text and "90.199" not in text and "Secret Cam" not in text


def test_a_password_protected_exhibition_has_no_manifest(client, small_show):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=small_show, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get(manifest_url(small_show))
    assert response.status_code == 404 and response["Access-Control-Allow-Origin"] == "*"
    assert client.get(COLLECTION_URL).json()["items"] == []
    assert client.get("/iiif/3/manifests/exhibitions/no-such-show/manifest.json").status_code == 404


def test_an_exhibition_without_public_photographs_has_no_manifest(client, make_exhibition, make_photo):
    from exhibit.models import ExhibitionPhotograph

    page = make_exhibition(title="Nothing to show")
    ExhibitionPhotograph.objects.create(page=page, photograph=make_photo(is_published=False))
    assert client.get(manifest_url(page)).status_code == 404
    assert client.get(COLLECTION_URL).json()["items"] == []
    assert "iiif-link" not in client.get(page.url).content.decode()


def test_the_exhibition_page_links_its_manifest(client, small_show):
    html = client.get(small_show.url).content.decode()
    manifest = f"http://127.0.0.1:8000{manifest_url(small_show)}"
    assert f'<link rel="alternate" type="application/ld+json" href="{manifest}"' in html
    assert f'class="iiif-link" href="{manifest}?manifest=' in html
    assert "/static/img/iiif-logo.svg" in html


def test_the_manifest_can_be_built_without_a_request(small_show):
    from exhibit.iiif import exhibition_manifest

    manifest = exhibition_manifest(small_show, "https://archive.example.org")
    assert manifest["id"] == f"https://archive.example.org{manifest_url(small_show)}"
    body = manifest["items"][0]["items"][0]["items"][0]["body"]
    assert body["service"][0]["id"].startswith("https://archive.example.org/iiif/3/")
    assert manifest["homepage"][0]["id"] == f"https://archive.example.org{small_show.url}"


def test_manifests_say_when_who_provides_them_and_which_collection_holds_them(client, small_show, schema):
    from gallery.models import Photograph

    Photograph.objects.filter(title="Wall one").update(date_edtf="1905~")  # ca. 1905: 1900-1910
    Photograph.objects.filter(title="Wall two").update(date_edtf="2013-10")
    manifest = client.get(manifest_url(small_show)).json()
    jsonschema.validate(manifest, schema)
    navs = {canvas["label"]["en"][0]: canvas.get("navDate") for canvas in manifest["items"]}
    assert navs == {"Wall one": "1905-07-02T00:00:00Z", "Wall two": "2013-10-01T00:00:00Z", "Wall three": None}
    assert manifest["navDate"] == "2014-03-07T00:00:00Z"  # the first opening
    assert manifest["partOf"] == [{"id": f"http://127.0.0.1:8000{COLLECTION_URL}", "type": "Collection"}]
    (provider,) = manifest["provider"]
    assert provider["type"] == "Agent" and provider["label"] == {"en": ["Missouri Immigrant and Refugee Advocates"]}
    collection = client.get(COLLECTION_URL).json()
    jsonschema.validate(collection, schema)
    assert collection["provider"] == manifest["provider"]


def test_canvas_ids_stay_when_the_wall_is_reordered(client, small_show):
    from exhibit.models import ExhibitionPhotograph

    before = {canvas["label"]["en"][0]: canvas["id"] for canvas in client.get(manifest_url(small_show)).json()["items"]}
    items = list(small_show.exhibition_photographs.all())
    for position, item in enumerate(reversed(items)):
        ExhibitionPhotograph.objects.filter(pk=item.pk).update(sort_order=position)
    after = client.get(manifest_url(small_show)).json()["items"]
    assert [canvas["label"]["en"][0] for canvas in after] == list(before)[::-1]
    assert {canvas["label"]["en"][0]: canvas["id"] for canvas in after} == before
