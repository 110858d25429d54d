"""
Every public page kind as machine readers see it: extruct pulls out its Open Graph tags and JSON-LD,
pyld expands the JSON-LD against a local schema.org context (tests/data/schemaorg-context.jsonld: the
terms this site writes, in the form schema.org publishes its context, @vocab http://schema.org/ and
a term per class and property; no network is touched), and the tests read what comes out.
"""

import json
import re
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import extruct
import pytest
from pyld import jsonld

from exhibit.models import Event, ExhibitionIndexPage, Showing
from gallery.models import Artist, Community
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db
BASE = "http://127.0.0.1:8000"
S = "http://schema.org/"
CONTEXT_FILE = Path(__file__).resolve().parents[1] / "data" / "schemaorg-context.jsonld"
CONTEXT = json.loads(CONTEXT_FILE.read_text())
DEFINED = {value["@id"].replace("schema:", S) for value in CONTEXT["@context"].values() if isinstance(value, dict)}
RIGHTS = "http://creativecommons.org/licenses/by-nc/4.0/"


def local_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"the test would have fetched {url}")


def read(client, path):
    """(Open Graph properties as a dict, the page's JSON-LD expanded to a flat list of nodes)."""
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    data = extruct.extract(html, base_url=BASE + path, syntaxes=["json-ld", "opengraph"], uniform=False)
    opengraph = {}
    for block in data["opengraph"]:
        opengraph.update(dict(block["properties"]))
    nodes = []
    for document in data["json-ld"]:
        flat = jsonld.flatten(document, options={"documentLoader": local_loader, "base": BASE + path})
        nodes += flat
    return html, opengraph, nodes


def of_type(nodes, kind):
    return [node for node in nodes if S + kind in node.get("@type", [])]


def value(node, prop):
    values = node.get(S + prop, [])
    return [item.get("@value", item.get("@id")) for item in values]


def by_id(nodes):
    return {node["@id"]: node for node in nodes}


def assert_only_schema_org_terms(nodes, path):
    """Every property a processor read is a schema.org term (a typo such as `postalcode` is not)."""
    for node in nodes:
        for key in node:
            if not key.startswith("@"):
                assert key in DEFINED, (path, key)
        for kind in node.get("@type", []):
            assert kind in DEFINED, (path, kind)


@pytest.fixture
def site(make_photo, make_exhibition, home, springfield, columbia):
    artist = Artist.objects.create(name="Amela Sinanagic", bio="Photographer of the Bosnian community.")
    community = Community.objects.create(name="Bosnian", slug="bosnian")
    wedding = make_photo(
        data=jpeg_bytes(size=(1400, 900), seed=3), title="Wedding in Tower Grove", caption="A wedding party, 2013.",
        alt_text="A bride and groom under an arch", artist=artist, date_edtf="2013-10-05", place="Tower Grove Park",
        rights=RIGHTS, credit_line="Courtesy of Amela Sinanagic", gps_latitude=Decimal("38.6077"),
        gps_longitude=Decimal("-90.2590"), communities=[community],
    )
    old = make_photo(data=jpeg_bytes(size=(900, 700), seed=4), title="Workers at the mill", date_edtf="1905~",
                     creator_credit="Unknown photographer")
    index = ExhibitionIndexPage(title="Exhibitions", slug="exhibitions", intro="<p>Traveling exhibitions.</p>")
    home.add_child(instance=index)
    index.save_revision().publish()
    exhibition = make_exhibition(
        title="The Missouri Immigrant Experience 2014", slug="faces-and-places-2014", parent=index,
        summary="Four photographers and historical images.", hero_image=wedding,
        stops=[
            (springfield, date(2014, 3, 7), date(2014, 3, 29), {}, [
                {"kind": "opening_reception", "date": date(2014, 3, 7), "start_time": time(19), "end_time": time(21)},
                {"kind": "closing_reception", "date": date(2014, 3, 29)},
            ]),
            (columbia, date(2014, 4, 5), date(2014, 4, 26), {}, [
                {"kind": "opening_reception", "date": date(2014, 4, 5), "start_time": time(10)},
            ]),
        ],
    )
    exhibition.exhibition_photographs.create(photograph=wedding, sort_order=0)
    exhibition.exhibition_photographs.create(photograph=old, sort_order=1)
    exhibition.save_revision().publish()
    return {"artist": artist, "community": community, "wedding": wedding, "old": old, "exhibition": exhibition,
            "index": index}


def test_every_public_page_kind_has_canonical_and_open_graph_tags(client, site, springfield):
    pages = {
        "/": True, "/photographs/": True, site["wedding"].get_absolute_url(): True,
        site["artist"].get_absolute_url(): True, site["community"].get_absolute_url(): True,
        site["index"].url: True, site["exhibition"].url: True, springfield.get_absolute_url(): True,
        "/events/": True,
    }
    for path, has_image in pages.items():
        html, opengraph, _ = read(client, path)
        assert f'<link rel="canonical" href="{BASE}{path}">' in html, path
        assert opengraph["og:url"] == BASE + path, path
        assert opengraph["og:title"] and opengraph["og:title"] != "Faces & Places Archive", path
        assert opengraph.get("og:description"), path
        if has_image:
            assert opengraph["og:image"].startswith(BASE + "/media/renditions/"), path
            assert client.get(opengraph["og:image"].removeprefix(BASE)).status_code == 200, path


