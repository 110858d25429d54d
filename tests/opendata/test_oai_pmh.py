"""OAI-PMH harvested as aggregators do: sickle and pyoai's client against a real server."""

import time
import urllib.parse
import urllib.request

import pytest
from lxml import etree
import oaipmh.client
import oaipmh.metadata
from oaipmh.metadata import MetadataRegistry, oai_dc_reader
from sickle import Sickle

from .oai_schema import assert_valid

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
OAI = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}
SETS = ["exhibition", "exhibition:faces-and-places", "community", "community:bosnian", "community:chinese"]


def fetch(url, lax_metadata=False, **params):
    """One OAI response, checked against the OAI-PMH and oai_dc schemas."""
    with urllib.request.urlopen(f"{url}?{urllib.parse.urlencode(params)}") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/xml")
        return assert_valid(response.read(), lax_metadata=lax_metadata)


def walk(url, lax_metadata=False, **params):
    """Every page of a list request, following resumption tokens; each page is validated."""
    pages = [fetch(url, lax_metadata, **params)]
    while True:
        token = pages[-1].find(".//oai:resumptionToken", OAI)
        if token is None or not (token.text or "").strip():
            return pages
        pages.append(fetch(url, lax_metadata, verb=params["verb"], resumptionToken=token.text))


class _Evaluator:
    """lxml 6 dropped XPathEvaluator.evaluate (an alias of calling it), which pyoai 2.5.0, its latest
    release, still calls: the alias restored, pyoai's own code otherwise unchanged."""

    def __init__(self, *args, **kwargs):
        self.evaluate = etree.XPathEvaluator(*args, **kwargs)


class _Etree:
    def __getattr__(self, name):
        return _Evaluator if name == "XPathEvaluator" else getattr(etree, name)


@pytest.fixture
def pyoai_client(monkeypatch):
    monkeypatch.setattr(oaipmh.client, "etree", _Etree())
    monkeypatch.setattr(oaipmh.metadata, "etree", _Etree())
    return oaipmh.client.Client


class ValidatingSickle(Sickle):
    """sickle, with every raw response it reads checked against the schemas."""

    def harvest(self, **kwargs):
        response = super().harvest(**kwargs)
        assert_valid(response.raw.encode())
        return response


def expected_members(archive, spec):
    photos = archive["photos"]
    return {
        "exhibition": photos[:3], "exhibition:faces-and-places": photos[:3],
        "community": photos, "community:bosnian": photos[:3], "community:chinese": photos[3:],
    }[spec]


def oai_id(photo):
    return f"oai:faces-and-places:photograph/{photo.iiif_identifier}"


def test_sickle_harvests_every_set_in_full_through_resumption_tokens(archive, live_server):
    sickle = ValidatingSickle(f"{live_server.url}/oai/")
    assert {s.setSpec for s in sickle.ListSets()} == set(SETS)
    for spec in SETS:
        records = list(sickle.ListRecords(metadataPrefix="oai_dc", set=spec))
        assert sorted(r.header.identifier for r in records) == sorted(oai_id(p) for p in expected_members(archive, spec))
        assert not any(r.header.deleted for r in records)
        for record in records:
            assert spec in record.header.setSpecs
    everything = {r.header.identifier: r for r in sickle.ListRecords(metadataPrefix="oai_dc")}
    assert set(everything) == {oai_id(p) for p in archive["photos"]}  # the private one is not there at all
    mods = list(sickle.ListRecords(metadataPrefix="mods"))
    assert len(mods) == 5


def test_records_equal_the_public_pages(archive, live_server, client):
    sickle = ValidatingSickle(f"{live_server.url}/oai/")
    for record in sickle.ListRecords(metadataPrefix="oai_dc"):
        photo = next(p for p in archive["photos"] if oai_id(p) == record.header.identifier)
        dc = record.metadata
        page_url = f"{live_server.url}{photo.get_absolute_url()}"
        with urllib.request.urlopen(page_url) as response:
            html = response.read().decode()
        assert page_url in dc["identifier"]
        assert f"{live_server.url}/iiif/3/manifests/photographs/{photo.iiif_identifier}/manifest.json" in dc["identifier"]
        assert dc["title"] == [photo.title] and f"<h1>{photo.title}</h1>" in html
        assert dc["creator"] == [photo.creator_name] and photo.creator_name in html
        assert dc["description"] == [photo.caption] and photo.caption in html
        assert dc["coverage"] == [photo.place] and photo.place in html
        assert dc["rights"] == [photo.rights] and photo.rights in html
        assert dc["type"] == ["Image"]
        names = [c.name for c in photo.communities.all()]
        assert sorted(dc["subject"]) == sorted(names + [t.name for t in photo.tags.all()])
        for name in dc["subject"]:
            assert name in html
        if photo.date_edtf:
            assert dc["date"] == [photo.date_edtf] and photo.date_display in html
        else:
            assert "date" not in dc
        in_exhibition = photo in archive["photos"][:3]
        assert dc.get("relation", []) == ([f"{live_server.url}{archive['exhibition'].url}"] if in_exhibition else [])


