"""A photograph's approximate date reads in the page's language: "ca. 1905" on /photographs/...,
"hacia 1905" on /es/photographs/..., and English wherever a machine reads it (IIIF, the API)."""

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # A request leaves its language active in the thread: each test starts where a visitor would.
    with translation.override("en"):
        yield


def shown_date(html):
    return re.search(r'<data value="[^"]*">([^<]*)</data>', html).group(1)


@pytest.mark.parametrize("edtf, english, spanish", [
    ("1905~", "ca. 1905", "hacia 1905"),
    ("191X", "1910s", "década de 1910"),
    ("191X~", "ca. 1910s", "hacia la década de 1910"),
    ("19XX", "20th century", "siglo XX"),
    ("2013-10", "October 2013", "octubre de 2013"),
    ("2013-10-05", "October 5, 2013", "5 de octubre de 2013"),
    ("2013-10-05~", "ca. October 5, 2013", "hacia 5 de octubre de 2013"),
    ("2013-21", "Spring 2013", "primavera de 2013"),
    ("2014-03-07/2014-03-29", "March 7–29, 2014", "7–29 de marzo de 2014"),
    ("2014-03-07/2014-04-26", "March 7–April 26, 2014", "7 de marzo–26 de abril de 2014"),
    ("2014-03/2014-04", "March–April 2014", "marzo–abril de 2014"),
    ("1890/1910", "1890–1910", "1890–1910"),
    ("../1910", "before 1910", "antes de 1910"),
    ("1890/..", "after 1890", "después de 1890"),
    ("1905?", "1905?", "1905?"),
])
def test_the_photograph_page_writes_its_date_in_the_pages_language(client, make_photo, edtf, english, spanish):
    photo = make_photo(title="Rail yard", date_edtf=edtf)
    path = photo.get_absolute_url()
    assert shown_date(client.get(path).content.decode()) == english
    assert shown_date(client.get("/es" + path).content.decode()) == spanish
    # English again: the Spanish request's language did not stay behind.
    assert shown_date(client.get(path).content.decode()) == english


def test_machine_outputs_keep_the_dates_english_words(client, make_photo):
    photo = make_photo(title="Rail yard", date_edtf="1905~")
    client.get("/es" + photo.get_absolute_url())
    manifest = client.get(f"/iiif/3/manifests/photographs/{photo.iiif_identifier}/manifest.json").json()
    dates = [entry["value"]["en"][0] for entry in manifest.get("metadata", []) if entry["label"]["en"] == ["Date"]]
    assert dates == ["ca. 1905"]


def test_the_decade_facet_is_labelled_in_the_pages_language_and_keeps_its_address(client, make_photo):
    make_photo(title="Rail yard", date_edtf="191X")
    english = client.get("/photographs/").content.decode()
    spanish = client.get("/es/photographs/").content.decode()
    assert '<a href="/photographs/?decade=1910s"><span class="facet-label">1910s</span>' in english
    assert '<a href="/es/photographs/?decade=1910s"><span class="facet-label">década de 1910</span>' in spanish
    chosen = client.get("/es/photographs/?decade=1910s").content.decode()
    assert "década de 1910" in chosen and "Rail yard" in chosen
