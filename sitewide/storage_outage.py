"""
The object store not answering (down, restarting, unreachable) is said as such: 503 with Retry-After
and a sentence saying nothing was saved, instead of a bare 500. An upload writes its original to the
store before its row, so a failed write leaves no photograph behind; pages already in the page cache
are answered before any view runs, and keep being served.
"""

import logging

from botocore.exceptions import ConnectionError as BotoConnectionError
from botocore.exceptions import HTTPClientError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

MESSAGE = gettext_lazy("The media storage is not answering, so nothing was saved. "
                       "Try again in a minute; if it goes on, tell the site's administrators.")
RETRY_AFTER_SECONDS = 30
# What S3 clients raise when the store does not answer; a filesystem's errors are real bugs, not outages.
OUTAGE_ERRORS = (BotoConnectionError, HTTPClientError)


def is_outage(error):
    if isinstance(error, OUTAGE_ERRORS):
        return True
    response = getattr(error, "response", None)  # botocore's ClientError: the store answered, with a 5xx
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode") if isinstance(response, dict) else None
    return bool(status and status >= 500)


class StorageOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_outage(exception):
            return None
        logger.error("Media storage not answering on %s %s", request.method, request.path, exc_info=exception)
        response = HttpResponse(f"{MESSAGE}\n", status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
