"""Exhibitions inside the gallery: the exhibition facet, the exhibitions a photograph, an artist or a
community appears in (with venues and dates), previous/next in an exhibition's order, and the home
page leading with what is on now and where. Only live, public exhibitions and public photographs."""

import re
from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import PageQuerySet, PageViewRestriction

from exhibit.models import ExhibitionIndexPage, ExhibitionPage, ExhibitionPhotograph, Venue
from gallery.models import Artist, Community, Photograph
from tests.gallery.test_gallery import facet_counts, hide, small_jpeg, titles

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
GALLERY = "/photographs/"


def hang(page, photos):
    """Put `photos` on the exhibition's wall, in this order."""
    for order, photo in enumerate(photos):
        ExhibitionPhotograph.objects.create(page=page, photograph=photo, sort_order=order)


def main(response):
    """The page's own content (the head's meta and JSON-LD left out)."""
    html = unescape(response.content.decode())
    return html[html.index("<main"):]


@pytest.fixture
def wall(run_tasks, make_photo, tour, make_exhibition, springfield, columbia):
    """Two public exhibitions, one unpublished and one private, and a withheld photograph on a wall."""
    counter = iter(range(2000, 3000))

    def photo(**fields):
        return make_photo(data=small_jpeg(next(counter)), **fields)

    german = Community.objects.create(name="German", slug="german")
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    amela = Artist.objects.create(name="Amela Sinanagic")
    photos = {
        "rail": photo(title="Rail yard", date_edtf="1905~", kind="historical", communities=[german]),
        "porch": photo(title="Family porch", date_edtf="191X", kind="historical", communities=[german]),
        "garden": photo(title="Community garden", date_edtf="2013-10", kind="contemporary", artist=amela,
                        communities=[bosnian]),
        "lanterns": photo(title="Lanterns", date_edtf="2014", kind="contemporary", artist=amela,
                          communities=[bosnian]),
        "withheld": photo(title="Withheld kitchen", date_edtf="1905~", kind="historical", communities=[german],
                          consent=Photograph.Consent.WITHHELD),
    }
    hang(tour, [photos["garden"], photos["rail"], photos["withheld"], photos["porch"]])
    second = make_exhibition(title="Second Look", stops=[(columbia, date(2015, 6, 1), date(2015, 6, 30), {}, [])])
    hang(second, [photos["rail"], photos["lanterns"]])
    draft = make_exhibition(title="Unpublished Show", stops=[(springfield, date(2016, 1, 4), date(2016, 1, 30), {}, [])])
    hang(draft, [photos["rail"], photos["garden"]])
    draft.unpublish()
    private = make_exhibition(title="Members Only", stops=[(columbia, date(2016, 5, 2), date(2016, 5, 20), {}, [])])
    hang(private, [photos["porch"], photos["lanterns"]])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return {**photos, "tour": tour, "second": second, "draft": draft, "private": private,
            "german": german, "bosnian": bosnian, "amela": amela}


# ---- the exhibition facet ---------------------------------------------------------------------


def test_the_exhibition_facet_counts_public_photographs_of_public_exhibitions_only(wall, client):
    response = client.get(GALLERY)
    # The withheld photograph is on the tour's wall but not in its count; the unpublished and the
    # private exhibitions are no options at all.
    assert facet_counts(response, "exhibition") == {wall["tour"].title: 3, "Second Look": 2}
    html = response.content.decode()
    assert "Unpublished Show" not in html and "Members Only" not in html
    for name, count in facet_counts(response, "exhibition").items():
        slug = {wall["tour"].title: wall["tour"].slug, "Second Look": wall["second"].slug}[name]
        assert len(titles(client.get(GALLERY, {"exhibition": slug}))) == count


