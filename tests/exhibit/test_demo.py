"""`load_demo` builds the demo archive and can run twice without duplicating anything."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from gallery import demo
from gallery.models import Artist, Community, Photograph

pytestmark = pytest.mark.django_db


def test_load_demo_twice_duplicates_nothing(client):
    call_command("load_demo")
    counts = (Photograph.objects.count(), Artist.objects.count(), Community.objects.count())
    call_command("load_demo")
    assert (Photograph.objects.count(), Artist.objects.count(), Community.objects.count()) == counts
    assert counts[0] >= 12 and counts[1] == 4

    assert set(Artist.objects.values_list("name", flat=True)) == {"Oscar Pedroza", "Juan Montana", "Amela Sinanagic", "Rita Chu"}
    # Generated images are never presented as the real photographers' work.
    assert not Photograph.objects.filter(artist__isnull=False).exists()
    assert all("sample" in caption.lower() for caption in Photograph.objects.values_list("caption", flat=True))
    assert Photograph.objects.filter(kind="historical").exclude(date_edtf="").exclude(source="").exists()
    assert Photograph.objects.filter(kind="contemporary", gps_latitude__isnull=False, camera_make="DemoCam").exists()
    assert Photograph.objects.public().count() == counts[0]

    home = client.get("/")
    assert home.status_code == 200 and "Sample:" in home.content.decode()
    community = Community.objects.filter(photographs__isnull=False).first()
    assert client.get(community.get_absolute_url()).status_code == 200
    assert client.get(Artist.objects.first().get_absolute_url()).status_code == 200


def test_groups_exist_with_their_permissions():
    curators = Group.objects.get(name="Curators")
    codenames = set(curators.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_artist", "change_community"} <= codenames
    assert set(curators.collection_permissions.values_list("permission__codename", flat=True)) >= {
        "add_photograph", "change_photograph", "choose_photograph"
    }
    venue_staff = Group.objects.get(name="Venue staff")
    assert not venue_staff.permissions.filter(codename__startswith="change_").exists()
    assert not venue_staff.collection_permissions.filter(permission__codename__in=["add_photograph", "change_photograph"]).exists()
