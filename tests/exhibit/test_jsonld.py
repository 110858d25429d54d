"""schema.org JSON-LD on exhibition, venue and events pages: it parses and says what a search engine needs."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(html):
    scripts = SCRIPT.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_exhibition_page_has_an_exhibition_event_per_showing(client, tour):
    data = jsonld(client.get(tour.url).content.decode())
    assert data["@context"] == "https://schema.org"
    springfield, columbia = data["@graph"]
    assert springfield["@type"] == "ExhibitionEvent"
    assert (springfield["startDate"], springfield["endDate"]) == ("2014-03-07", "2014-03-29")
    assert springfield["location"]["@type"] == "Place"
    assert springfield["location"]["address"] == {
        "@type": "PostalAddress", "streetAddress": "128 Park Central Square", "addressLocality": "Springfield",
        "addressRegion": "MO", "addressCountry": "US",
    }
    assert columbia["location"]["address"]["postalCode"] == "65203"

    talks = {event["name"]: event for event in springfield["subEvent"]}
    assert talks["Opening reception"]["startDate"] == "2014-03-07T19:00:00-06:00"
    assert talks["Opening reception"]["endDate"] == "2014-03-07T21:00:00-06:00"
    assert talks["Closing reception"]["startDate"] == "2014-03-29"
    assert talks["Sample gallery talk"]["eventStatus"] == "https://schema.org/EventCancelled"
    screening = {event["name"]: event for event in columbia["subEvent"]}["Sample screening"]
    assert screening["eventStatus"] == "https://schema.org/EventRescheduled"
    assert screening["previousStartDate"] == "2014-04-10"
    assert screening["startDate"] == "2014-04-12T18:00:00-05:00"  # CDT by April


def test_venue_and_events_pages_carry_json_ld_too(client, tour, springfield):
    venue = jsonld(client.get(springfield.get_absolute_url()).content.decode())
    assert [item["location"]["name"] for item in venue["@graph"]] == ["Park Central Branch Library"]
    events = jsonld(client.get(reverse("exhibit:events")).content.decode())
    assert len(events["@graph"]) == 6
    assert {item["location"]["address"]["addressLocality"] for item in events["@graph"]} == {"Springfield", "Columbia"}


def test_json_ld_cannot_be_broken_out_of(client, make_exhibition, springfield):
    from datetime import date

    page = make_exhibition(title="Hostile", summary="</script><script>alert(1)</script>",
                           stops=[(springfield, date(2014, 3, 7), date(2014, 3, 9), {}, [])])
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert jsonld(html)["@graph"][0]["description"] == "</script><script>alert(1)</script>"
