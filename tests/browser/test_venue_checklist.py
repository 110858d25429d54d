"""Venue staff tick "condition report on arrival" with the scanned report attached, in a real
browser, and a curator signing in afterwards sees it on the dashboard and opens the file."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from tests.browser.test_public_pages import ensure_site_tree

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PDF = b"%PDF-1.4\n% condition report: crates 1-4 arrived dry, frame 3 corner scuffed\n%%EOF\n"


@pytest.fixture
def tour_under_way(django_user_model):
    from exhibit.models import ExhibitionPage, HomePage, Showing, Venue

    ensure_site_tree()
    venue = Venue.objects.create(name="Park Central Branch Library", city="Springfield", state="MO",
                                 time_zone="America/Chicago")
    today = timezone.localdate()
    page = HomePage.objects.get().add_child(instance=ExhibitionPage(title="Faces & Places", slug="faces-and-places",
                                                                     summary="A photographic exhibition."))
    Showing.objects.create(exhibition=page, venue=venue, opens=today - timedelta(days=2),
                           closes=today + timedelta(days=20), deliver_by=today - timedelta(days=6),
                           install_from=today - timedelta(days=5), crate_list="Crates 1-4")
    page.save_revision().publish()
    staff = django_user_model.objects.create_user("zelda", "z@example.org", "venue-pass-1",
                                                  first_name="Zelda", last_name="Quimby")
    staff.groups.add(Group.objects.get_or_create(name="Venue staff")[0])
    venue.staff.add(staff)
    curator = django_user_model.objects.create_superuser("cora", "c@example.org", "curator-pass-1")
    return staff, curator


def sign_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_venue_staff_tick_the_condition_report_and_a_curator_sees_it(browser, live_server, tour_under_way, tmp_path):
    report = tmp_path / "condition report.pdf"
    report.write_bytes(PDF)
    context = browser.new_context()
    page = context.new_page()
    failed = []  # e.g. avatars from Gravatar, which cannot load here
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))

    sign_in(page, live_server, "zelda", "venue-pass-1")
    assert page.url == f"{live_server.url}/staff/schedule/"  # their schedule, not an empty dashboard
    assert "Signed in as Zelda Quimby" in page.locator(".staff-nav").inner_text()
    item = page.locator(".checklist li", has_text="Condition report on arrival")
    item.get_by_label("Condition report on arrival").check()
    item.get_by_label("Attach the filled form or report (PDF or photo)").set_input_files(str(report))
    item.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Condition report on arrival ticked for Faces & Places at Park Central Branch Library with the attached file." in page.inner_text("main")
    item = page.locator(".checklist li", has_text="Condition report on arrival")
    assert item.get_by_label("Condition report on arrival").is_checked()
    assert "ticked by Zelda Quimby" in item.inner_text()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert "/admin/login/" in page.url

    sign_in(page, live_server, "cora", "curator-pass-1")
    assert page.url == f"{live_server.url}/admin/"
    panel = page.locator("#dashboard-checklist-section")
    text = panel.inner_text()
    assert "Condition report on arrival: Faces & Places at Park Central Branch Library, ticked by Zelda Quimby on" in text
    overdue = text.split("Not done after their date")[1].split("Ticked and sent")[0]
    assert "Pre-exhibit form received" in overdue and "Condition report" not in overdue
    link = panel.get_by_role("link", name="Open the attached file")
    response = context.request.get(f"{live_server.url}{link.get_attribute('href')}")  # with the curator's session
    assert response.status == 200 and response.body() == PDF
    assert failed == []
    context.close()
