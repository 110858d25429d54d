"""export_bag / import_bag in one process: what the bag holds, what comes back, what is refused."""

import hashlib
import json
import shutil
from datetime import date, time
from decimal import Decimal
from io import StringIO

import bagit
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.rich_text import RichText

from exhibit.models import Event, ExhibitionPage, ExhibitionPhotograph, Showing, Venue
from gallery.models import Artist, Community, Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def sha256_file(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def exhibition(tour, make_photo):
    """The tour with three photographs (one private, in a restricted collection), a hero, a body and artists."""
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian", description="Bosnian Missourians.")
    amela = Artist.objects.create(name="Amela Sinanagic", slug="amela-sinanagic", bio="Photographer.")
    amela.communities.set([bosnian])
    speaker = Artist.objects.create(name="Rita Chu", slug="rita-chu")
    private = Collection.get_first_root_node().add_child(name="Family loans")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)

    market = make_photo(title="Market day", caption="Saturday", artist=amela, date_edtf="2013-10",
                        gps_latitude=Decimal("37.208957"), gps_longitude=Decimal("-93.292299"), communities=[bosnian])
    market.tags.add("market", "food")
    porch = make_photo(title="Porch", kind="historical", date_edtf="191X", creator_credit="Unknown photographer")
    loan = make_photo(title="A family loan", collection=private)
    portrait = make_photo(title="Portrait of the artist")
    amela.portrait = portrait
    amela.save()

    page = ExhibitionPage.objects.get(pk=tour.pk)
    page.hero_image = porch
    page.body = [("text", RichText("<p>About the show.</p>")),
                 ("photograph", {"photograph": market, "caption": "In the body"}),
                 ("photo_sequence", {"heading": "Then", "photographs": [
                     {"photograph": porch, "caption": "one"}, {"photograph": loan, "caption": "two"}]})]
    page.featured_artists = [amela]
    page.communities = [bosnian]
    page.save()
    for order, (photo, caption) in enumerate([(porch, ""), (market, "Exhibition caption"), (loan, "")]):
        ExhibitionPhotograph.objects.create(page=page, photograph=photo, caption=caption, sort_order=order)
    talk = Event.objects.get(title="Sample gallery talk")
    talk.speaker_artists.set([speaker])
    talk.save()  # a ParentalManyToManyField is written when its owner is saved
    page = ExhibitionPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    return ExhibitionPage.objects.get(pk=page.pk)


def export(slug, outdir):
    out = StringIO()
    call_command("export_bag", slug, str(outdir), stdout=out)
    return out.getvalue()


