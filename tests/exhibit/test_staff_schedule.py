"""
The staff schedule opens on what is coming (a "today" line, the past folded under "Earlier"), says
when nothing is coming, shows curators every venue, frames itself with who is signed in, and offers
the private feed to subscribe to and to revoke (asking first). Venue staff land on it after login.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def springfield_staff(django_user_model, springfield):
    user = django_user_model.objects.create_user("zelda", "z@example.org", "pw", first_name="Zelda", last_name="Quimby")
    user.groups.add(Group.objects.get(name="Venue staff"))
    springfield.staff.add(user)
    return user


def schedule_html(client):
    return client.get(reverse("exhibit:staff_schedule")).content.decode()


def test_the_schedule_opens_on_what_is_coming_with_a_today_line(client, tour, springfield_staff, frozen_now):
    frozen_now(datetime(2014, 3, 20, 12, tzinfo=CHICAGO))
    client.force_login(springfield_staff)
    html = schedule_html(client)
    coming, earlier = html.split('id="earlier-heading"')
    assert "Today, Thursday, March 20, 2014" in coming
    assert coming.index("Today, Thursday, March 20, 2014") < coming.index("Sat, Mar 29, 2014")
    assert "Pack by" in coming and "Exhibition closes" in coming
    # Delivery (March 3) and the opening (March 7) are over: under "Earlier", not in the way.
    assert "Mon, Mar 3, 2014" not in coming and "Mon, Mar 3, 2014" in earlier
    assert "<details>" in html.split("Showings and logistics")[1]


def test_nothing_coming_up_says_so(client, tour, springfield_staff, frozen_now):
    frozen_now(datetime(2015, 1, 10, 12, tzinfo=CHICAGO))
    client.force_login(springfield_staff)
    html = schedule_html(client)
    assert "Nothing coming up at Park Central Branch Library." in html
    assert "Springfield crate SPFCRATE-77" in html.split('id="earlier-heading"')[1]


def test_curators_see_the_tour_wide_schedule(client, tour, django_user_model):
    curator = django_user_model.objects.create_user("cora", "c@example.org", "pw")
    curator.groups.add(Group.objects.get(name="Curators"))
    client.force_login(curator)
    html = schedule_html(client)
    assert "not linked to a venue" not in html
    assert "Schedule: every venue of the tour" in html
    assert "Park Central Branch Library" in html and "The Columbia Public Library" in html


def test_staff_layout_says_who_is_signed_in_and_logs_out(client, tour, springfield_staff):
    client.force_login(springfield_staff)
    html = schedule_html(client)
    assert "Signed in as <strong>Zelda Quimby</strong>" in html
    assert f'action="{reverse("wagtailadmin_logout")}"' in html and ">Log out</button>" in html
    assert 'aria-label="Main"' not in html  # the public navigation gives way to the staff one
    client.post(reverse("wagtailadmin_logout"))
    assert client.get(reverse("exhibit:staff_schedule")).status_code == 302


def test_venue_staff_logging_in_land_on_their_schedule(client, tour, springfield_staff):
    response = client.post(reverse("wagtailadmin_login"), {"username": "zelda", "password": "pw"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("exhibit:staff_schedule")
    assert "Schedule: Park Central Branch Library" in response.content.decode()


def test_feed_offers_subscribe_and_copy_and_revoking_asks_first(client, tour, springfield_staff):
    client.force_login(springfield_staff)
    html = client.post(reverse("exhibit:staff_feed_create"), follow=True).content.decode()
    token = springfield_staff.schedule_feed_tokens.get()
    assert f'href="webcal://127.0.0.1:8000{token.get_absolute_url()}">Subscribe</a>' in html
    assert f'value="http://127.0.0.1:8000{token.get_absolute_url()}"' in html and "Copy link" in html
    assert "Google Calendar:" in html and "Apple Calendar:" in html and "Outlook:" in html

    question = client.get(reverse("exhibit:staff_feed_revoke")).content.decode()
    assert "Revoke your calendar link?" in question and "Yes, revoke the link" in question
    token.refresh_from_db()
    assert token.active  # asking is not doing

    answer = client.post(reverse("exhibit:staff_feed_revoke"), follow=True).content.decode()
    assert "The calendar link was revoked" in answer
    token.refresh_from_db()
    assert not token.active
