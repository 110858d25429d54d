"""A curator in a real browser, typing what people type: nothing they enter is changed without a word.

Each test types into Wagtail's admin as a person does (click, type, Tab away, save) and then reads
what the page and the database say was kept.
"""

import datetime
import shutil

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from gallery.models import Community, Photograph
from tests.browser.conftest import wait_until
from tests.browser.test_public_pages import ensure_site_tree
from tests.conftest import shared_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a curator's password"
CAMERA_FILES = ["Canon_40D.jpg", "Nikon_D70.jpg", "Sony_HDR-HC3.jpg", "gps/DSCN0010.jpg", "gps/DSCN0021.jpg"]


@pytest.fixture
def curator(django_user_model):
    ensure_site_tree()
    user = django_user_model.objects.create_user("curator", "curator@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Curators"))
    return user


@pytest.fixture
def signed_in(browser, live_server, curator):
    """A browser page signed in to the admin through its login form."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.errors = errors
    yield page
    context.close()


def type_into(page, selector, text):
    """Click a field, type as a person does, then Tab away (where Wagtail's pickers used to rewrite it)."""
    field = page.locator(selector)
    field.click()
    field.fill("")
    field.press_sequentially(text)
    field.press("Tab")
    return field


def pick_communities(page, scope, *prefixes):
    """Type the start of each name into the community search and press Enter, as with a tag widget."""
    search = page.locator(f"{scope} [data-community-search]")
    for prefix in prefixes:
        search.click()
        search.press_sequentially(prefix)
        search.press("Enter")


def add_exhibition_page(page, live_server):
    from exhibit.models import HomePage

    home = HomePage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/exhibit/exhibitionpage/{home.pk}/")
    page.fill("#id_title", "Faces and Places 2027")
    page.fill("#id_summary", "Photographs of Missouri's immigrant communities, old and new.")


def add_stop(page, venue_name, opens, closes):
    page.click("#id_showings-ADD")
    page.locator("#id_showings-0-venue").locator("xpath=..").locator("button", has_text="Choose").first.click()
    page.locator(".modal").get_by_role("link", name=venue_name).click()
    page.locator(".modal").wait_for(state="hidden")
    type_into(page, "#id_showings-0-opens", opens)
    type_into(page, "#id_showings-0-closes", closes)


def add_event(page, index, kind, date, start="", end=""):
    page.click("#id_showings-0-events-ADD")
    page.select_option(f"#id_showings-0-events-{index}-kind", label=kind)
    type_into(page, f"#id_showings-0-events-{index}-date", date)
    if start:
        type_into(page, f"#id_showings-0-events-{index}-start_time", start)
    if end:
        type_into(page, f"#id_showings-0-events-{index}-end_time", end)


def publish(page):
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.click("button[name='action-publish']")
    page.wait_for_url("**/admin/pages/**/")


def test_dates_and_times_typed_in_the_showing_form_are_kept_and_saved_as_meant(signed_in, live_server, springfield):
    page = signed_in
    add_exhibition_page(page, live_server)
    add_stop(page, springfield.name, "Feb 6, 2027", "3/28/2027")
    type_into(page, "#id_showings-0-deliver_by", "January 20, 2027")
    add_event(page, 0, "Opening reception", "February 6, 2027", "6:00 pm", "8pm")
    add_event(page, 1, "Gallery talk", "2027-02-13", "noon", "13:00")
    # Leaving each field changed nothing: no picker turned the text into today or a morning time.
    assert page.input_value("#id_showings-0-opens") == "Feb 6, 2027"
    assert page.input_value("#id_showings-0-closes") == "3/28/2027"
    assert page.input_value("#id_showings-0-events-0-start_time") == "6:00 pm"
    assert page.input_value("#id_showings-0-events-0-end_time") == "8pm"
    publish(page)

    from exhibit.models import Showing

    showing = Showing.objects.get()
    assert (showing.opens, showing.closes, showing.deliver_by) == (
        datetime.date(2027, 2, 6), datetime.date(2027, 3, 28), datetime.date(2027, 1, 20))
    events = showing.ordered_events()
    assert [(e.date, e.start_time, e.end_time) for e in events] == [
        (datetime.date(2027, 2, 6), datetime.time(18, 0), datetime.time(20, 0)),
        (datetime.date(2027, 2, 13), datetime.time(12, 0), datetime.time(13, 0)),
    ]
    page.goto(f"{live_server.url}/admin/pages/{showing.exhibition_id}/edit/")
    words = page.locator("[data-typed-date-words]").all_inner_texts()
    assert "Saturday, February 6, 2027" in words and "Sunday, March 28, 2027" in words and "6:00 pm" in words


def test_a_time_without_am_or_pm_is_refused_not_saved_as_morning(signed_in, live_server, springfield):
    page = signed_in
    add_exhibition_page(page, live_server)
    add_stop(page, springfield.name, "Feb 6, 2027", "Febtober 9, 2027")
    add_event(page, 0, "Opening reception", "Feb 6, 2027", "6:00")
    publish_attempt = page.locator("footer [data-w-dropdown-target='toggle']").first
    publish_attempt.click()
    page.click("button[name='action-publish']")
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("“6:00” could be morning or evening: add am or pm")).to_be_visible()
    expect(page.get_by_text("“Febtober 9, 2027” is not a date this form can read")).to_be_visible()
    assert page.input_value("#id_showings-0-events-0-start_time") == "6:00"

    from exhibit.models import Showing

    assert not Showing.objects.exists()