def test_the_exhibition_facet_combines_with_community_decade_and_kind(wall, client):
    tour = wall["tour"].slug
    response = client.get(GALLERY, {"exhibition": tour})
    assert titles(response) == ["Rail yard", "Family porch", "Community garden"]  # the gallery's date order
    assert facet_counts(response, "community") == {"Bosnian": 1, "German": 2}
    assert facet_counts(response, "decade") == {"1900s": 1, "1910s": 2, "2010s": 1}
    assert '<span class="filter-facet">Exhibition:</span> ' + wall["tour"].title in unescape(response.content.decode())

    response = client.get(GALLERY, {"exhibition": tour, "community": "german"})
    assert titles(response) == ["Rail yard", "Family porch"]
    assert facet_counts(response, "exhibition") == {wall["tour"].title: 2, "Second Look": 1}

    response = client.get(GALLERY, {"exhibition": wall["second"].slug, "decade": "1900s"})
    assert titles(response) == ["Rail yard"]
    response = client.get(GALLERY, {"exhibition": tour, "kind": "contemporary"})
    assert titles(response) == ["Community garden"]
    assert facet_counts(response, "exhibition") == {wall["tour"].title: 1, "Second Look": 1}


def test_the_exhibition_facet_combines_with_search(wall, client):
    response = client.get(GALLERY, {"q": "yard", "exhibition": wall["second"].slug})
    assert titles(response) == ["Rail yard"]
    assert facet_counts(response, "exhibition") == {wall["tour"].title: 1, "Second Look": 1}
    response = client.get(GALLERY, {"q": "lanterns", "exhibition": wall["tour"].slug})
    assert titles(response) == [] and "No photographs match" in response.content.decode()


@pytest.mark.parametrize("which", ["draft", "private"])
def test_an_unpublished_or_private_exhibition_filters_to_nothing_and_is_never_named(wall, client, which):
    response = client.get(GALLERY, {"exhibition": wall[which].slug})
    assert titles(response) == []
    assert wall[which].title not in response.content.decode()


@pytest.mark.parametrize("how", [("is_published", False), ("consent", Photograph.Consent.PENDING), "private collection"],
                         ids=["unpublished", "consent pending", "private collection"])
def test_photographs_the_public_may_not_see_are_never_counted_in_an_exhibition(wall, client, how):
    hide(wall["porch"], how)
    response = client.get(GALLERY, {"exhibition": wall["tour"].slug})
    assert titles(response) == ["Rail yard", "Community garden"]
    assert facet_counts(client.get(GALLERY), "exhibition") == {wall["tour"].title: 2, "Second Look": 2}


def test_public_exhibitions_are_what_wagtail_calls_live_and_public(wall, home):
    # A private section above an exhibition hides it as surely as a restriction on the page itself.
    index = home.add_child(instance=ExhibitionIndexPage(title="Archive shows", slug="archive-shows"))
    inside = ExhibitionPage(title="Inside a private section", slug="inside", summary="x")
    index.add_child(instance=inside)
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    # Wagtail's own PageQuerySet.public(), which ExhibitionPage's queryset replaces with one lazy query.
    expected = set(PageQuerySet.public(ExhibitionPage.objects.live()).values_list("pk", flat=True))
    assert set(ExhibitionPage.objects.public().values_list("pk", flat=True)) == expected == {wall["tour"].pk, wall["second"].pk}


# ---- detail, artist and community pages list their exhibitions --------------------------------