def test_pyoai_client_harvests_every_set(archive, live_server, pyoai_client):
    registry = MetadataRegistry()
    registry.registerReader("oai_dc", oai_dc_reader)
    client = pyoai_client(f"{live_server.url}/oai/", registry)
    identify = client.identify()
    assert identify.deletedRecord() == "persistent"
    assert identify.granularity() == "YYYY-MM-DDThh:mm:ssZ"
    assert {prefix for prefix, _, _ in client.listMetadataFormats()} == {"oai_dc", "mods"}
    assert {spec for spec, _, _ in client.listSets()} == set(SETS)
    for spec in SETS:
        records = list(client.listRecords(metadataPrefix="oai_dc", set=spec))
        assert sorted(h.identifier() for h, _, _ in records) == sorted(oai_id(p) for p in expected_members(archive, spec))
        for header, metadata, _ in records:
            photo = next(p for p in archive["photos"] if oai_id(p) == header.identifier())
            assert metadata.getMap()["title"] == [photo.title]
        identifiers = list(client.listIdentifiers(metadataPrefix="oai_dc", set=spec))
        assert len(identifiers) == len(records)
    header, metadata, _ = client.getRecord(identifier=oai_id(archive["photos"][0]), metadataPrefix="oai_dc")
    assert metadata.getMap()["title"] == [archive["photos"][0].title]


def test_withdrawal_reaches_every_harvester(archive, live_server):
    from gallery.models import Photograph

    url = f"{live_server.url}/oai/"
    # Datestamps are to the second, and 'from' includes its second: let the set-up's second pass so
    # that the next harvest holds only what changed after this one.
    time.sleep(1.1)
    first = walk(url, verb="ListRecords", metadataPrefix="oai_dc")
    last_run = first[0].findtext("oai:responseDate", namespaces=OAI)
    time.sleep(1.1)
    withdrawn = archive["photos"][1]
    withdrawn.consent = Photograph.Consent.WITHHELD
    withdrawn.save()

    pages = walk(url, verb="ListRecords", metadataPrefix="oai_dc", **{"from": last_run})
    records = [r for page in pages for r in page.iterfind(".//oai:record", OAI)]
    assert [r.findtext("oai:header/oai:identifier", namespaces=OAI) for r in records] == [oai_id(withdrawn)]
    assert records[0].find("oai:header", OAI).get("status") == "deleted"
    assert records[0].find("oai:metadata", OAI) is None
    # Persistent: still deleted in a full harvest, in its sets, and by GetRecord.
    for spec in ("community:bosnian", "exhibition:faces-and-places", None):
        params = {"set": spec} if spec else {}
        headers = [h for page in walk(url, verb="ListIdentifiers", metadataPrefix="oai_dc", **params) for h in page.iterfind(".//oai:header", OAI)]
        status = {h.findtext("oai:identifier", namespaces=OAI): h.get("status") for h in headers}
        assert status[oai_id(withdrawn)] == "deleted"
    got = fetch(url, verb="GetRecord", identifier=oai_id(withdrawn), metadataPrefix="mods", lax_metadata=True)
    assert got.find(".//oai:header", OAI).get("status") == "deleted" and got.find(".//oai:metadata", OAI) is None

    # Change Discovery: its Delete is the stream's latest activity for its manifest.
    import json

    def get_json(path):
        with urllib.request.urlopen(f"{live_server.url}{path}" if path.startswith("/") else path) as response:
            assert response.headers["Access-Control-Allow-Origin"] == "*"
            return json.loads(response.read())

    stream = get_json("/iiif/discovery/activity/all-changes")
    activities, page = [], get_json(stream["first"]["id"])
    while True:
        activities += page["orderedItems"]
        if "next" not in page:
            break
        page = get_json(page["next"]["id"])
    assert len(activities) == stream["totalItems"]
    manifest = f"{live_server.url}/iiif/3/manifests/photographs/{withdrawn.iiif_identifier}/manifest.json"
    mine = [a["type"] for a in activities if a["object"]["id"] == manifest]
    assert mine[0] == "Create" and mine[-1] == "Delete"

    # The API answers 404, and nothing of it is in any response.
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{live_server.url}/api/v1/photographs/{withdrawn.pk}")
    assert error.value.code == 404
    bodies = [etree.tostring(p) for p in walk(url, verb="ListRecords", metadataPrefix="oai_dc")]
    bodies += [etree.tostring(p) for p in walk(url, verb="ListRecords", metadataPrefix="mods", lax_metadata=True)]
    bodies.append(etree.tostring(fetch(url, verb="ListSets")))
    for path in ("/api/v1/photographs?page_size=100", "/api/v1/exhibitions", "/api/v1/artists", "/api/v1/communities",
                 f"/api/v1/photographs?artist={archive['artist'].slug}", "/iiif/discovery/activity/all-changes",
                 "/iiif/3/manifests/exhibitions/faces-and-places/manifest.json"):
        with urllib.request.urlopen(f"{live_server.url}{path}") as response:
            bodies.append(response.read())
    for body in bodies:
        text = body.decode()
        for secret in (withdrawn.title, withdrawn.caption, withdrawn.alt_text, withdrawn.credit_line):
            assert secret not in text


