"""A NUL in a query parameter is a 400 everywhere, on both databases, never a 500 from PostgreSQL."""

import pytest

pytestmark = pytest.mark.django_db

QUERIES = [
    "/api/v1/photographs?exhibition=a%00b",
    "/api/v1/photographs?artist=%00",
    "/photographs/?q=garden%00",
    "/photographs/?community=%00bosnian",
    "/search/?q=%00",
    "/oai?verb=Identify&x%00=1",
]


@pytest.mark.parametrize("url", QUERIES)
def test_a_nul_in_a_query_parameter_is_refused_with_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        # The API answers in the error shape its OpenAPI schema documents.
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "A query parameter contains a NUL character."}
    else:
        assert b"NUL character" in response.content


def test_the_same_queries_without_the_nul_are_answered(client):
    for url in QUERIES:
        assert client.get(url.replace("%00", "")).status_code < 500