def exhibitions_section(response):
    html = main(response)
    match = re.search(r'<section class="appearances".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_a_photograph_page_lists_its_exhibitions_with_venues_and_dates(wall, client, springfield, columbia):
    section = exhibitions_section(client.get(wall["rail"].get_absolute_url()))
    assert f'<a href="{wall["tour"].url}">{wall["tour"].title}</a>' in section
    assert f'<a href="{springfield.get_absolute_url()}">Park Central Branch Library</a>, Springfield, MO' in section
    assert "March 7 - 29, 2014" in section and "April 5 - 26, 2014" in section
    assert f'<a href="{columbia.get_absolute_url()}">The Columbia Public Library</a>' in section
    assert f'<a href="{wall["second"].url}">Second Look</a>' in section and "June 1 - 30, 2015" in section
    assert "Unpublished Show" not in section and "January" not in section
    # The private exhibition holds the porch: the porch's page does not name it.
    porch = main(client.get(wall["porch"].get_absolute_url()))
    assert "Members Only" not in porch and wall["tour"].title in porch
    # Once its only public exhibition is unpublished, a photograph has no such section.
    lanterns = exhibitions_section(client.get(wall["lanterns"].get_absolute_url()))
    assert "Second Look" in lanterns and wall["tour"].title not in lanterns and "Members Only" not in lanterns
    wall["second"].unpublish()
    assert exhibitions_section(client.get(wall["lanterns"].get_absolute_url())) == ""


def test_what_is_on_is_marked_on_the_photograph_page(wall, client, frozen_now):
    frozen_now(datetime(2014, 4, 10, 12, tzinfo=CHICAGO))
    section = exhibitions_section(client.get(wall["garden"].get_absolute_url()))
    columbia = section[section.index("The Columbia Public Library"):]
    assert '<span class="appearance-note">Now showing</span>' in columbia
    assert "Now showing" not in section[: section.index("The Columbia Public Library")]


def test_an_artist_page_lists_exhibitions_showing_their_work_or_featuring_them(wall, client, make_exhibition, columbia):
    rita = Artist.objects.create(name="Rita Chu")
    talks = make_exhibition(title="Talks and Portraits", stops=[(columbia, date(2017, 2, 1), date(2017, 2, 28), {}, [])])
    talks.featured_artists.add(rita)
    talks.save_revision().publish()
    section = exhibitions_section(client.get(wall["amela"].get_absolute_url()))
    assert wall["tour"].title in section and "Second Look" in section
    assert "Talks and Portraits" not in section and "Members Only" not in section and "Unpublished Show" not in section
    assert "March 7 - 29, 2014" in section and "June 1 - 30, 2015" in section
    rita_section = exhibitions_section(client.get(rita.get_absolute_url()))
    assert "Talks and Portraits" in rita_section and "February 1 - 28, 2017" in rita_section


def test_an_exhibition_holding_only_a_withheld_photograph_of_an_artist_is_not_on_their_page(wall, client, make_photo):
    hidden_hand = Artist.objects.create(name="Hidden Hand")
    Photograph.objects.filter(pk=wall["withheld"].pk).update(artist=hidden_hand)
    assert exhibitions_section(client.get(hidden_hand.get_absolute_url())) == ""


def test_a_community_page_lists_exhibitions_with_its_photographs_or_about_it(wall, client, make_exhibition, springfield):
    section = exhibitions_section(client.get(wall["bosnian"].get_absolute_url()))
    assert wall["tour"].title in section and "Second Look" in section and "April 5 - 26, 2014" in section
    assert "Members Only" not in section and "Unpublished Show" not in section
    vietnamese = Community.objects.create(name="Vietnamese", slug="vietnamese")
    assert exhibitions_section(client.get(vietnamese.get_absolute_url())) == ""
    new_year = make_exhibition(title="New Year", stops=[(springfield, date(2018, 2, 1), date(2018, 2, 20), {}, [])])
    new_year.communities.add(vietnamese)
    new_year.save_revision().publish()
    section = exhibitions_section(client.get(vietnamese.get_absolute_url()))
    assert "New Year" in section and "February 1 - 20, 2018" in section and "Park Central Branch Library" in section


# ---- previous/next in an exhibition's order --------------------------------------------------


def test_the_exhibition_page_links_photographs_into_its_order(wall, client):
    html = main(client.get(wall["tour"].url))
    links = re.findall(r'href="(/photographs/\d+/\?exhibition=\d+)"', html)
    assert links == [f"/photographs/{wall[name].pk}/?exhibition={wall['tour'].pk}" for name in ("garden", "rail", "porch")]


def test_photographs_in_the_exhibitions_text_link_into_its_order_too(wall, client):
    tour = wall["tour"]
    tour.body = [
        ("photograph", {"photograph": wall["porch"], "caption": "On the porch"}),
        ("photo_sequence", {"heading": "", "photographs": [{"photograph": wall["garden"], "caption": ""},
                                                          {"photograph": wall["rail"], "caption": ""}]}),
    ]
    tour.save_revision().publish()
    html = main(client.get(tour.url))
    body = html[: html.index('class="exhibit-wall"')]
    links = re.findall(r'href="(/photographs/\d+/[^"]*)"', body)
    assert links == [f"/photographs/{wall[name].pk}/?exhibition={tour.pk}" for name in ("porch", "garden", "rail")]


def test_previous_and_next_follow_the_exhibitions_order_with_a_link_back(wall, client):
    tour = wall["tour"]
    html = main(client.get(f"{wall['rail'].get_absolute_url()}?exhibition={tour.pk}"))
    assert "2 of 3" in html
    # The wall's order (garden, rail, [withheld], porch), not the gallery's date order; the withheld one skipped.
    assert f'rel="prev" href="/photographs/{wall["garden"].pk}/?exhibition={tour.pk}"' in html
    assert f'rel="next" href="/photographs/{wall["porch"].pk}/?exhibition={tour.pk}"' in html
    assert f'<a class="back" href="{tour.url}">← Back to the exhibition “{tour.title}”</a>' in html

    last = main(client.get(f"{wall['porch'].get_absolute_url()}?exhibition={tour.pk}"))
    assert "3 of 3" in last and 'rel="next"' not in last and 'rel="prev"' in last


def test_no_exhibition_order_from_an_unpublished_or_private_exhibition_or_one_without_the_photograph(wall, client):
    for page, photo in ((wall["draft"], "rail"), (wall["private"], "porch"), (wall["second"], "porch")):
        response = client.get(f"{wall[photo].get_absolute_url()}?exhibition={page.pk}")
        assert response.status_code == 200
        html = main(response)
        assert 'class="context-nav"' not in html and page.title not in html.split('class="appearances"')[0]
    assert client.get(f"{wall['rail'].get_absolute_url()}?exhibition=nonsense").status_code == 200


# ---- the home page leads with what is on now and where -----------------------------------------


def home_main(client):
    return main(client.get("/"))


def test_the_home_page_leads_with_the_showing_open_today_and_where(wall, client, frozen_now):
    frozen_now(datetime(2014, 3, 10, 12, tzinfo=CHICAGO))
    html = home_main(client)
    now = html.index("Now showing")
    assert now < html.index(wall["tour"].title) < html.index("From the archive")
    on_now = html[now:html.index("Coming next")]
    assert "Park Central Branch Library" in on_now and "Springfield, MO" in on_now
    assert "March 7 - 29, 2014" in on_now and "until Saturday, March 29, 2014" in on_now
    assert "The Columbia Public Library" not in on_now
    coming = html[html.index("Coming next"):html.index("From the archive")]
    assert "The Columbia Public Library" in coming and "opens Saturday, April 5, 2014" in coming


def test_between_stops_the_home_page_says_what_is_coming_next(wall, client, frozen_now):
    frozen_now(datetime(2014, 4, 1, 12, tzinfo=CHICAGO))
    html = home_main(client)
    assert "Now showing" not in html
    coming = html[html.index("Coming next"):html.index("From the archive")]
    assert coming.index("The Columbia Public Library") < coming.index("Second Look")  # soonest first
    assert "April 5 - 26, 2014" in coming and "Unpublished Show" not in coming and "Members Only" not in coming


def test_today_is_the_venues_own_date(wall, client, frozen_now, make_exhibition):
    tokyo = Venue.objects.create(name="Tokyo Hall", city="Tokyo", time_zone="Asia/Tokyo")
    chicago = Venue.objects.create(name="Chicago Hall", city="Chicago", state="IL", time_zone="America/Chicago")
    make_exhibition(title="Far and Near", stops=[
        (tokyo, date(2019, 3, 10), date(2019, 3, 20), {}, []),
        (chicago, date(2019, 3, 10), date(2019, 3, 20), {}, []),
    ])
    # Evening of March 9 in Chicago is already the morning of March 10 in Tokyo.
    frozen_now(datetime(2019, 3, 9, 20, tzinfo=CHICAGO))
    html = home_main(client)
    on_now = html[html.index("Now showing"):html.index("Coming next")]
    assert "Tokyo Hall" in on_now and "Chicago Hall" not in on_now
    assert "Chicago Hall" in html[html.index("Coming next"):]


def test_between_tours_the_home_page_leads_with_what_was_shown_last(wall, client, frozen_now):
    frozen_now(datetime(2020, 1, 15, 12, tzinfo=CHICAGO))
    html = home_main(client)
    assert "Now showing" not in html and "Coming next" not in html
    recent = html[html.index("Recently shown"):html.index("From the archive")]
    # Latest first; the unpublished (2016) and private (2016) exhibitions' stops are not among them.
    assert recent.index("Second Look") < recent.index("April 5 - 26, 2014") < recent.index("March 7 - 29, 2014")
    assert "closed Tuesday, June 30, 2015" in recent
    assert "Unpublished Show" not in html and "Members Only" not in html and "2016" not in recent