def import_bag(path):
    out = StringIO()
    try:
        call_command("import_bag", str(path), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def snapshot():
    """What the archive holds, by natural identity (no primary keys)."""
    photos = {}
    for photo in Photograph.objects.order_by("sha256"):
        with photo.file.open("rb") as handle:
            file_sha = hashlib.sha256(handle.read()).hexdigest()
        photos[photo.sha256] = {
            "file": file_sha, "title": photo.title, "caption": photo.caption, "alt": photo.alt_text,
            "artist": photo.artist.slug if photo.artist else None, "credit": photo.creator_credit,
            "date": photo.date_edtf, "kind": photo.kind, "gps": (photo.gps_latitude, photo.gps_longitude),
            "consent": photo.consent, "tags": sorted(photo.tags.names()),
            "communities": sorted(photo.communities.values_list("slug", flat=True)),
            "collection": photo.collection.name, "public": photo.is_public,
            "size": (photo.width, photo.height, photo.original_size),
        }
    page = ExhibitionPage.objects.get()
    sha = {p.pk: p.sha256 for p in Photograph.objects.all()}
    body = [(block.block_type, block.value.get("photograph").sha256 if block.block_type == "photograph" else
             [item["photograph"].sha256 for item in block.value["photographs"]] if block.block_type == "photo_sequence"
             else str(block.value)) for block in page.body]
    return {
        "photos": photos,
        "page": (page.title, page.slug, page.summary, page.live, sha[page.hero_image_id], body,
                 sorted(page.featured_artists.values_list("slug", flat=True)),
                 sorted(page.communities.values_list("slug", flat=True))),
        "items": [(sha[i.photograph_id], i.caption) for i in page.exhibition_photographs.order_by("sort_order")],
        "showings": [(s.venue.slug, s.opens, s.closes, s.crate_list, s.venue_contact, s.deliver_by,
                      [(e.kind, e.title, e.date, e.start_time, e.end_time, e.status, e.previous_date,
                        sorted(e.speaker_artists.values_list("slug", flat=True))) for e in s.ordered_events()])
                     for s in page.ordered_showings()],
        "venues": sorted((v.slug, v.name, v.street_address, v.city, v.postal_code, v.time_zone)
                         for v in Venue.objects.all()),
        "artists": sorted((a.slug, a.name, a.bio, sha.get(a.portrait_id), tuple(a.communities.values_list("slug", flat=True)))
                          for a in Artist.objects.all()),
        "communities": sorted(Community.objects.values_list("slug", "name", "description")),
    }


def empty_the_archive():
    for page in ExhibitionPage.objects.all():
        page.delete()
    Venue.objects.all().delete()
    for photo in Photograph.objects.all():
        photo.delete()
    Artist.objects.all().delete()
    Community.objects.all().delete()
    Collection.objects.exclude(depth=1).delete()
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    assert not ExhibitionPage.objects.exists() and not Photograph.objects.exists()


def nothing_written():
    originals = list((settings.MEDIA_ROOT / "original_images").glob("*")) if (settings.MEDIA_ROOT / "original_images").exists() else []
    counts = [model.objects.count() for model in (Photograph, Artist, Community, Venue, ExhibitionPage, Showing, Event)]
    return counts == [0] * 7 and originals == []


def test_the_bag_holds_originals_metadata_the_exhibition_and_sha256_checksums(exhibition, tmp_path):
    out = export(exhibition.slug, tmp_path / "bag")
    bag = bagit.Bag(str(tmp_path / "bag"))

    assert bag.validate() and bag.algorithms == ["sha256"]
    assert "4 photographs" in out and "2 showings, 6 events" in out
    assert bag.info["Source-Organization"] == settings.WAGTAIL_SITE_NAME
    assert bag.info["External-Identifier"] == exhibition.slug and "Payload-Oxum" in bag.info
    assert (tmp_path / "bag" / "tagmanifest-sha256.txt").exists()
    photos = {p.title: p for p in Photograph.objects.all()}
    records = {}
    for path in sorted((tmp_path / "bag" / "data" / "metadata").glob("*.json")):
        record = json.loads(path.read_text())
        records[record["dc:title"]] = record
        original = tmp_path / "bag" / record["archive:file"]
        assert sha256_file(original) == photos[record["dc:title"]].sha256 == record["archive:sha256"]
        assert bag.entries[record["archive:file"]]["sha256"] == record["archive:sha256"]
    assert sorted(records) == sorted(photos)
    market = records["Market day"]
    assert market["dc:creator"] == "Amela Sinanagic" and market["dc:subject"] == ["food", "market"]
    assert market["archive:private"]["gps_latitude"] == "37.208957"
    assert market["exhibit:exhibitions"] == [{"slug": exhibition.slug, "caption": "Exhibition caption", "sort_order": 1}]
    assert records["A family loan"]["archive:collection_private"] is True

    data = json.loads((tmp_path / "bag" / "data" / "exhibition.json").read_text())
    assert data["page"]["slug"] == exhibition.slug and data["page"]["hero_image"] == photos["Porch"].sha256
    assert [item["photograph"] for item in data["items"]] == [photos[t].sha256 for t in ("Porch", "Market day", "A family loan")]
    assert data["page"]["body"][1]["value"]["photograph"] == f"sha256:{photos['Market day'].sha256}"
    assert [s["venue"] for s in data["showings"]] == ["park-central-branch-library", "the-columbia-public-library"]
    assert data["showings"][0]["crate_list"] == "Springfield crate SPFCRATE-77"
    assert data["showings"][1]["events"][2]["previous_date"] == "2014-04-10"
    assert {a["slug"]: a["portrait"] for a in data["artists"]} == {
        "amela-sinanagic": photos["Portrait of the artist"].sha256, "rita-chu": None}
    manifest = json.loads((tmp_path / "bag" / "data" / "iiif" / "manifest.json").read_text())
    assert manifest["type"] == "Manifest" and manifest["id"].endswith(f"/exhibitions/{exhibition.slug}/manifest.json")
    assert len(manifest["items"]) == len(Photograph.objects.public().filter(exhibition_items__page=exhibition))


def test_export_refuses_an_unknown_exhibition_and_a_folder_in_use(exhibition, tmp_path):
    with pytest.raises(CommandError, match="no exhibition with the slug “nope”"):
        export("nope", tmp_path / "bag")
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "keep.txt").write_text("mine")
    with pytest.raises(CommandError, match="is not empty"):
        export(exhibition.slug, tmp_path / "used")
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["keep.txt"]


def test_import_restores_everything_into_an_emptied_archive(exhibition, tmp_path, client):
    before = snapshot()
    export(exhibition.slug, tmp_path / "bag")
    empty_the_archive()

    code, out = import_bag(tmp_path / "bag")

    assert code == 0, out
    assert "4 photographs restored" in out and "published" in out
    after = snapshot()
    for key in before:
        assert after[key] == before[key], key
    assert after["photos"][Photograph.objects.get(title="A family loan").sha256]["public"] is False
    page = ExhibitionPage.objects.get()
    assert client.get(page.url).status_code == 200

    # The same bag again: the page is there already, so it is refused and nothing is doubled.
    code, out = import_bag(tmp_path / "bag")
    assert code == 1 and "already a page with the slug" in out and Photograph.objects.count() == 4


