"""The public JSON API: what it shows, what it never shows, CORS, the rate limit, and its schema."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(path, params)
    return response, (json.loads(response.content) if response["Content-Type"].startswith("application/json") else None)


def test_photographs_carry_rights_and_credit_and_only_public_fields(archive, client):
    response, body = get(client, "/api/v1/photographs", page_size=100)
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert body["count"] == 5
    assert {item["id"] for item in body["results"]} == {p.pk for p in archive["photos"]}
    text = response.content.decode()
    for item in body["results"]:
        assert item["rights"]["uri"] == "http://rightsstatements.org/vocab/InC-EDU/1.0/"
        assert item["credit_line"].startswith("Courtesy of lender")
    # Never anything the public pages keep back.
    for field in ("gps", "consent", "sha256", "exif", "file", "original", "collection", "is_published"):
        assert f'"{field}' not in text
    assert archive["private"].title not in text and "Secret alt" not in text


def test_photograph_filters_are_the_gallerys(archive, client):
    bosnian = {p.pk for p in archive["photos"][:3]}
    assert {i["id"] for i in get(client, "/api/v1/photographs", community="bosnian")[1]["results"]} == bosnian
    assert {i["id"] for i in get(client, "/api/v1/photographs", exhibition="faces-and-places")[1]["results"]} == bosnian
    by_artist = {p.pk for p in archive["photos"] if p.artist_id}
    assert {i["id"] for i in get(client, "/api/v1/photographs", artist=archive["artist"].slug)[1]["results"]} == by_artist
    assert {i["id"] for i in get(client, "/api/v1/photographs", decade="1910s")[1]["results"]} == {archive["photos"][0].pk, archive["photos"][1].pk}


def test_pagination_links_walk_every_photograph(archive, client):
    seen, response, body = [], *get(client, "/api/v1/photographs", page_size=2)
    while True:
        seen += [item["id"] for item in body["results"]]
        if not body["next"]:
            break
        response, body = get(client, body["next"].replace("http://testserver", ""))
    assert sorted(seen) == sorted(p.pk for p in archive["photos"]) and body["pages"] == 3
    assert get(client, "/api/v1/photographs", page=9)[0].status_code == 404
    assert get(client, "/api/v1/photographs", page_size=1000)[0].status_code == 400


def test_private_things_answer_404(archive, client):
    assert get(client, f"/api/v1/photographs/{archive['private'].pk}")[0].status_code == 404
    assert get(client, f"/api/v1/photographs/{archive['photos'][0].pk}")[0].status_code == 200
    archive["exhibition"].unpublish()
    assert get(client, "/api/v1/exhibitions/faces-and-places")[0].status_code == 404
    assert get(client, "/api/v1/exhibitions")[1]["count"] == 0


def test_artists_communities_exhibitions_venues_events(archive, tour, client):
    artists = get(client, "/api/v1/artists")[1]
    assert [a["name"] for a in artists["results"]] == ["Amra Hodžić"]
    communities = get(client, "/api/v1/communities")[1]
    assert [c["slug"] for c in communities["results"]] == ["bosnian", "chinese"]
    exhibition = get(client, "/api/v1/exhibitions/faces-and-places")[1]
    assert exhibition["photographs"] == [p.pk for p in archive["photos"][:3]]  # the private one left out
    venues = get(client, "/api/v1/venues")[1]
    assert {v["city"] for v in venues["results"]} == {"Springfield", "Columbia"}
    assert "Zelda" not in json.dumps(venues)  # logistics stay with staff
    events, body = get(client, "/api/v1/events", exhibition="faces-and-places-2014", page_size=100)
    assert [e["title"] for e in body["results"]][:2] == ["Opening reception", "Sample gallery talk"]
    tba = [e for e in body["results"] if e["time_tba"]]
    assert tba and all(e["start_time"] is None for e in tba)
    assert "SPFCRATE" not in events.content.decode()


def test_openapi_description_is_served(client):
    response, body = get(client, "/api/v1/openapi.json")
    assert response.status_code == 200 and body["openapi"].startswith("3.")
    assert {"/api/v1/photographs", "/api/v1/photographs/{photo_id}", "/api/v1/artists", "/api/v1/communities",
            "/api/v1/exhibitions", "/api/v1/venues", "/api/v1/events"} <= set(body["paths"])


def test_rate_limit_answers_429_with_retry_after(archive, client, settings):
    from opendata.models import RateWindow

    settings.API_RATE_LIMIT = 3
    statuses = [client.get("/api/v1/communities").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/communities")
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    assert "Too many requests" in json.loads(response.content)["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"
    # The count is a database row, the same for every process serving the site.
    assert RateWindow.objects.get().count == 5
    # Another client is counted apart.
    assert client.get("/api/v1/communities", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_behind_a_trusted_proxy_each_visitor_has_its_own_rate_limit(archive, client, settings):
    # Every request reaches the site from the proxy's address; the visitor is the one it forwarded.
    settings.API_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    busy = [client.get("/api/v1/communities", HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code for _ in range(3)]
    assert busy == [200, 200, 429]
    assert client.get("/api/v1/communities", HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 200
    # A forged first hop does not buy a new budget: the proxy's own entry is the one counted.
    forged = client.get("/api/v1/communities", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", **proxy)
    assert forged.status_code == 429


def test_cors_preflight(client):
    response = client.options("/api/v1/photographs", HTTP_ORIGIN="https://example.net", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response.status_code == 204 and response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_schemathesis_finds_no_500_and_no_response_breaking_the_schema(archive, tour, live_server, settings, tmp_path):
    settings.API_RATE_LIMIT = 1_000_000
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run", f"{live_server.url}/api/v1/openapi.json",
        "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance",
        "--max-examples", "25", "--max-time", "60", "--workers", "1", "--request-timeout", "10",
        "--phases", "examples,coverage,fuzzing", "--no-color",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=240, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_the_footer_links_to_all_three(archive, client):
    html = client.get("/photographs/").content.decode()
    for url in ("/api/v1/openapi.json", "/oai/?verb=Identify", "/iiif/discovery/activity/all-changes"):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200
