"""Communities are a curated list: picked, never typed into being; renamed, merged, and deleted with a true count."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from gallery.models import Artist, Community, Photograph
from tests.admin_forms import NO_TRANSLATIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client, django_user_model):
    user = django_user_model.objects.create_user("curator", "curator@example.org", "pw")
    user.groups.add(Group.objects.get(name="Curators"))
    client.force_login(user)
    return client


def edit(client, photo, **fields):
    data = {"title": photo.title, "alt_text": "x", "kind": "historical", "consent": "on_file", "collection": 1}
    data.update(fields)
    return client.post(reverse("wagtailimages:edit", args=[photo.pk]), data)


def test_the_photograph_form_picks_communities_from_the_list(make_photo, curator):
    bosnian, chinese = Community.objects.create(name="Bosnian"), Community.objects.create(name="Chinese")
    photo = make_photo()
    html = curator.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert "data-community-search" in html and 'type="checkbox" name="communities"' in html
    assert edit(curator, photo, communities=[bosnian.pk, chinese.pk]).status_code == 302
    assert sorted(photo.communities.names()) == ["Bosnian", "Chinese"]


def test_typed_names_do_not_become_communities(make_photo, curator):
    Community.objects.create(name="Bosnian")
    photo = make_photo()
    response = edit(curator, photo, communities="Bosnian, Chinese")
    assert response.status_code == 200
    assert "“Bosnian, Chinese” is not a valid value." in response.content.decode()
    assert list(Community.objects.values_list("name", flat=True)) == ["Bosnian"]
    assert list(photo.communities.names()) == []


def test_the_delete_page_counts_every_photograph_and_artist_using_a_community(make_photo, admin_client):
    bosnian = Community.objects.create(name="Bosnian")
    make_photo(communities=[bosnian]), make_photo(communities=[bosnian])
    Artist.objects.create(name="Jane Doe").communities.add(bosnian)
    html = admin_client.get(reverse("wagtailsnippets_gallery_community:delete", args=[bosnian.pk])).content.decode()
    assert "This community is referenced 3 times." in html
    assert f"/admin/images/?community={bosnian.pk}" in html


def test_the_photographs_listing_filters_by_community(make_photo, admin_client):
    bosnian = Community.objects.create(name="Bosnian")
    make_photo(title="Tagged one", communities=[bosnian]), make_photo(title="Other one")
    html = admin_client.get(reverse("wagtailimages:index") + f"?community={bosnian.pk}").content.decode()
    assert "Tagged one" in html and "Other one" not in html


def test_merging_moves_every_photographs_tag_then_deletes_the_other(make_photo, admin_client, client):
    somali, somalian = Community.objects.create(name="Somali"), Community.objects.create(name="Somalian")
    both, only_typo, only_right = (make_photo(communities=[somali, somalian]), make_photo(communities=[somalian]),
                                   make_photo(communities=[somali]))
    artist = Artist.objects.create(name="Jane Doe")
    artist.communities.add(somalian)
    edit_page = admin_client.get(reverse("wagtailsnippets_gallery_community:edit", args=[somalian.pk])).content.decode()
    assert reverse("gallery_community_merge", args=[somalian.pk]) in edit_page
    page = admin_client.get(reverse("gallery_community_merge", args=[somalian.pk])).content.decode()
    assert "“Somalian” is used by: 2 photographs, 0 exhibition pages, 1 artists" in page

    response = admin_client.post(reverse("gallery_community_merge", args=[somalian.pk]), {"into": somali.pk}, follow=True)
    assert "Merged “Somalian” into “Somali”: 2 photographs moved, and “Somalian” deleted." in response.content.decode()
    assert list(Community.objects.values_list("name", flat=True)) == ["Somali"]
    for photo in (both, only_typo, only_right):
        assert list(photo.communities.names()) == ["Somali"]
    assert list(artist.communities.values_list("name", flat=True)) == ["Somali"]
    assert client.get(reverse("gallery:community", args=["somalian"])).status_code == 404
    html = client.get(reverse("gallery:community", args=[somali.slug])).content.decode()
    assert only_typo.title in html


def test_merging_needs_the_delete_permission(client, django_user_model):
    from django.contrib.auth.models import Permission

    somali, somalian = Community.objects.create(name="Somali"), Community.objects.create(name="Somalian")
    editor = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"),
                                Permission.objects.get(codename="change_community"))
    client.force_login(editor)
    response = client.post(reverse("gallery_community_merge", args=[somalian.pk]), {"into": somali.pk})
    # Wagtail's admin answers a refused permission by sending the user to the dashboard with a message.
    assert (response.status_code, response.url) == (302, "/admin/")
    assert Community.objects.count() == 2


def test_renaming_a_community_keeps_its_photographs(make_photo, admin_client):
    community = Community.objects.create(name="Bosnain", slug="bosnain")
    photo = make_photo(communities=[community])
    response = admin_client.post(reverse("wagtailsnippets_gallery_community:edit", args=[community.pk]),
                                 {"name": "Bosnian", "slug": "bosnian", "description": "", **NO_TRANSLATIONS})
    assert response.status_code == 302
    assert list(photo.communities.names()) == ["Bosnian"]


def test_the_multiple_uploaders_update_saves_communities_date_and_credit(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import jpeg_bytes

    bosnian = Community.objects.create(name="Bosnian")
    upload = admin_client.post(reverse("wagtailimages:add_multiple"),
                               {"files[]": SimpleUploadedFile("porch.jpg", jpeg_bytes(seed=5), "image/jpeg")}).json()
    photo_id = upload["image_id"]
    assert f'name="image-{photo_id}-file"' not in upload["form"]
    response = admin_client.post(reverse("wagtailimages:edit_multiple", args=[photo_id]), {
        f"image-{photo_id}-title": "Porch", f"image-{photo_id}-alt_text": "A family on a porch",
        f"image-{photo_id}-date_edtf": "ca 1905", f"image-{photo_id}-credit_line": "Gift of the Begić family",
        f"image-{photo_id}-consent": "not_needed", f"image-{photo_id}-communities": [bosnian.pk],
        f"image-{photo_id}-collection": 1, f"image-{photo_id}-is_published": "on",
    }).json()
    assert response["success"] is True, response.get("form", "")[:2000]
    photo = Photograph.objects.get(pk=photo_id)
    assert (photo.date_edtf, photo.kind, photo.credit_line) == ("1905~", "historical", "Gift of the Begić family")
    assert list(photo.communities.names()) == ["Bosnian"]
