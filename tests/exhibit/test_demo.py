"""`load_demo` builds the demo archive and can run twice without duplicating anything."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

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
    venue_staff = Group.objects.get(name="Venue staff")
    assert not venue_staff.permissions.filter(codename__startswith="change_").exists()


def test_a_curator_can_upload_and_edit_photographs_and_venue_staff_cannot(client, make_photo, django_user_model):
    photo = make_photo()
    curator = django_user_model.objects.create_user("cur", password="pw")
    curator.groups.add(Group.objects.get(name="Curators"))
    staff = django_user_model.objects.create_user("staff", password="pw")
    staff.groups.add(Group.objects.get(name="Venue staff"))
    pages = [reverse("wagtailimages:index"), reverse("wagtailimages:add"), reverse("wagtailimages:edit", args=[photo.pk])]
    client.force_login(curator)
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
    client.force_login(staff)
    assert [client.get(url).status_code for url in pages] == [302, 302, 302]


def test_demo_exhibition_is_the_seeds(client):
    import icalendar
    from django.urls import reverse

    from exhibit.models import Event, ExhibitionPage, HomePage, Showing, Venue

    call_command("load_demo")
    ids = sorted(Event.objects.values_list("pk", flat=True))
    call_command("load_demo")
    assert sorted(Event.objects.values_list("pk", flat=True)) == ids  # reloading keeps calendar UIDs

    page = ExhibitionPage.objects.get(locale__language_code="en")
    assert page.title == "The Missouri Immigrant Experience 2014: Faces & Places"
    assert page.live and page.get_parent().specific_class is HomePage
    assert "lives and history of Missouri's immigrants and refugees" in page.summary
    assert set(page.featured_artists.values_list("name", flat=True)) == set(demo.ARTISTS)
    assert page.exhibition_photographs.count() == Photograph.objects.public().count()

    venues = {venue.city: venue for venue in Venue.objects.all()}
    assert (venues["Springfield"].name, venues["Springfield"].street_address, venues["Springfield"].state) == (
        "Park Central Branch Library", "128 Park Central Square", "MO")
    assert (venues["Columbia"].name, venues["Columbia"].street_address) == ("The Columbia Public Library", "100 W Broadway")
    assert {venue.postal_code for venue in venues.values()} == {""}  # the seed gives none
    spans = [(s.venue.city, s.opens.isoformat(), s.closes.isoformat()) for s in page.showings.order_by("opens")]
    assert spans == [("Springfield", "2014-03-07", "2014-03-29"), ("Columbia", "2014-04-05", "2014-04-26")]
    receptions = [
        (e.showing.venue.city, e.kind, e.date.isoformat(), e.start_time and e.start_time.isoformat(), e.end_time and e.end_time.isoformat())
        for e in Event.objects.filter(showing__exhibition=page).order_by("date")
    ]
    assert receptions == [
        ("Springfield", "opening_reception", "2014-03-07", "19:00:00", "21:00:00"),
        ("Springfield", "closing_reception", "2014-03-29", None, None),
        ("Columbia", "opening_reception", "2014-04-05", "10:00:00", None),
        ("Columbia", "closing_reception", "2014-04-26", None, None),
    ]
    html = client.get(page.url).content.decode()
    for text in ["Friday, March 7, 2014, 7-9 pm", "Saturday, March 29, 2014, Time TBA",
                 "Saturday, April 5, 2014, 10 am", "Saturday, April 26, 2014, Time TBA", "Oscar Pedroza"]:
        assert text in html
    assert "Sample crate" not in html and "Sample contact" not in html
    feed = icalendar.Calendar.from_ical(client.get(reverse("exhibit:site_calendar")).content)
    assert len(feed.walk("VEVENT")) == 6

    for username, city in [("springfield-staff", "Springfield"), ("columbia-staff", "Columbia")]:
        assert client.login(username=username, password="faces-and-places-2014")
        schedule = client.get(reverse("exhibit:staff_schedule")).content.decode()
        assert venues[city].name in schedule and "Sample crate" in schedule
        other = "Columbia" if city == "Springfield" else "Springfield"
        assert venues[other].name not in schedule
        client.logout()


def test_the_demo_exhibition_shows_each_photograph_once(client):
    import re

    from exhibit.models import ExhibitionPage

    call_command("load_demo")
    page = ExhibitionPage.objects.live().get(locale__language_code="en")
    assert page.photographs_shown_twice() == [] and page.exhibition_photographs.count() > 4
    html = client.get(page.url).content.decode()
    links = re.findall(r'href="(/photographs/\d+/)\?exhibition=', html)
    assert len(links) == len(set(links)) == page.exhibition_photographs.count()


def test_the_demo_exhibition_and_home_page_are_translated_into_spanish(client):
    import re

    from exhibit import demo as exhibit_demo
    from exhibit.models import Event, ExhibitionPage

    call_command("load_demo")
    call_command("load_demo")  # the translation is made once, then brought up to date
    english = ExhibitionPage.objects.get(locale__language_code="en")
    spanish = ExhibitionPage.objects.get(locale__language_code="es")
    assert spanish.translation_key == english.translation_key and spanish.live and spanish.url.startswith("/es/")

    html = client.get(spanish.url).content.decode()
    assert re.search(r'<html lang="es"', html)
    assert "<h1>La experiencia inmigrante de Misuri 2014: rostros y lugares</h1>" in html
    assert "Una exposición fotográfica que explora la vida y la historia de los inmigrantes" in html
    assert "En Springfield, la exposición presenta imágenes recién descubiertas del pasado de Springfield" in html
    # Marked as the demo's translation, with the facts of the English text.
    assert "Traducción de demostración" in html
    for fact in ["Missouri Immigrant and Refugee Advocates (MIRA)", "4 de marzo de 2014", "Columbia"]:
        assert fact in html
    # Its stops and receptions are the English page's, in Spanish words.
    assert "viernes, 7 de marzo de 2014" in html and "Park Central Branch Library" in html
    assert sorted(Event.objects.filter(showing__exhibition=spanish).values_list("date", flat=True)) == sorted(
        Event.objects.filter(showing__exhibition=english).values_list("date", flat=True))
    assert "lives and history" not in html and 'lang="en">La experiencia' not in html

    home = client.get("/es/").content.decode()
    assert "Un archivo comunitario de fotografías de los inmigrantes y refugiados de Misuri" in home
    assert f'href="{spanish.url}"' in home
    assert "Exposiciones hechas con el archivo" in client.get("/es/exhibitions/").content.decode()
    # The English pages are unchanged, and each exhibition is listed once per language.
    english_html = client.get(english.url).content.decode()
    assert exhibit_demo.TITLE.replace("&", "&amp;") in english_html and "Traducción" not in english_html
    assert client.get("/exhibitions/").content.decode().count(f'href="{english.url}"') == 1
    assert client.get("/es/exhibitions/").content.decode().count(f'href="{spanish.url}"') == 1


def test_a_photograph_in_the_body_and_the_list_is_warned_about(make_photo, make_exhibition, rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from exhibit.wagtail_hooks import warn_about_event_dates

    photo = make_photo(title="Porch")
    page = make_exhibition(title="Faces")
    page.exhibition_photographs.create(photograph=photo, sort_order=0)
    page.body = [("photograph", {"photograph": photo, "caption": ""})]
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_about_event_dates(request, page)  # what the admin runs after a page is saved
    assert [str(message) for message in get_messages(request)] == [
        "Shown twice on the page: “Porch” is in the body and in “Photographs in the exhibition”. "
        "Keep the exhibited works in the list and take them out of the body."
    ]


def test_a_few_demo_photographs_have_spanish_words_that_say_they_are_a_demo_translation(client):
    from gallery.models import PhotographTranslation

    call_command("load_demo")
    call_command("load_demo")
    translations = PhotographTranslation.objects.filter(language="es").select_related("photograph")
    assert translations.count() == len(demo.SPANISH) >= 3
    for row in translations:
        photo = row.photograph
        assert "Traducción de demostración" in row.caption and "muestra" in row.caption.lower()
        assert row.title.startswith("Muestra: ") and row.alt_text and row.credit_line
        assert row.place == ""  # a place's name is a fact: it stays as the archive has it
    wedding = translations.get(photograph__title="Sample: a wedding portrait").photograph
    path = wedding.get_absolute_url()
    html = client.get(f"/es{path}").content.decode()
    assert 'alt="Un retrato de boda: una imagen abstracta generada' in html
    assert '<dd lang="en">Springfield, MO</dd>' in html


@pytest.mark.usefixtures("english_between_requests")
def test_the_demo_artists_and_communities_read_in_spanish_under_es(client):
    from bs4 import BeautifulSoup

    call_command("load_demo")
    call_command("load_demo")
    artist = Artist.objects.get(name="Rita Chu")
    assert artist.translations.count() == 1
    # Paths taken in English first: a request under /es/ leaves Spanish active in this thread.
    community = Community.objects.filter(photographs__isnull=False).first()
    artist_path, community_path = artist.get_absolute_url(), community.get_absolute_url()
    lede = BeautifulSoup(client.get(f"/es{artist_path}").content, "html.parser").select_one(".lede")
    assert "Uno de los cuatro fotógrafos radicados en Misuri" in lede.get_text() and lede.get("lang") is None
    assert "Traducción de demostración" in lede.get_text()
    lede = BeautifulSoup(client.get(f"/es{community_path}").content, "html.parser").select_one(".lede")
    assert lede.get_text(strip=True) == demo.COMMUNITY_NOTE_ES
    english = BeautifulSoup(client.get(community_path).content, "html.parser").select_one(".lede")
    assert english.get_text(strip=True) == demo.COMMUNITY_NOTE
