"""The gallery: facets that combine (with counts), search through Wagtail's backend, stable
order, shareable URLs, and nothing that is not public anywhere in it."""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from gallery.models import Artist, Community, Photograph
from tests.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db

GALLERY = "/photographs/"


def titles(response):
    """Photograph titles in the results grid, in order."""
    html = response.content.decode()
    grid = html.split('class="photo-grid"', 1)[1] if 'class="photo-grid"' in html else ""
    return [unescape(t) for t in re.findall(r'<span class="photo-title">([^<]*)</span>', grid)]


def facet_counts(response, param):
    """{label: count} of one facet group as the visitor sees it."""
    html = response.content.decode()
    match = re.search(rf'<h2 id="facet-{param}">.*?</ul>', html, re.S)
    if not match:
        return {}
    items = re.findall(
        r'<span class="facet-label">([^<]*)(?:<span[^>]*>[^<]*</span>)?</span> <span class="count">'
        r'<span class="visually-hidden">, </span>(\d+)',
        match.group(0),
    )
    return {unescape(label): int(count) for label, count in items}


def small_jpeg(number):
    return jpeg_bytes(size=(64, 48), color=(number % 256, (number * 3) % 256, 90), seed=number)


@pytest.fixture
def make_small_photo(make_photo):
    """Tiny originals: renditions (made while pages render here) cost next to nothing."""
    counter = iter(range(1000, 100000))

    def make(**fields):
        return make_photo(data=small_jpeg(next(counter)), **fields)

    return make


@pytest.fixture
def archive(make_small_photo):
    make_photo = make_small_photo
    german = Community.objects.create(name="German", slug="german")
    bosnian = Community.objects.create(name="Bosnian", slug="bosnian")
    amela = Artist.objects.create(name="Amela Sinanagic")
    photos = {
        "rail": make_photo(title="Rail yard", date_edtf="1905~", kind="historical", place="Springfield, MO",
                           communities=[german]),
        "porch": make_photo(title="Family porch", date_edtf="191X", kind="historical", place="Springfield, MO",
                            communities=[german]),
        "shop": make_photo(title="Shop front", date_edtf="1890/1910", kind="historical", place="Columbia, MO"),
        "picnic": make_photo(title="Church picnic", date_edtf="1925", kind="historical", place="Columbia, MO",
                             communities=[german]),
        "garden": make_photo(title="Community garden", date_edtf="2013-10", kind="contemporary", artist=amela,
                             place="Columbia, MO", communities=[bosnian]),
        "undated": make_photo(title="Undated portrait", kind="contemporary", artist=amela, communities=[bosnian]),
    }
    return photos


def test_the_gallery_lists_every_public_photograph_in_date_order_with_undated_last(archive, client):
    response = client.get(GALLERY)
    assert response.status_code == 200
    assert titles(response) == [
        "Shop front", "Rail yard", "Family porch", "Church picnic", "Community garden", "Undated portrait",
    ]
    assert "6 photographs" in response.content.decode()


@pytest.mark.parametrize(
    "decade, expected",
    [
        ("1890s", {"Shop front"}),
        ("1900s", {"Shop front", "Rail yard"}),  # "ca. 1905" and 1890–1910 are both in the 1900s
        ("1910s", {"Shop front", "Rail yard", "Family porch"}),  # 191X; ca. 1905 is 1900–1910
        ("1920s", {"Church picnic"}),
        ("2010s", {"Community garden"}),
        ("1950s", set()),
    ],
)
def test_decade_facet_places_approximate_dates_in_every_decade_their_range_touches(archive, client, decade, expected):
    response = client.get(GALLERY, {"decade": decade})
    assert set(titles(response)) == expected


def test_decade_counts_match_what_each_decade_link_shows(archive, client):
    response = client.get(GALLERY)
    counts = facet_counts(response, "decade")
    assert counts == {"1890s": 1, "1900s": 2, "1910s": 3, "1920s": 1, "2010s": 1}
    for decade, count in counts.items():
        assert len(titles(client.get(GALLERY, {"decade": decade}))) == count


def test_facets_combine_and_each_shows_counts_under_the_other_filters(archive, client):
    response = client.get(GALLERY, {"community": "german", "decade": "1910s"})
    assert set(titles(response)) == {"Rail yard", "Family porch"}
    # Communities counted within the 1910s; decades counted within German.
    assert facet_counts(response, "community") == {"German": 2}
    assert facet_counts(response, "decade") == {"1900s": 1, "1910s": 2, "1920s": 1}
    assert facet_counts(response, "place") == {"Springfield, MO": 2}
    assert facet_counts(response, "kind") == {"Historical": 2}

    response = client.get(GALLERY, {"kind": "contemporary", "artist": "amela-sinanagic", "place": "Columbia, MO"})
    assert titles(response) == ["Community garden"]


