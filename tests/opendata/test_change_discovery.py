"""IIIF Change Discovery 1.0 and the records behind it: each change recorded when it happens."""

import json

import pytest

pytestmark = pytest.mark.django_db


def stream(client):
    collection = json.loads(client.get("/iiif/discovery/activity/all-changes").content)
    items, url = [], collection["first"]["id"]
    while url:
        response = client.get(url.replace("http://testserver", ""))
        assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
        page = json.loads(response.content)
        assert page["type"] == "OrderedCollectionPage" and page["partOf"]["id"] == collection["id"]
        items += page["orderedItems"]
        url = page.get("next", {}).get("id")
    assert len(items) == collection["totalItems"]
    return collection, items


def manifest(photo):
    return f"http://testserver/iiif/3/manifests/photographs/{photo.iiif_identifier}/manifest.json"


def test_the_stream_is_a_paged_ordered_collection_of_manifest_activities(archive, client):
    collection, items = stream(client)
    assert collection["@context"] == "http://iiif.io/api/discovery/1/context.json"
    assert collection["type"] == "OrderedCollection"
    assert collection["last"]["id"].endswith(f"page-{(collection['totalItems'] - 1) // 4}")
    assert {item["type"] for item in items} <= {"Create", "Update", "Delete"}
    assert all(item["object"]["type"] == "Manifest" and item["endTime"].endswith("Z") for item in items)
    assert [item["endTime"] for item in items] == sorted(item["endTime"] for item in items)
    objects = {item["object"]["id"] for item in items}
    assert objects == {manifest(p) for p in archive["photos"]} | {
        "http://testserver/iiif/3/manifests/exhibitions/faces-and-places/manifest.json"}
    # Every object's first activity is its Create; every manifest named answers now.
    for target in objects:
        assert [i["type"] for i in items if i["object"]["id"] == target][0] == "Create"
        assert client.get(target.replace("http://testserver", "")).status_code == 200
    assert client.get("/iiif/discovery/activity/page-99").status_code == 404


@pytest.mark.parametrize("withdraw", ["consent", "unpublish", "alt_text", "private_collection", "delete"])
def test_every_way_a_photograph_stops_being_public_is_a_delete(archive, client, withdraw):
    from wagtail.models import Collection, CollectionViewRestriction

    from gallery.models import Photograph
    from opendata.models import PublicRecord

    photo = archive["photos"][0]
    photo_id, target = photo.pk, manifest(photo)
    if withdraw == "consent":
        photo.consent = Photograph.Consent.WITHHELD
        photo.save()
    elif withdraw == "unpublish":
        photo.is_published = False
        photo.save()
    elif withdraw == "alt_text":
        photo.alt_text = ""
        photo.save()
    elif withdraw == "private_collection":
        private = Collection.get_first_root_node().add_child(name="Family papers")
        photo.collection = private
        photo.save()
        assert [i["type"] for i in stream(client)[1] if i["object"]["id"] == target][-1] == "Update"
        CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    else:
        photo.delete()
    items = stream(client)[1]
    assert [i["type"] for i in items if i["object"]["id"] == target][-1] == "Delete"
    record = PublicRecord.objects.get(kind="photograph", object_id=photo_id)
    assert not record.is_public and record.digest == ""
    # It keeps the sets it was in, so a harvest of any of them learns of the withdrawal.
    assert record.sets == ["exhibition", "exhibition:faces-and-places", "community", "community:bosnian"]
    # The exhibition's manifest lost a canvas: it is updated too (unless nothing changed for it).
    exhibition = "http://testserver/iiif/3/manifests/exhibitions/faces-and-places/manifest.json"
    assert [i["type"] for i in items if i["object"]["id"] == exhibition][-1] == "Update"


def test_a_photograph_made_public_again_is_created_again(archive, client):
    from gallery.models import Photograph

    photo = archive["photos"][3]
    photo.consent = Photograph.Consent.WITHHELD
    photo.save()
    photo.consent = Photograph.Consent.ON_FILE
    photo.save()
    assert [i["type"] for i in stream(client)[1] if i["object"]["id"] == manifest(photo)][-2:] == ["Delete", "Create"]


def test_a_save_that_changes_nothing_public_is_no_update(archive, client):
    photo = archive["photos"][3]
    before = len(stream(client)[1])
    photo.exif_warnings = ["a curator-only note"]
    photo.save()
    assert len(stream(client)[1]) == before
    photo.title = "Market day, retitled"
    photo.save()
    after = stream(client)[1]
    assert len(after) == before + 1 and after[-1] == {**after[-1], "type": "Update", "object": {"id": manifest(photo), "type": "Manifest"}}


def test_an_unpublished_exhibition_is_deleted_and_its_photographs_leave_its_set(archive, client):
    exhibition = "http://testserver/iiif/3/manifests/exhibitions/faces-and-places/manifest.json"
    archive["exhibition"].unpublish()
    items = stream(client)[1]
    assert [i["type"] for i in items if i["object"]["id"] == exhibition][-1] == "Delete"
    from opendata.models import PublicRecord

    for photo in archive["photos"][:3]:
        record = PublicRecord.objects.get(kind="photograph", object_id=photo.pk)
        assert record.is_public and "exhibition:faces-and-places" not in record.sets


def test_sync_open_data_records_an_archive_that_predates_the_records(archive):
    from django.core.management import call_command

    from opendata.models import Activity, PublicRecord

    Activity.objects.all().delete()
    PublicRecord.objects.all().delete()
    call_command("sync_open_data")
    assert PublicRecord.objects.filter(kind="photograph", is_public=True).count() == 5
    assert PublicRecord.objects.filter(kind="exhibition", is_public=True).count() == 1
    assert not PublicRecord.objects.filter(object_id=archive["private"].pk, kind="photograph").exists()


def test_renaming_an_artist_or_a_community_updates_their_photographs(archive, client):
    before = len(stream(client)[1])
    chinese = archive["communities"][1]
    chinese.name = "Chinese American"
    chinese.save()
    items = stream(client)[1][before:]
    assert sorted(i["object"]["id"] for i in items) == sorted(manifest(p) for p in archive["photos"][3:])
    assert {i["type"] for i in items} == {"Update"}
    artist = archive["artist"]
    artist.name = "Amra H."
    artist.save()
    items = stream(client)[1][before + len(items):]
    assert sorted(i["object"]["id"] for i in items) == sorted(manifest(p) for p in archive["photos"] if p.artist_id)
    body = client.get("/oai/", {"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                "identifier": f"oai:faces-and-places:photograph/{archive['photos'][3].iiif_identifier}"}).content.decode()
    assert "<dc:subject>Chinese American</dc:subject>" in body and "<dc:creator>Amra H.</dc:creator>" in body
