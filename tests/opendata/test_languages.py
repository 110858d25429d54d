"""The photographs' translations in the machine outputs harvesters and API clients read: OAI-PMH's
Dublin Core and MODS with xml:lang on each language's words, and the API's `translations`."""

import pytest
from lxml import etree

from gallery.models import PhotographTranslation
from opendata.oai import oai_identifier

pytestmark = pytest.mark.django_db

NS = {"dc": "http://purl.org/dc/elements/1.1/", "mods": "http://www.loc.gov/mods/v3"}
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def translated(archive):
    photo = archive["photos"][0]
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Día de mercado 0",
                                         caption="Puestos un sábado, número 0.")
    return photo


def record(client, photo, prefix):
    response = client.get("/oai/", {"verb": "GetRecord", "identifier": oai_identifier(photo.iiif_identifier),
                                   "metadataPrefix": prefix})
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_dublin_core_has_each_language_tagged(client, translated):
    root = record(client, translated, "oai_dc")
    titles = [(element.get(LANG), element.text) for element in root.iterfind(".//dc:title", NS)]
    assert titles == [("en", "Market day 0"), ("es", "Día de mercado 0")]
    descriptions = [(element.get(LANG), element.text) for element in root.iterfind(".//dc:description", NS)]
    assert descriptions == [("en", "Stalls on a Saturday, number 0."), ("es", "Puestos un sábado, número 0.")]
    # The place is not translated: once, in English.
    assert [(element.get(LANG), element.text) for element in root.iterfind(".//dc:coverage", NS)] == [
        ("en", "Springfield, Missouri")]


def test_mods_has_a_translated_title_and_abstract(client, translated):
    root = record(client, translated, "mods")
    titles = [(info.get("type"), info.get(LANG), info.findtext("mods:title", namespaces=NS))
              for info in root.iterfind(".//mods:mods/mods:titleInfo", NS)]
    assert titles == [(None, "en", "Market day 0"), ("translated", "es", "Día de mercado 0")]
    assert [element.get(LANG) for element in root.iterfind(".//mods:abstract", NS)] == ["en", "es"]


def test_the_api_gives_the_translations_and_the_source_language(client, translated, archive):
    data = client.get(f"/api/v1/photographs/{translated.pk}").json()
    assert data["language"] == "en"
    assert data["translations"] == {"es": {"title": "Día de mercado 0", "caption": "Puestos un sábado, número 0."}}
    assert client.get(f"/api/v1/photographs/{archive['photos'][1].pk}").json()["translations"] == {}
