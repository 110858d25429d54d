"""An object store that does not answer is a 503 saying nothing was saved; any other error is left to Django."""

from botocore.exceptions import ClientError, EndpointConnectionError
from django.test import RequestFactory

from sitewide.storage_outage import StorageOutageMiddleware


def answer(error):
    middleware = StorageOutageMiddleware(lambda request: None)
    return middleware.process_exception(RequestFactory().post("/admin/images/add/"), error)


def test_a_store_that_does_not_answer_is_a_503_that_says_nothing_was_saved():
    response = answer(EndpointConnectionError(endpoint_url="http://127.0.0.1:9/bucket"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "not answering, so nothing was saved" in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_store_answering_with_a_server_error_is_an_outage_too():
    error = ClientError({"Error": {"Code": "ServiceUnavailable"}, "ResponseMetadata": {"HTTPStatusCode": 503}}, "PutObject")
    assert answer(error).status_code == 503


def test_other_errors_are_not_mistaken_for_an_outage():
    denied = ClientError({"Error": {"Code": "AccessDenied"}, "ResponseMetadata": {"HTTPStatusCode": 403}}, "PutObject")
    assert answer(denied) is None
    assert answer(ValueError("a bug")) is None
