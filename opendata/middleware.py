"""Open data answers to any origin (CORS), and the API counts each client's requests (429 past the limit)."""

import json

from django.http import HttpResponse

from sitewide.null_characters import MESSAGE, has_null_character

from . import ratelimit

OPEN_PREFIXES = ("/api/v1/", "/oai/")
RATE_LIMITED_PREFIX = "/api/v1/"


class OpenDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS" if request.path.startswith("/oai/") else "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
        elif request.path.startswith(RATE_LIMITED_PREFIX):
            allowed, remaining, reset = ratelimit.hit(ratelimit.client_key(request))
            if not allowed:
                response = HttpResponse(
                    json.dumps({"detail": f"Too many requests: at most {ratelimit.limit()} every "
                                          f"{ratelimit.window_seconds()} seconds. Try again in {reset} s."}),
                    status=429, content_type="application/json",
                )
                response["Retry-After"] = str(reset)
            elif has_null_character(request.GET):
                # The API's own error shape, as its schema documents for a 400.
                response = HttpResponse(json.dumps({"detail": MESSAGE}), status=400, content_type="application/json")
            else:
                response = self.get_response(request)
            response["X-RateLimit-Limit"] = str(ratelimit.limit())
            response["X-RateLimit-Remaining"] = str(remaining)
            response["X-RateLimit-Reset"] = str(reset)
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
        return response