def test_selected_facet_links_remove_themselves_and_every_state_has_its_own_url(archive, client):
    response = client.get(GALLERY, {"community": "german", "decade": "1910s", "sort": "title"})
    html = unescape(response.content.decode())
    # The selected community's link is the same state without it.
    assert '<a href="/photographs/?decade=1910s&sort=title" class="selected" aria-current="true">' in html
    # Removing every filter keeps nothing but the gallery.
    assert '<a class="clear-all" href="/photographs/">Clear all</a>' in html
    # The same URL gives the same page, sorted by title.
    assert titles(client.get(GALLERY + "?decade=1910s&community=german&sort=title")) == ["Family porch", "Rail yard"]


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(archive, client):
    response = client.get(GALLERY, {"community": "bosnian", "decade": "1900s"})
    html = response.content.decode()
    assert titles(response) == []
    assert "No photographs match these filters" in html
    assert re.search(r'<a class="button" href="/photographs/">Clear all filters</a>', html)


def test_malformed_parameters_are_ignored_not_errors(archive, client):
    for query in ({"decade": "19x0s"}, {"kind": "secret"}, {"page": "abc"}, {"sort": "drop table"}, {"q": '"*( OR'}):
        response = client.get(GALLERY, query)
        assert response.status_code == 200, query


def test_pages_are_stable_and_cover_every_photograph_once(make_photo, client, settings):
    for number in range(30):
        make_photo(data=small_jpeg(number), title=f"Same title", date_edtf="1950")
    seen = []
    for page in (1, 2):
        response = client.get(GALLERY, {"page": page})
        seen += re.findall(r'href="/photographs/(\d+)/\?from=', response.content.decode())
    assert len(seen) == 30 and len(set(seen)) == 30
    assert seen == sorted(seen, key=int)  # equal dates and titles fall back to the primary key


# ---- search -----------------------------------------------------------------------------------


@pytest.fixture
def indexed(run_tasks, make_photo):
    """Photographs indexed the way a running site indexes them: on save, through Wagtail's signal."""
    vietnamese = Community.objects.create(name="Vietnamese", slug="vietnamese")
    rita = Artist.objects.create(name="Rita Chu")
    new_year = make_photo(data=small_jpeg(1), title="Lanterns", kind="contemporary", artist=rita, place="Columbia, MO",
                          communities=[vietnamese])
    new_year.tags.add("celebration")
    bakery = make_photo(data=small_jpeg(2), title="Bakery at dawn", kind="contemporary", place="Springfield, MO",
                        caption="Bread before sunrise", credit_line="Courtesy of the Ortega family")
    bakery.tags.add("food")
    school = make_photo(data=small_jpeg(3), title="School class", kind="historical", date_edtf="1948",
                        creator_credit="Unknown photographer", place="Columbia, MO")
    return {"lanterns": new_year, "bakery": bakery, "school": school, "vietnamese": vietnamese, "rita": rita}


@pytest.mark.parametrize(
    "q, expected",
    [
        ("vietnamese", ["Lanterns"]),  # community name (a many-to-many set after the save)
        ("rita", ["Lanterns"]),  # artist name
        ("celebration", ["Lanterns"]),  # keyword
        ("springfield", ["Bakery at dawn"]),  # place
        ("sunrise", ["Bakery at dawn"]),  # caption
        ("ortega", ["Bakery at dawn"]),  # credit line
        ("unknown photographer", ["School class"]),  # free-text creator
        ("class", ["School class"]),  # title
        ("columbia lanterns", ["Lanterns"]),  # every word must match
        ("nothing-like-this", []),
    ],
)
def test_search_finds_photographs_by_what_they_show_and_who_made_them(indexed, client, q, expected):
    assert titles(client.get(GALLERY, {"q": q})) == expected


def test_search_combines_with_facets_and_counts(indexed, client):
    response = client.get(GALLERY, {"q": "columbia", "kind": "historical"})
    assert titles(response) == ["School class"]
    assert facet_counts(response, "kind") == {"Contemporary": 1, "Historical": 1}
    assert facet_counts(response, "decade") == {"1940s": 1}


