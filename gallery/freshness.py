"""
How long a public image may be kept by browsers and CDNs, and revalidation by ETag/Last-Modified.

A short lifetime (PUBLIC_MEDIA_MAX_AGE, 5 minutes by default) bounds how long a copy can outlive a
withdrawn consent where no purge reaches (gallery.cdn_purge tells a configured CDN at once); the
ETag makes a revalidation after that cost a 304 and no bytes. A 304 is only given after the
photograph was checked to be public: a withdrawn one answers 404 to If-None-Match as to anything.
"""

from django.conf import settings
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag


def cache_control():
    return f"public, max-age={getattr(settings, 'PUBLIC_MEDIA_MAX_AGE', 300)}, must-revalidate"


def not_modified(request, etag, last_modified=None):
    """A 304 response if the request's validators match, else None."""
    return get_conditional_response(request, etag=quote_etag(etag), last_modified=last_modified)


def validators(response, etag, last_modified=None):
    response["ETag"] = quote_etag(etag)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control()
    return response