def test_the_exhibition_page_reads_as_exhibition_events_with_sub_events(client, site):
    exhibition = site["exhibition"]
    _, opengraph, nodes = read(client, exhibition.url)
    assert opengraph["og:title"] == exhibition.title
    assert_only_schema_org_terms(nodes, exhibition.url)
    nodes_by_id = by_id(nodes)
    stops = of_type(nodes, "ExhibitionEvent")
    assert len(stops) == 2
    columbia = next(stop for stop in stops if "Columbia" in value(stop, "name")[0])
    assert value(columbia, "url") == [BASE + exhibition.url]
    assert value(columbia, "image")[0].startswith(BASE + "/media/renditions/")
    organizer = nodes_by_id[value(columbia, "organizer")[0]]
    assert value(organizer, "name") == ["Missouri Immigrant and Refugee Advocates"]
    address = nodes_by_id[value(nodes_by_id[value(columbia, "location")[0]], "address")[0]]
    assert value(address, "postalCode") == ["65203"]
    events = of_type(nodes, "Event")
    assert len(events) == 3
    for event in events:
        parent = nodes_by_id[value(event, "superEvent")[0]]
        assert exhibition.title in value(parent, "name")[0]
        assert event["@id"] in value(parent, "subEvent")
    closing = next(event for event in events if value(event, "name") == ["Closing reception"])
    # Time TBA: a date, no promise of "scheduled" (the feed says TENTATIVE), and the words.
    assert value(closing, "startDate") == ["2014-03-29"]
    assert value(closing, "eventStatus") == []
    assert "Time TBA" in value(closing, "description")[0]
    opening = next(event for event in events if value(event, "startDate") == ["2014-04-05T10:00:00-05:00"])
    assert value(opening, "eventStatus") == ["https://schema.org/EventScheduled"]


def test_a_photograph_page_reads_as_a_photograph_and_visual_artwork_and_never_gps(client, site):
    photo = site["wedding"]
    html, _, nodes = read(client, photo.get_absolute_url())
    assert_only_schema_org_terms(nodes, photo.get_absolute_url())
    nodes_by_id = by_id(nodes)
    (record,) = of_type(nodes, "Photograph")
    assert S + "VisualArtwork" in record["@type"]
    assert record["@id"] == BASE + photo.get_absolute_url()
    assert value(nodes_by_id[value(record, "creator")[0]], "name") == ["Amela Sinanagic"]
    assert value(record, "dateCreated") == ["2013-10-05"]
    assert value(nodes_by_id[value(record, "contentLocation")[0]], "name") == ["Tower Grove Park"]
    assert value(record, "license") == [RIGHTS]
    assert value(record, "creditText") == ["Courtesy of Amela Sinanagic"]
    (part_of,) = [nodes_by_id[ref] for ref in value(record, "isPartOf")]
    assert value(part_of, "name") == [site["exhibition"].title]
    assert value(part_of, "url") == [BASE + site["exhibition"].url]
    assert value(record, "image")[0].startswith(BASE + "/media/renditions/")
    for secret in ("38.6077", "90.259", "latitude", "longitude", "GeoCoordinates"):
        assert secret not in html, secret


def test_an_approximate_date_is_not_written_as_an_exact_one(client, site):
    _, _, nodes = read(client, site["old"].get_absolute_url())
    (record,) = of_type(nodes, "Photograph")
    assert value(record, "dateCreated") == []  # "ca. 1905" is no ISO 8601 date
    assert value(by_id(nodes)[value(record, "creator")[0]], "name") == ["Unknown photographer"]


def test_venue_and_events_pages_read_as_events_of_their_exhibition(client, site, springfield):
    for path in (springfield.get_absolute_url(), "/events/"):
        _, _, nodes = read(client, path)
        assert_only_schema_org_terms(nodes, path)
        nodes_by_id = by_id(nodes)
        events = [event for event in of_type(nodes, "Event") if S + "ExhibitionEvent" not in event["@type"]]
        assert events, path
        for event in events:
            parent = nodes_by_id[value(event, "superEvent")[0]]
            assert value(parent, "name")[0].startswith(site["exhibition"].title), path
    _, _, nodes = read(client, springfield.get_absolute_url())
    (stop,) = of_type(nodes, "ExhibitionEvent")
    assert value(stop, "image")[0].startswith(BASE + "/media/renditions/")


def test_time_tba_agrees_with_the_feed(client, site, columbia):
    """The feed says TENTATIVE for a Time TBA event; the page's JSON-LD does not say EventScheduled."""
    import icalendar

    showing = Showing.objects.get(venue=columbia)
    tba = Event.objects.create(showing=showing, kind="closing_reception", date=date(2014, 4, 26))
    feed = icalendar.Calendar.from_ical(client.get(f"/calendar/venues/{columbia.slug}.ics").content)
    (entry,) = [item for item in feed.walk("VEVENT") if str(item["UID"]).startswith(f"event-{tba.pk}@")]
    assert str(entry["STATUS"]) == "TENTATIVE"
    _, _, nodes = read(client, columbia.get_absolute_url())
    (event,) = [node for node in of_type(nodes, "Event") if value(node, "startDate") == ["2014-04-26"]]
    assert value(event, "eventStatus") == []
    assert re.search("Time TBA", value(event, "description")[0])


def test_a_translated_photographs_words_are_language_tagged(client, site):
    from gallery.models import PhotographTranslation

    photo = site["wedding"]
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda en el parque",
                                         credit_line="Cortesía de Amela Sinanagic")
    _, _, nodes = read(client, photo.get_absolute_url())
    assert_only_schema_org_terms(nodes, photo.get_absolute_url())
    (record,) = of_type(nodes, "Photograph")
    tagged = lambda prop: sorted((item["@language"], item["@value"]) for item in record[S + prop])  # noqa: E731
    assert tagged("name") == [("en", photo.title), ("es", "Una boda en el parque")]
    assert tagged("creditText") == [("en", "Courtesy of Amela Sinanagic"), ("es", "Cortesía de Amela Sinanagic")]
    # Not translated: one plain value, as before.
    assert [item.get("@language") for item in record[S + "abstract"]] == [None]
