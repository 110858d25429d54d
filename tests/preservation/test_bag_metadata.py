"""A photograph's record for a BagIt bag: Dublin Core names, and every field it needs to come back."""

import json
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from preservation import bag_metadata
from gallery.models import Artist, Community, Photograph

pytestmark = pytest.mark.django_db


def test_record_uses_dublin_core_names_and_restores_every_field(make_photo):
    artist = Artist.objects.create(name="Jane Doe", bio="Photographer.")
    photo = make_photo(title="Market day", caption="Saturday market", date_edtf="2013-10", place="Springfield, MO",
                       source="The coalition", rights="http://creativecommons.org/licenses/by/4.0/", artist=artist,
                       date_taken=datetime(2013, 10, 5, 14, 30, tzinfo=ZoneInfo("America/Chicago")),
                       gps_latitude=Decimal("37.208957"), gps_longitude=Decimal("-93.292299"),
                       communities=[Community.objects.create(name="Bosnian", slug="bosnian")])
    photo.tags.add("market")
    record = json.loads(json.dumps(bag_metadata.photograph_record(photo, file_path="data/originals/x.jpg")))

    assert record["dc:title"] == "Market day" and record["dc:creator"] == "Jane Doe"
    assert record["dc:date"] == "2013-10" and record["dc:coverage"] == "Springfield, MO"
    assert record["dc:rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert record["dc:subject"] == ["market"] and record["dc:format"] == "image/jpeg"
    assert record["dc:identifier"] == f"sha256:{photo.sha256}"
    assert record["archive:communities"] == [{"name": "Bosnian", "slug": "bosnian", "description": ""}]
    assert record["archive:artist"]["name"] == "Jane Doe"

    restored = Photograph(**bag_metadata.field_values(record))
    for name in ("title", "caption", "date_edtf", "place", "source", "rights", "sha256", "original_size", "date_taken",
                 *bag_metadata.ARCHIVE_FIELDS, *bag_metadata.PRIVATE_FIELDS):
        assert getattr(restored, name) == getattr(photo, name), name


def test_a_photograph_in_no_exhibition_has_no_exhibitions_part(make_photo):
    record = bag_metadata.photograph_record(make_photo(), file_path="data/x.jpg")
    assert "exhibit:exhibitions" not in record  # with exhibitions: tests/preservation/test_bags.py


def test_the_record_carries_the_photographs_words_in_every_language(make_photo):
    from gallery.models import PhotographTranslation

    photo = make_photo(title="Market day")
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Día de mercado",
                                         alt_text="  Puestos al aire libre  ")
    record = json.loads(json.dumps(bag_metadata.photograph_record(photo, file_path="data/x.jpg")))
    assert record["archive:translations"] == {"es": {"title": "Día de mercado", "alt_text": "  Puestos al aire libre  ",
                                                     "caption": "", "credit_line": "", "place": ""}}
    assert bag_metadata.translation_rows(record) == [("es", record["archive:translations"]["es"])]
    assert bag_metadata.translation_rows({}) == []  # a bag made before translations
