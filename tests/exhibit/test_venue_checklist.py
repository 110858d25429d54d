"""
Venue staff tick their checklist (who and when kept) and attach the filled form or report, which only
curators and that venue's staff can open; the tick survives the page being published again.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exhibit.models import ChecklistEntry

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def staff_of(django_user_model, venue, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw", first_name=username.title())
    user.groups.add(Group.objects.get(name="Venue staff"))
    venue.staff.add(user)
    return user


@pytest.fixture
def springfield_staff(django_user_model, springfield):
    return staff_of(django_user_model, springfield, "zelda")


@pytest.fixture
def columbia_staff(django_user_model, columbia):
    return staff_of(django_user_model, columbia, "yusuf")


@pytest.fixture
def curator(django_user_model):
    user = django_user_model.objects.create_user("cora", "cora@example.org", "pw")
    user.groups.add(Group.objects.get(name="Curators"))
    return user


def springfield_stop(tour):
    return tour.showings.get(venue__city="Springfield")


def tick(client, showing, item, upload=None, done=True):
    data = {"done": "1"} if done else {}
    if upload is not None:
        data["attachment"] = upload
    return client.post(reverse("exhibit:checklist_tick", args=[showing.pk, item]), data, follow=True)


def test_staff_tick_the_condition_report_with_a_pdf_and_curators_open_it(
    client, tour, springfield_staff, columbia_staff, curator, frozen_now
):
    frozen_now(datetime(2014, 3, 5, 9, 30, tzinfo=CHICAGO))
    showing = springfield_stop(tour)
    client.force_login(springfield_staff)
    response = tick(client, showing, "condition_report", SimpleUploadedFile("Zelda Quimby report.pdf", PDF))
    html = response.content.decode()
    assert "Condition report on arrival ticked for The Missouri Immigrant Experience 2014 at Park Central Branch Library with the attached file." in html
    assert "ticked by Zelda, Mar 5, 2014, 9:30 a.m." in html

    entry = ChecklistEntry.objects.get(showing=showing, item="condition_report")
    assert entry.done_by == springfield_staff and entry.attachment_type == "application/pdf"
    assert "Zelda" not in entry.attachment.name and entry.attachment.name.endswith(".pdf")
    file_url = reverse("exhibit:checklist_file", args=[entry.pk])
    assert file_url in html

    download = client.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf" and "no-store" in download["Cache-Control"]
    assert 'filename="park-central-branch-library-condition-report.pdf"' in download["Content-Disposition"]

    client.force_login(curator)
    assert client.get(file_url).status_code == 200
    client.force_login(columbia_staff)
    assert client.get(file_url).status_code == 404
    client.logout()
    assert client.get(file_url).status_code == 302  # to the login page
    # Never from public media, whatever the name.
    assert client.get(f"/media/{entry.attachment.name}").status_code == 404


def test_a_file_that_is_not_a_pdf_or_photo_is_refused_and_nothing_changes(client, tour, springfield_staff):
    showing = springfield_stop(tour)
    client.force_login(springfield_staff)
    html = tick(client, showing, "final_report", SimpleUploadedFile("report.pdf", b"<html>not a report</html>")).content.decode()
    assert "Attach the filled form or report as a PDF or a photograph" in html and "Nothing was changed." in html
    assert not ChecklistEntry.objects.exists()


def test_staff_of_another_venue_cannot_tick_it(client, tour, columbia_staff):
    client.force_login(columbia_staff)
    response = client.post(reverse("exhibit:checklist_tick", args=[springfield_stop(tour).pk, "final_report"]), {"done": "1"})
    assert response.status_code == 404 and not ChecklistEntry.objects.exists()


def test_a_tick_survives_the_page_being_published_again_and_can_be_undone(client, tour, springfield_staff):
    showing = springfield_stop(tour)
    client.force_login(springfield_staff)
    tick(client, showing, "pre_exhibit_form")
    tour.get_latest_revision().publish()  # a curator publishes the page as it was before the tick
    assert [row.done for row in springfield_stop(tour).checklist] == [True, False, False]

    html = tick(client, showing, "pre_exhibit_form", done=False).content.decode()
    assert "Pre-exhibit form received unticked" in html
    assert not ChecklistEntry.objects.exists()


def test_curators_see_venue_ticks_and_overdue_items_on_the_dashboard(client, tour, springfield_staff, curator, frozen_now):
    frozen_now(datetime(2014, 3, 20, 12, tzinfo=CHICAGO))
    client.force_login(springfield_staff)
    tick(client, springfield_stop(tour), "condition_report", SimpleUploadedFile("scan.jpg", b"\xff\xd8\xff\xe0" + b"0" * 64))
    client.force_login(curator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Ticked and sent by the venues" in html
    entry = ChecklistEntry.objects.get()
    assert (
        "Condition report on arrival: The Missouri Immigrant Experience 2014 at Park Central Branch Library, "
        "ticked by Zelda on Mar 20, 2014, 12:00 p.m."
    ) in html
    assert reverse("exhibit:checklist_file", args=[entry.pk]) in html
    # Springfield's pre-exhibit form was due with the delivery on March 3 and is not ticked.
    overdue = html.split("Not done after their date")[1].split("Ticked and sent")[0]
    assert "Pre-exhibit form received</a>: The Missouri Immigrant Experience 2014 at Park Central Branch Library, due Monday, March 3, 2014" in overdue
    assert "Condition report" not in overdue