def test_search_follows_renamed_communities_and_artists(indexed, client):
    indexed["vietnamese"].name = "Vietnamese American"
    indexed["vietnamese"].save()
    indexed["rita"].name = "Rita Chu-Nguyen"
    indexed["rita"].save()
    assert titles(client.get(GALLERY, {"q": "american"})) == ["Lanterns"]
    assert titles(client.get(GALLERY, {"q": "nguyen"})) == ["Lanterns"]


def test_relevance_is_the_default_order_when_searching_and_is_stable(indexed, client):
    first = titles(client.get(GALLERY, {"q": "columbia"}))
    assert sorted(first) == ["Lanterns", "School class"]
    assert all(titles(client.get(GALLERY, {"q": "columbia"})) == first for _ in range(3))
    assert titles(client.get(GALLERY, {"q": "columbia", "sort": "title"})) == ["Lanterns", "School class"]


# ---- privacy ---------------------------------------------------------------------------------


def hide(photo, how):
    if how == "private collection":
        private = Collection.get_first_root_node().add_child(name="Private")
        CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
        photo.collection = private
    else:
        field, value = how
        setattr(photo, field, value)
    photo.save()


@pytest.mark.parametrize(
    "how",
    [("is_published", False), ("consent", Photograph.Consent.WITHHELD), ("consent", Photograph.Consent.PENDING),
     ("alt_text", ""), "private collection"],
    ids=["unpublished", "consent withheld", "consent pending", "no alt text", "private collection"],
)
def test_non_public_photographs_never_appear_in_gallery_search_counts_or_sitemap(run_tasks, make_photo, client, how):
    secret = Community.objects.create(name="Secretcommunity", slug="secretcommunity")
    shared = Community.objects.create(name="Shared", slug="shared")
    make_photo(data=small_jpeg(10), title="Visible one", date_edtf="1960", place="Openville", communities=[shared])
    hidden = make_photo(data=small_jpeg(11), title="Hidden one", date_edtf="1930", place="Hiddenville",
                        communities=[secret, shared])
    hidden.tags.add("hiddenkeyword")
    hide(hidden, how)

    pages = [
        client.get(GALLERY),
        client.get(GALLERY, {"q": "hidden"}),
        client.get(GALLERY, {"q": "hiddenkeyword"}),
        client.get(GALLERY, {"community": "secretcommunity"}),
        client.get(GALLERY, {"decade": "1930s"}),
        client.get(GALLERY, {"place": "Hiddenville"}),
    ]
    for response in pages:
        assert "Hidden one" not in titles(response)
        assert "Hidden one" not in response.content.decode()
        assert "Secretcommunity" not in str(facet_counts(response, "community"))
        assert "Hiddenville" not in str(facet_counts(response, "place"))
    counts = facet_counts(pages[0], "community")
    assert counts == {"Shared": 1}
    assert facet_counts(pages[0], "decade") == {"1960s": 1}
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(hidden.get_absolute_url() + "?from=").status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/photographs/{hidden.pk}/" not in sitemap


def test_previous_and_next_follow_the_gallery_state_the_visitor_came_from(archive, client):
    response = client.get(GALLERY, {"community": "german"})
    links = re.findall(r'href="(/photographs/\d+/\?from=[^"]+)"', response.content.decode())
    assert len(links) == 3  # Rail yard, Family porch, Church picnic (date order)
    middle = client.get(unescape(links[1]))
    html = unescape(middle.content.decode())
    assert "2 of 3" in html
    assert f'rel="prev" href="/photographs/{archive["rail"].pk}/?from=community%3Dgerman"' in html
    assert f'rel="next" href="/photographs/{archive["picnic"].pk}/?from=community%3Dgerman"' in html
    assert 'href="/photographs/?community=german">← Back to your results' in html
    # Without a context there is nothing to step through, and a context the photo is not in offers none.
    assert 'rel="next"' not in client.get(archive["porch"].get_absolute_url()).content.decode()
    outside = client.get(archive["garden"].get_absolute_url() + "?from=community%3Dgerman")
    assert outside.status_code == 200 and 'rel="next"' not in outside.content.decode()


def test_the_gallery_is_in_the_main_navigation(archive, client):
    html = client.get("/").content.decode()
    assert '<a href="/photographs/">Photographs</a>' in html
    assert '<a href="/photographs/" aria-current="page">Photographs</a>' in client.get(GALLERY).content.decode()