def test_every_error_code_the_protocol_asks_for(archive, live_server):
    url = f"{live_server.url}/oai/"

    def error_of(**params):
        document = fetch(url, **params)
        error = document.find("oai:error", OAI)
        assert error is not None, etree.tostring(document)
        return error.get("code"), document.find("oai:request", OAI).attrib

    assert error_of()[0] == "badVerb"
    assert error_of(verb="Frobnicate") == ("badVerb", {})
    assert error_of(verb="ListRecords") == ("badArgument", {})
    assert error_of(verb="GetRecord", identifier=oai_id(archive["photos"][0]))[0] == "badArgument"
    assert error_of(verb="Identify", metadataPrefix="oai_dc")[0] == "badArgument"
    assert error_of(verb="ListRecords", metadataPrefix="oai_dc", **{"from": "yesterday"})[0] == "badArgument"
    assert error_of(verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2014-01-01", "until": "2014-01-01T00:00:00Z"})[0] == "badArgument"
    assert error_of(verb="ListRecords", metadataPrefix="oai_dc", **{"from": "2015-01-01", "until": "2014-01-01"})[0] == "badArgument"
    assert error_of(verb="ListRecords", metadataPrefix="oai_dc", resumptionToken="x")[0] == "badArgument"
    assert error_of(verb="ListRecords", resumptionToken="not-a-token")[0] == "badResumptionToken"
    assert error_of(verb="ListSets", resumptionToken="not-a-token")[0] == "badResumptionToken"
    assert error_of(verb="ListRecords", metadataPrefix="marc21")[0] == "cannotDisseminateFormat"
    assert error_of(verb="GetRecord", identifier=oai_id(archive["photos"][0]), metadataPrefix="marc21")[0] == "cannotDisseminateFormat"
    assert error_of(verb="GetRecord", identifier="oai:faces-and-places:photograph/nope", metadataPrefix="oai_dc")[0] == "idDoesNotExist"
    # A photograph that was never public has no record: it does not exist for harvesters.
    assert error_of(verb="GetRecord", identifier=oai_id(archive["private"]), metadataPrefix="oai_dc")[0] == "idDoesNotExist"
    assert error_of(verb="ListMetadataFormats", identifier="oai:elsewhere:1")[0] == "idDoesNotExist"
    assert error_of(verb="ListRecords", metadataPrefix="oai_dc", **{"until": "1990-01-01"})[0] == "noRecordsMatch"
    assert error_of(verb="ListRecords", metadataPrefix="oai_dc", set="community:nobody")[0] == "noRecordsMatch"
    # Repeated arguments.
    with urllib.request.urlopen(f"{url}?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=mods") as response:
        assert assert_valid(response.read()).find("oai:error", OAI).get("code") == "badArgument"
    # POST is the protocol's other form.
    request = urllib.request.Request(url, data=b"verb=Identify", headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request) as response:
        assert assert_valid(response.read()).find("oai:Identify", OAI) is not None


def test_every_response_validates(archive, live_server):
    url = f"{live_server.url}/oai/"
    fetch(url, verb="Identify")
    fetch(url, verb="ListMetadataFormats")
    fetch(url, verb="ListMetadataFormats", identifier=oai_id(archive["photos"][0]))
    fetch(url, verb="ListSets")
    fetch(url, verb="GetRecord", identifier=oai_id(archive["photos"][0]), metadataPrefix="oai_dc")
    fetch(url, verb="GetRecord", identifier=oai_id(archive["photos"][0]), metadataPrefix="mods", lax_metadata=True)
    for spec in SETS + [None]:
        params = {"set": spec} if spec else {}
        for verb in ("ListIdentifiers", "ListRecords"):
            walk(url, verb=verb, metadataPrefix="oai_dc", **params)
            walk(url, verb=verb, metadataPrefix="mods", lax_metadata=True, **params)


def test_resumption_tokens_survive_a_restart_and_expire(archive, live_server, settings):
    from opendata import tokens

    url = f"{live_server.url}/oai/"
    first = fetch(url, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(".//oai:resumptionToken", OAI)
    assert token.get("completeListSize") == "5" and token.get("cursor") == "0" and token.get("expirationDate")
    # Nothing of the token lives in a process: a fresh process (here, cleared caches) reads it alike.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    second = fetch(url, verb="ListIdentifiers", resumptionToken=token.text)
    assert second.find(".//oai:resumptionToken", OAI).get("cursor") == "2"
    settings.OAI_TOKEN_SECONDS = 1
    time.sleep(2.1)
    expired = fetch(url, verb="ListIdentifiers", resumptionToken=token.text)
    error = expired.find("oai:error", OAI)
    assert error.get("code") == "badResumptionToken" and "expired" in error.text
    assert tokens.lifetime().total_seconds() == 1
