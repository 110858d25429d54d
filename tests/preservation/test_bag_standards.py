"""An exported bag as other tools read it: BagIt 1.0 (RFC 8493), and Dublin Core JSON that a JSON-LD
processor reads as DCMI terms."""

import json

import bagit
import pytest
from pyld import jsonld

from tests.preservation.test_bags import exhibition, export  # noqa: F401  (the fixture, the command)

pytestmark = pytest.mark.django_db
DC = "http://purl.org/dc/terms/"


def no_network(url, options=None):
    raise AssertionError(f"the record needed {url}: its context must be inline")


def test_the_bag_declares_bagit_1_0_and_validates(exhibition, tmp_path):  # noqa: F811
    export(exhibition.slug, tmp_path / "bag")
    assert (tmp_path / "bag" / "bagit.txt").read_bytes() == b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    bag = bagit.Bag(str(tmp_path / "bag"))
    assert bag.version_info == (1, 0)
    bag.validate()  # the tag manifest covers the rewritten bagit.txt
    tag_manifest = (tmp_path / "bag" / "tagmanifest-sha256.txt").read_text()
    assert "bagit.txt" in tag_manifest and "bag-info.txt" in tag_manifest


def test_the_dublin_core_records_expand_to_dcmi_terms(exhibition, tmp_path):  # noqa: F811
    export(exhibition.slug, tmp_path / "bag")
    records = sorted((tmp_path / "bag" / "data" / "metadata").glob("*.json"))
    assert records
    titles = set()
    for path in records:
        (node,) = jsonld.expand(json.loads(path.read_text()), options={"documentLoader": no_network})
        titles |= {item["@value"] for item in node[DC + "title"]}
        assert node[DC + "type"] == [{"@id": "http://purl.org/dc/dcmitype/StillImage"}]
        for key in node:
            assert key.startswith((DC, "urn:faces-and-places:archive:", "@")), key
        if node.get(DC + "rights"):
            assert node[DC + "rights"][0]["@id"].startswith("http")
    assert "Market day" in titles
    market = next(json.loads(p.read_text()) for p in records if json.loads(p.read_text())["dc:title"] == "Market day")
    (node,) = jsonld.expand(market, options={"documentLoader": no_network})
    assert {item["@value"] for item in node[DC + "subject"]} == {"food", "market"}
    assert node[DC + "date"] == [{"@value": "2013-10"}]
