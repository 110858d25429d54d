"""A venue's hours and accessibility notes in the site's other languages, typed on its edit page and
shown to Spanish visitors on the venue's page; untranslated ones read in English, marked lang="en"."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from exhibit.models import VenueTranslation
from tests.admin_forms import add_inline, as_post, form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_between_requests")]

HOURS = "Monday to Thursday 9 am to 9 pm"
ACCESS = "Step-free entrance on Park Central Square."
HOURS_ES = "De lunes a jueves, de 9 a. m. a 9 p. m."


def facts(client, path):
    """{term: (words, language)} of the venue page's facts, as a screen reader gets them."""
    response = client.get(path)
    assert response.status_code == 200, path
    page = BeautifulSoup(response.content, "html.parser")
    terms = page.select(".venue-header .facts dt")
    return {dt.get_text(strip=True): (dt.find_next_sibling("dd").get_text(" ", strip=True),
                                      dt.find_next_sibling("dd").get("lang") or page.html["lang"]) for dt in terms}


def test_a_curator_translates_the_hours_and_the_spanish_page_shows_them(admin_client, client, tour, springfield):
    springfield.hours, springfield.accessibility_notes = HOURS, ACCESS
    springfield.save()
    url = reverse("wagtailsnippets_exhibit_venue:edit", args=[springfield.pk])
    page = admin_client.get(url).content.decode()
    assert "Hours and access in other languages" in page
    data = form_data(page, {"data-edit-form": True})
    response = admin_client.post(url, as_post(add_inline(data, "translations", language="es", hours=HOURS_ES,
                                                         accessibility_notes="")))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(VenueTranslation.objects.values_list("language", "hours", "accessibility_notes")) == [("es", HOURS_ES, "")]

    spanish = facts(client, f"/es/venues/{springfield.slug}/")
    assert spanish["Horario"] == (HOURS_ES, "es")
    # Not translated: the English notes, marked as English so a screen reader switches voice.
    assert spanish["Accesibilidad"] == (ACCESS, "en")
    english = facts(client, f"/venues/{springfield.slug}/")
    assert english["Hours"] == (HOURS, "en") and english["Access"] == (ACCESS, "en")


def test_the_dashboard_counts_untranslated_bios_descriptions_and_hours_and_links_to_them(admin_client, springfield, columbia):
    from gallery.models import Artist, ArtistTranslation, Community

    springfield.hours = columbia.hours = HOURS
    springfield.save()
    columbia.save()
    VenueTranslation.objects.create(venue=columbia, language="es", hours=HOURS_ES)
    translated = Artist.objects.create(name="Rita Chu", bio="Photographer.")
    ArtistTranslation.objects.create(artist=translated, language="es", bio="Fotógrafa.")
    Artist.objects.create(name="Oscar Pedroza", bio="Photographer.")
    Artist.objects.create(name="Juan Montana", bio="")  # nothing to translate
    Community.objects.create(name="Bosnian", slug="bosnian", description="Bosnians in Missouri.")

    page = BeautifulSoup(admin_client.get(reverse("wagtailadmin_home")).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in page.select("#dashboard-missing-translations-section [data-records] a")}
    assert set(links) == {"Artist bio missing in Spanish: 1", "Community description missing in Spanish: 1",
                          "Venue hours missing in Spanish: 1"}

    listing = BeautifulSoup(admin_client.get(links["Venue hours missing in Spanish: 1"]).content, "html.parser")
    names = [cell.get_text(strip=True) for cell in listing.select("table.listing tbody td.title a, table.listing tbody td a")]
    assert springfield.name in " ".join(names) and columbia.name not in " ".join(names)
    listing = BeautifulSoup(admin_client.get(links["Artist bio missing in Spanish: 1"]).content, "html.parser")
    text = listing.select_one("table.listing").get_text(" ", strip=True)
    assert "Oscar Pedroza" in text and "Rita Chu" not in text and "Juan Montana" not in text