@pytest.mark.parametrize("tamper, reason", [
    ("change a byte", "sha256 validation failed"),
    ("delete a file", "exists in manifest but was not found on filesystem"),
    ("edit the manifest", "sha256 validation failed"),
    ("add a file", "exists on filesystem but is not in the manifest"),
])
def test_a_tampered_bag_is_refused_with_the_reason_and_nothing_is_written(exhibition, tmp_path, tamper, reason):
    export(exhibition.slug, tmp_path / "bag")
    originals = sorted((tmp_path / "bag" / "data" / "originals").iterdir())
    empty_the_archive()
    victim = originals[1]
    if tamper == "change a byte":
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0x01
        victim.write_bytes(bytes(data))
    elif tamper == "delete a file":
        victim.unlink()
    elif tamper == "edit the manifest":
        manifest = tmp_path / "bag" / "manifest-sha256.txt"
        lines = manifest.read_text().splitlines()
        lines = [("0" * 64 + line[64:]) if line.endswith("exhibition.json") else line for line in lines]
        manifest.write_text("\n".join(lines) + "\n")
    else:
        (tmp_path / "bag" / "data" / "originals" / "extra.jpg").write_bytes(jpeg_bytes(seed=99))

    code, out = import_bag(tmp_path / "bag")

    assert code == 1
    assert "The bag is not valid" in out and reason in out and "Nothing was imported." in out
    assert nothing_written()


def test_a_bag_with_a_bad_line_in_its_manifest_is_refused(exhibition, tmp_path):
    export(exhibition.slug, tmp_path / "bag")
    empty_the_archive()
    manifest = tmp_path / "bag" / "manifest-sha256.txt"
    manifest.write_text(manifest.read_text() + "this line is not a checksum\n")
    code, out = import_bag(tmp_path / "bag")
    assert code == 1 and "The bag is not valid" in out and nothing_written()


def test_a_folder_that_is_not_a_bag_is_refused(tmp_path, db):
    (tmp_path / "notabag").mkdir()
    code, out = import_bag(tmp_path / "notabag")
    assert code == 1 and "The bag is not valid" in out and "bagit.txt" in out


def test_events_times_and_logistics_survive(exhibition, tmp_path):
    """Spot check on the typed values (dates, times, booleans) the generic serialiser carries."""
    from exhibit.models import ChecklistEntry

    showing = exhibition.ordered_showings()[0]
    ChecklistEntry.objects.create(showing=showing, item="pre_exhibit_form")
    showing.insurance_from = date(2014, 3, 1)
    showing.save()
    export(exhibition.slug, tmp_path / "bag")
    empty_the_archive()
    assert import_bag(tmp_path / "bag")[0] == 0
    restored = ExhibitionPage.objects.get().ordered_showings()[0]
    assert [row.done for row in restored.checklist] == [True, False, False]
    assert restored.insurance_from == date(2014, 3, 1)
    opening = restored.ordered_events()[0]
    assert (opening.start_time, opening.end_time) == (time(19), time(21))


def test_the_bag_carries_every_language_and_a_restore_brings_each_back(exhibition, tmp_path, client):
    from wagtail.models import Locale

    from exhibit.models import VenueTranslation
    from exhibit.page_translations import translate
    from gallery.models import ArtistTranslation, CommunityTranslation

    spanish = translate(exhibition, Locale.objects.get_or_create(language_code="es")[0],
                        title="Rostros y lugares", summary="Una exposición fotográfica.")
    amela = Artist.objects.get(slug="amela-sinanagic")
    ArtistTranslation.objects.create(artist=amela, language="es", bio="Fotógrafa.")
    CommunityTranslation.objects.create(community=Community.objects.get(slug="bosnian"), language="es",
                                        description="Misurianos bosnios.")
    venue = exhibition.showings.first().venue
    venue.hours = "Daily 9 to 5"
    venue.save()
    VenueTranslation.objects.create(venue=venue, language="es", hours="Todos los días de 9 a 5")

    export(exhibition.slug, tmp_path / "bag")
    record = json.loads((tmp_path / "bag" / "data" / "exhibition.json").read_text())
    assert record["page"]["translations"]["es"]["title"] == "Rostros y lugares"
    assert {a["slug"]: a["translations"] for a in record["artists"]}["amela-sinanagic"] == {"es": {"bio": "Fotógrafa."}}

    empty_the_archive()
    assert not ArtistTranslation.objects.exists() and not ExhibitionPage.objects.filter(pk=spanish.pk).exists()
    code, out = import_bag(tmp_path / "bag")
    assert code == 0, out

    restored = ExhibitionPage.objects.get(locale__language_code="en")
    translated = restored.get_translation(Locale.objects.get(language_code="es"))
    assert (translated.title, translated.specific.summary, translated.live) == ("Rostros y lugares", "Una exposición fotográfica.", True)
    assert list(ArtistTranslation.objects.values_list("artist__slug", "language", "bio")) == [("amela-sinanagic", "es", "Fotógrafa.")]
    assert list(CommunityTranslation.objects.values_list("community__slug", "description")) == [("bosnian", "Misurianos bosnios.")]
    assert list(VenueTranslation.objects.values_list("venue__slug", "hours")) == [(venue.slug, "Todos los días de 9 a 5")]
    # What a Spanish visitor reads of it: the restored translation, served under /es/.
    page = client.get(f"/es{restored.url}")
    assert page.status_code == 200 and "Rostros y lugares" in page.content.decode()