@pytest.fixture
def uploaded(make_photo):
    return make_photo(title="Porch", data=open(shared_path("corpus", "exif", "jpg", "Nikon_D70.jpg"), "rb").read())


def test_communities_are_picked_from_the_list_and_enter_never_joins_two_names(signed_in, live_server, uploaded):
    Community.objects.create(name="Bosnian")
    Community.objects.create(name="Chinese")
    page = signed_in
    page.goto(f"{live_server.url}/admin/images/{uploaded.pk}/")
    pick_communities(page, "form", "Bos", "Chi")
    page.click("form button[type=submit]:has-text('Save')")
    page.wait_for_url(f"{live_server.url}/admin/images/**")
    assert sorted(uploaded.communities.names()) == ["Bosnian", "Chinese"]
    assert sorted(Community.objects.values_list("name", flat=True)) == ["Bosnian", "Chinese"]


def test_a_date_written_as_curators_write_it_is_stored_as_edtf_and_shown_both_ways(signed_in, live_server, uploaded):
    page = signed_in
    page.goto(f"{live_server.url}/admin/images/{uploaded.pk}/")
    type_into(page, "#id_date_edtf", "ca 1905")
    page.select_option("#id_kind", "")
    page.click("form button[type=submit]:has-text('Save')")
    page.wait_for_url(f"{live_server.url}/admin/images/**")
    uploaded.refresh_from_db()
    assert (uploaded.date_edtf, uploaded.kind, uploaded.kind_inferred) == ("1905~", "historical", True)

    page.goto(f"{live_server.url}/admin/images/{uploaded.pk}/")
    expect(page.get_by_text("Saved as ca. 1905 (EDTF: 1905~)")).to_be_visible()
    expect(page.get_by_text("Historical: inferred from its date (ca. 1905).")).to_be_visible()

    type_into(page, "#id_date_edtf", "sometime before the war")
    with page.expect_navigation():
        page.click("form button[type=submit]:has-text('Save')")
    expect(page.get_by_text("“sometime before the war” is not a date the archive can read")).to_be_visible()
    uploaded.refresh_from_db()
    assert uploaded.date_edtf == "1905~"


@pytest.fixture
def springfield(db):
    from exhibit.models import Venue

    return Venue.objects.create(name="Springfield-Greene County Library Center", slug="springfield",
                                city="Springfield", state="MO", time_zone="America/Chicago")


