"""Adding photographs to an exhibition: `import_photos --exhibition` and the image listing's bulk action."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from exhibit.models import ExhibitionPage
from gallery.models import Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def titles_in(page, *, latest=True):
    """The photographs of the exhibition in order: of the latest revision, or of the live page."""
    page = ExhibitionPage.objects.get(pk=page.pk)
    if latest:
        page = page.get_latest_revision_as_object()
    return [item.photograph.title for item in page.exhibition_photographs.all()]


def import_photos(*args):
    out = StringIO()
    try:
        call_command("import_photos", *map(str, args), stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + f"CommandError: {error}"
    return 0, out.getvalue()


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "photos"
    (root / "b-sub").mkdir(parents=True)
    (root / "c.jpg").write_bytes(jpeg_bytes(seed=3))
    (root / "a.jpg").write_bytes(jpeg_bytes(seed=1))
    (root / "b-sub" / "b.jpg").write_bytes(jpeg_bytes(seed=2))
    return root


def test_import_with_exhibition_appends_in_folder_order_without_duplicates(folder, make_exhibition, make_photo):
    page = make_exhibition(title="Faces")
    already = make_photo(data=jpeg_bytes(seed=2), title="Already archived and shown")
    call_add = add_photographs_now(page, [already])
    assert call_add == ["Already archived and shown"]

    code, out = import_photos(folder, "--exhibition", page.slug)

    assert code == 0, out
    # a.jpg and c.jpg are new; b-sub/b.jpg is the archived photograph (same bytes): skipped, and already shown.
    assert titles_in(page) == ["Already archived and shown", "a", "c"]
    assert titles_in(page, latest=False) == ["Already archived and shown", "a", "c"]  # the live page was published
    assert "2 photographs added to “Faces”; 1 already in it; the page was published." in out

    code, out = import_photos(folder, "--exhibition", page.slug)  # again: everything skipped, nothing doubled
    assert code == 0 and titles_in(page) == ["Already archived and shown", "a", "c"]
    assert "0 photographs added" in out


def add_photographs_now(page, photos):
    from exhibit.exhibition_photographs import add_photographs

    add_photographs(page, photos)
    return titles_in(page)


def test_unknown_exhibition_is_an_error_before_anything_is_imported(folder, make_exhibition):
    make_exhibition(title="Faces")
    code, out = import_photos(folder, "--exhibition", "no-such-show")
    assert code == 2
    assert "There is no exhibition with the slug “no-such-show” (exhibitions: faces)" in out
    assert Photograph.objects.count() == 0


def test_dry_run_with_exhibition_changes_nothing(folder, make_exhibition):
    page = make_exhibition(title="Faces")
    code, out = import_photos(folder, "--exhibition", page.slug, "--dry-run")
    assert code == 0 and Photograph.objects.count() == 0 and titles_in(page) == []
    assert "would be added" in out


def test_rejected_files_do_not_keep_the_others_out_of_the_exhibition(folder, make_exhibition):
    page = make_exhibition(title="Faces")
    (folder / "broken.jpg").write_bytes(b"not a picture at all")
    code, out = import_photos(folder, "--exhibition", page.slug)
    assert code == 1 and "rejected broken.jpg" in out
    assert titles_in(page) == ["a", "b", "c"]


# ---- The bulk action on the image listing ----


def bulk_url(photos):
    ids = "&".join(f"id={photo.pk}" for photo in photos)
    listing = reverse("wagtailimages:index")
    return reverse("wagtail_bulk_action", args=["gallery", "photograph", "add_to_exhibition"]) + f"?{ids}&next={listing}"


def messages_of(response):
    """The messages shown on the listing the action returns to."""
    assert response.status_code == 200 and response.redirect_chain
    return [str(message).strip() for message in response.context["messages"]]


def test_bulk_action_form_lists_exhibitions_and_adds_to_a_live_page(make_photo, make_exhibition, admin_client):
    faces = make_exhibition(title="Faces")
    other = make_exhibition(title="Other show")
    first, second, third = make_photo(title="First"), make_photo(title="Second"), make_photo(title="Third")
    add_photographs_now(faces, [second])

    form = admin_client.get(bulk_url([first, second, third]))
    html = form.content.decode()
    assert form.status_code == 200
    assert "Add to an exhibition" in html and "Faces" in html and "Other show" in html and "Third" in html

    response = admin_client.post(bulk_url([third, first, second]), {"exhibition": faces.pk}, follow=True)

    assert response.status_code == 200
    assert "2 photographs added to “Faces”; 1 already in it; the page was published." in messages_of(response)
    assert titles_in(faces, latest=False) == ["Second", "First", "Third"]
    assert titles_in(other) == []
    revisions = ExhibitionPage.objects.get(pk=faces.pk).revisions.count()
    assert revisions == 3  # made by the fixture, by the first add, by the bulk action


def test_bulk_action_keeps_a_draft_of_a_page_that_is_not_live(make_photo, make_exhibition, admin_client):
    page = make_exhibition(title="Faces")
    ExhibitionPage.objects.get(pk=page.pk).unpublish()
    photo = make_photo(title="First")

    response = admin_client.post(bulk_url([photo]), {"exhibition": page.pk}, follow=True)

    assert "1 photograph added to “Faces”; saved as a draft (the page is not live)." in messages_of(response)
    assert titles_in(page) == ["First"] and titles_in(page, latest=False) == []
    assert not ExhibitionPage.objects.get(pk=page.pk).live


def test_bulk_action_does_not_publish_someone_elses_unpublished_changes(make_photo, make_exhibition, admin_client):
    page = make_exhibition(title="Faces")
    draft = ExhibitionPage.objects.get(pk=page.pk)
    draft.summary = "A new summary nobody has approved yet."
    draft.save_revision()
    photo = make_photo(title="First")

    response = admin_client.post(bulk_url([photo]), {"exhibition": page.pk}, follow=True)

    assert any("saved as a draft, because the page has other unpublished changes" in m for m in messages_of(response))
    latest = ExhibitionPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.summary == "A new summary nobody has approved yet."  # the draft was built on, not lost
    assert titles_in(page) == ["First"]
    live = ExhibitionPage.objects.get(pk=page.pk)
    assert live.summary == "A photographic exhibition." and titles_in(page, latest=False) == []


@pytest.fixture
def editor_client(client, django_user_model, home):
    """A user who may edit photographs and pages but not publish."""
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    group = Group.objects.create(name="Page editors without publishing")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = Collection.get_first_root_node()
    for codename in ("change_image", "choose_image"):  # Wagtail checks images against wagtailimages.Image's
        GroupCollectionPermission.objects.create(group=group, collection=root, permission=Permission.objects.get(
            content_type__app_label="wagtailimages", codename=codename))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(group=group, page=home, permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename=codename))
    user.groups.add(group)
    client.force_login(user)
    return client


def test_bulk_action_by_an_editor_who_may_not_publish_saves_a_draft(make_photo, make_exhibition, editor_client):
    page = make_exhibition(title="Faces")
    photo = make_photo(title="First")

    response = editor_client.post(bulk_url([photo]), {"exhibition": page.pk}, follow=True)

    assert response.status_code == 200
    assert ("1 photograph added to “Faces”; saved as a draft for someone who may publish it to publish."
            in messages_of(response))
    assert titles_in(page) == ["First"] and titles_in(page, latest=False) == []
    revision = ExhibitionPage.objects.get(pk=page.pk).get_latest_revision()
    assert revision.user.username == "editor"


def test_bulk_action_offers_only_exhibitions_the_user_may_edit(make_photo, make_exhibition, editor_client, home):
    from exhibit.models import ExhibitionIndexPage

    mine = make_exhibition(title="Mine")
    elsewhere = home.get_parent().add_child(instance=ExhibitionIndexPage(title="Other site", slug="other-site"))
    theirs = make_exhibition(title="Theirs", parent=elsewhere)
    photo = make_photo(title="First")

    html = editor_client.get(bulk_url([photo])).content.decode()
    assert "Mine" in html and "Theirs" not in html

    response = editor_client.post(bulk_url([photo]), {"exhibition": theirs.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert titles_in(theirs) == [] and titles_in(mine) == []