def test_a_curators_whole_path_from_upload_to_the_public_page_and_its_calendar(
        signed_in, live_server, run_tasks, tmp_path):
    page = signed_in
    for name in ("Bosnian", "Chinese", "Somali"):
        Community.objects.create(name=name)
    files = []
    for name in CAMERA_FILES:
        target = tmp_path / name.replace("/", "-")
        shutil.copy(shared_path("corpus", "exif", "jpg", *name.split("/")), target)
        files.append(str(target))

    # Five camera files through the multiple uploader.
    page.goto(f"{live_server.url}/admin/images/multiple/add/")
    page.set_input_files("#fileupload", files)
    page.locator("#upload-list .upload-success").nth(4).wait_for()
    forms = page.locator("#upload-list li form")
    assert forms.count() == 5

    # Alt text, "ca 1905", a credit line and communities picked from the list, on each. An updated
    # photograph leaves the list, so the next one to fix is always the first.
    for done in range(5):
        item = page.locator("#upload-list > li.upload-success").first
        item.locator("[name$='alt_text']").first.fill(f"Family portrait number {done + 1}")
        # The camera's clock pre-filled the date (2008); the curator replaces it.
        date = item.locator("input[name$='date_edtf']")
        date.click()
        date.press("Control+a")
        date.press_sequentially("ca 1905")
        date.press("Tab")
        item.locator("input[name$='credit_line']").fill("Gift of the Begić family")
        item.locator("select[name$='consent']").select_option("not_needed")
        search = item.locator("[data-community-search]")
        search.click()
        search.press_sequentially("Bos")
        search.press("Enter")
        item.locator("button[type=submit]", has_text="Update").click()
        wait_until(page, f"document.querySelectorAll('#upload-list > li.upload-success').length === {4 - done} "
                         "|| document.querySelector('#upload-list form .error-message') !== null")
        errors = [error.locator("xpath=ancestor::*[contains(@class,'w-field__wrapper')][1]").inner_text()
                  for error in page.locator("#upload-list form .error-message").all()]
        assert errors == []

    photos = list(Photograph.objects.order_by("pk"))
    assert len(photos) == 5
    for photo in photos:
        assert photo.date_edtf == "1905~" and photo.credit_line == "Gift of the Begić family"
        assert list(photo.communities.names()) == ["Bosnian"] and photo.kind == "historical"
    assert Community.objects.count() == 3

    # A new exhibition with one stop at a new venue, made from the stop's venue chooser without leaving
    # the page, and two events, one of them Time TBA, typed as people type them.
    add_exhibition_page(page, live_server)
    page.click("#id_showings-ADD")
    page.locator("#id_showings-0-venue").locator("xpath=..").locator("button", has_text="Choose").first.click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="New venue").click()
    modal.locator("[name='name']").fill("Columbia Public Library")
    modal.locator("[name='city']").fill("Columbia")
    modal.locator("[name='state']").fill("MO")
    modal.locator("[name='postal_code']").fill("65201")
    type_into(page, ".modal [name='time_zone']", "America/Chicago")
    modal.get_by_role("button", name="Add this venue").click()
    modal.wait_for(state="hidden")
    expect(page.locator("#id_showings-0-venue-title")).to_have_text("Columbia Public Library")
    type_into(page, "#id_showings-0-opens", "Feb 6, 2027")
    type_into(page, "#id_showings-0-closes", "3/28/2027")
    add_event(page, 0, "Opening reception", "February 6, 2027", "6:00 pm", "8pm")
    add_event(page, 1, "Gallery talk", "Feb 20, 2027")
    publish(page)

    from exhibit.models import ExhibitionPage

    exhibition = ExhibitionPage.objects.get(title="Faces and Places 2027")
    assert exhibition.live

    # The five photographs into the exhibition, with the bulk action on the photographs listing.
    page.goto(f"{live_server.url}/admin/images/?layout=list")
    boxes = page.locator("input[data-bulk-action-checkbox]:visible")
    assert boxes.count() == 5
    for box in boxes.all():
        box.check()
    assert page.locator("[data-bulk-action-num-objects]").inner_text() == "All 5 photographs on this screen selected"
    # A button in the footer itself: Wagtail binds the items under "More" only once the menu has finished
    # opening, and a click before that goes to the action without the ticked ids (a 404).
    action = page.locator("[data-bulk-action-footer] [data-bulk-action-button]", has_text="Add to an exhibition")
    expect(action).to_be_visible()
    with page.expect_navigation():
        action.click()
    assert "This changes the following 5 photographs" in page.locator("main").inner_text()
    page.select_option("#id_exhibition", label="Faces and Places 2027")
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Add them')")
    assert exhibition.exhibition_photographs.count() == 5

    # The public page and its calendar say what the curator meant.
    public = page.context.new_page()
    public.goto(live_server.url + exhibition.url)
    text = public.locator("main").inner_text()
    assert "Columbia Public Library" in text
    assert "Opening reception" in text and "Saturday, February 6, 2027, 6-8 pm" in text
    assert "Gallery talk" in text and "Saturday, February 20, 2027, Time TBA" in text
    assert "Gift of the Begić family" in text and "ca. 1905" in text
    assert public.locator("img[alt='Family portrait number 1']").count() >= 1
    # Camera facts of a "ca. 1905" photograph's copy camera are not shown.
    photo_page = public.context.new_page()
    photo_page.goto(live_server.url + photos[0].get_absolute_url())
    assert "Camera" not in photo_page.locator(".photograph-facts").inner_text()

    # Printed, the page starts with words, and each label keeps its date and credit line.
    public.emulate_media(media="print")
    assert not public.locator(".exhibition-hero-image").is_visible()
    assert public.locator(".label-credit").first.is_visible()

    calendar_url = public.locator("link[type='text/calendar']").get_attribute("href")
    response = public.request.get(calendar_url if calendar_url.startswith("http") else live_server.url + calendar_url)
    ical = response.text().replace("\r\n ", "")
    assert "SUMMARY;LANGUAGE=en:Opening reception" in ical  # the exhibition page is in English
    assert "DTSTART;TZID=America/Chicago:20270206T180000" in ical
    assert "DTEND;TZID=America/Chicago:20270206T200000" in ical
    assert "DTSTART;VALUE=DATE:20270220" in ical and "STATUS:TENTATIVE" in ical
    assert page.errors == []


def test_a_go_live_and_expiry_typed_in_the_schedule_dialog_are_kept_and_saved_as_meant(signed_in, live_server):
    page = signed_in
    add_exhibition_page(page, live_server)
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Set schedule").click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    go_live = type_into(page, "#schedule-publishing-dialog [name='go_live_at']", "Feb 6, 2027 6:00 pm")
    expires = type_into(page, "#schedule-publishing-dialog [name='expire_at']", "3/28/2027 7pm")
    # Leaving each field changed nothing: no picker replaced the text with today or a morning time.
    assert go_live.input_value() == "Feb 6, 2027 6:00 pm"
    assert expires.input_value() == "3/28/2027 7pm"
    with page.expect_navigation():
        dialog.get_by_role("button", name="Save schedule").click()

    from zoneinfo import ZoneInfo

    from exhibit.models import ExhibitionPage

    exhibition = ExhibitionPage.objects.get(title="Faces and Places 2027")
    revision = exhibition.latest_revision.as_object()
    chicago = ZoneInfo("America/Chicago")
    assert revision.go_live_at.astimezone(chicago).replace(tzinfo=None) == datetime.datetime(2027, 2, 6, 18, 0)
    assert revision.expire_at.astimezone(chicago).replace(tzinfo=None) == datetime.datetime(2027, 3, 28, 19, 0)
    page.goto(f"{live_server.url}/admin/pages/{exhibition.pk}/edit/")
    words = page.locator("#schedule-publishing-dialog [data-typed-date-words]").all_inner_texts()
    assert "Saturday, February 6, 2027, 6:00 pm" in words and "Sunday, March 28, 2027, 7:00 pm" in words


def test_a_go_live_the_form_cannot_read_is_refused_with_a_message(signed_in, live_server):
    page = signed_in
    add_exhibition_page(page, live_server)
    page.locator("[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Set schedule").click()
    type_into(page, "#schedule-publishing-dialog [name='go_live_at']", "Febtober 6, 2027 6pm")
    with page.expect_navigation():
        page.locator("#schedule-publishing-dialog").get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("The page could not be created due to validation errors")).to_be_visible()
    expect(page.get_by_text("Invalid schedule")).to_be_visible()
    page.get_by_role("button", name="Edit schedule").click()
    assert page.input_value("#schedule-publishing-dialog [name='go_live_at']") == "Febtober 6, 2027 6pm"
    expect(page.get_by_text("“Febtober 6, 2027 6pm” is not a date and time this form can read")).to_be_visible()

    from exhibit.models import ExhibitionPage

    assert not ExhibitionPage.objects.exists()


def test_a_curator_translates_the_alt_text_beside_the_english_and_the_dashboard_counts_one_less(
        signed_in, live_server, uploaded, screenshots):
    from gallery.models import PhotographTranslation

    uploaded.alt_text = "A wooden porch with two chairs"
    uploaded.save()
    page = signed_in
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("link", name="Alt text missing in Spanish: 1")).to_be_visible()
    page.goto(f"{live_server.url}/admin/images/{uploaded.pk}/")
    spanish = page.locator('[data-translation="es"]')
    expect(spanish.get_by_text("A wooden porch with two chairs")).to_be_visible()
    expect(spanish.get_by_text("Not translated into Spanish yet").first).to_be_visible()
    typed = "Un porche de madera con dos sillas "
    type_into(page, "#id_translation-es-alt_text", typed)
    assert page.locator("#id_translation-es-alt_text").get_attribute("lang") == "es"
    page.screenshot(path=str(screenshots / "admin-photograph-translation.png"), full_page=True)
    page.click("form button[type=submit]:has-text('Save')")
    page.wait_for_url(f"{live_server.url}/admin/images/**")
    assert PhotographTranslation.objects.get(photograph=uploaded, language="es").alt_text == typed
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_text("Alt text missing in Spanish")).to_have_count(0)
    expect(page.get_by_role("link", name="Title missing in Spanish: 1")).to_be_visible()
    assert page.errors == []
