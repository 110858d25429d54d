"""
IIIF Image API 3.0 (level 2) and Presentation 3.0 endpoints for public photographs.

Every photograph is found through Photograph.objects.public(): a private, unpublished or
consent-withheld photograph is 404 here as everywhere, whatever the identifier.
Every response, errors included, carries `Access-Control-Allow-Origin: *` so viewers on other
sites (Mirador, Universal Viewer, aggregators) can use it.
"""

import json
from functools import lru_cache, wraps

from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .. import freshness
from ..base_url import PublicURLs, absolute
from ..imaging.formats import OUTPUT_FORMATS
from ..models import Photograph
from . import derivatives, image_api, presentation

JSON_LD = f'application/ld+json;profile="{image_api.CONTEXT}"'
PRESENTATION_JSON_LD = f'application/ld+json;profile="{presentation.CONTEXT}"'
INFO_CACHE = "public, max-age=300"


class NotFound(Exception):
    pass


def cors(view):
    """CORS on every answer (errors too), a preflight answer for OPTIONS, and IIIF errors as statuses."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            try:
                response = view(request, *args, **kwargs)
            except NotFound:
                response = HttpResponse("No public photograph has this identifier.\n", status=404,
                                        content_type="text/plain; charset=utf-8")
            except image_api.IIIFError as error:
                response = HttpResponse(error.message + "\n", status=error.status,
                                        content_type="text/plain; charset=utf-8")
                for name, value in error.headers.items():
                    response[name] = value
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_http_methods(["GET", "HEAD", "OPTIONS"])(wrapped)


# What an image request reads of a photograph; the rest (EXIF, captions) is loaded only if asked for.
IMAGE_FIELDS = ("id", "iiif_identifier", "sha256", "rights", "file", "width", "height", "collection_id")


_SENTINEL = "\x00iiif-identifier\x00"


@lru_cache(maxsize=1)
def _public_lookup_sql():
    """
    The SQL of Photograph.objects.public() for one identifier, compiled once per process.

    Tiles come by the hundred while someone zooms; building and compiling the public() queryset
    cost several times what running it does. The SQL is still public()'s own (derived from it, so
    a change to the filter changes this), and it runs against the database on every request:
    nothing about who may see what is cached.
    """
    query = Photograph.objects.public().only(*IMAGE_FIELDS).filter(iiif_identifier=_SENTINEL).query
    sql, params = query.sql_with_params()
    return sql, list(params), list(params).index(_SENTINEL)


class PublicImage:
    """
    What an image request reads of a public photograph, straight from its row. Building the model
    (Wagtail's image __init__, the file field's dimension signal) cost more than the query, and a
    stored tile needs none of it; the rare request that decodes the original loads the model.
    """

    def __init__(self, columns, row):
        self.__dict__.update(zip(columns, row))
        self.pk = self.id

    def model(self):
        return Photograph.objects.get(pk=self.pk)

    def open_file(self):
        return self.model().open_file()


def public_photograph(identifier):
    sql, params, at = _public_lookup_sql()
    params = list(params)
    params[at] = identifier
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
        columns = [column[0] for column in cursor.description]
    if row is None:
        raise NotFound
    return PublicImage(columns, row)


def service_id(request, photo):
    return absolute(reverse("gallery:iiif_base", args=[photo.iiif_identifier]))


def prefers_plain_json(accept):
    """Content negotiation between JSON-LD (the default) and plain JSON, by the Accept header's q-values."""
    best = {"application/ld+json": -1.0, "application/json": -1.0}
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if media not in best:
            continue
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        best[media] = max(best[media], q)
    return best["application/json"] > best["application/ld+json"]


def json_response(request, document, ld_type, cache_control):
    accept = request.headers.get("Accept", "")
    content_type = "application/json" if prefers_plain_json(accept) else ld_type
    response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type=content_type)
    response["Vary"] = "Accept"
    response["Cache-Control"] = cache_control
    return response


@cors
def base(request, identifier):
    """The base URI redirects to the image information (§2.1)."""
    photo = public_photograph(identifier)
    response = HttpResponseRedirect(reverse("gallery:iiif_info", args=[photo.iiif_identifier]))
    response.status_code = 303
    return response


@cors
def info(request, identifier):
    photo = public_photograph(identifier)
    facts = derivatives.facts(photo)
    limits, max_scale = derivatives.limits_for(photo, (facts.width, facts.height))
    document = image_api.info(
        service_id(request, photo), facts.width, facts.height, tile=derivatives.pyramid.TILE, limits=limits,
        max_scale=max_scale, rights=photo.rights or None, grey=facts.grey,
    )
    response = json_response(request, document, JSON_LD, INFO_CACHE)
    response["Link"] = f'<{image_api.PROFILE_URI}>;rel="profile"'
    return response


@cors
def image(request, identifier, region, size, rotation, quality_format):
    # The identifier first: a malformed request for a private photograph is 404, never 400,
    # so nothing is learnt of what is not public.
    photo = public_photograph(identifier)
    facts = derivatives.facts(photo)
    full_size = (facts.width, facts.height)
    limits, max_scale = derivatives.limits_for(photo, full_size)
    wanted = image_api.parse(region, size, rotation, quality_format, full_size, limits, max_scale)
    canonical = wanted.canonical(full_size)
    content_type = OUTPUT_FORMATS[image_api.FORMATS[wanted.format]].content_type
    etag = derivatives.etag(photo, canonical)
    keep = derivatives.worth_keeping(wanted, full_size, limits, max_scale)
    unchanged = freshness.not_modified(request, etag)
    stored = None
    if keep and unchanged is None:
        stored = derivatives.open_pyramid_tile(photo, wanted) or derivatives.open_stored(photo, canonical)
    if unchanged is not None:
        response = unchanged
    elif stored is not None:
        handle, size = stored
        response = FileResponse(handle, content_type=content_type)
        response["Content-Length"] = size
    elif keep:
        data = derivatives.render(photo, wanted, full_size)
        derivatives.store(photo, canonical, data)
        response = HttpResponse(data, content_type=content_type)
    else:
        derivatives.admit_uncached(request, wanted)
        max_seconds = settings.IIIF_UNCACHED_MAX_SECONDS
        response = HttpResponse(derivatives.render(photo, wanted, full_size, max_seconds), content_type=content_type)
    freshness.validators(response, etag)
    response["X-Content-Type-Options"] = "nosniff"
    response["Link"] = (
        f'<{image_api.PROFILE_URI}>;rel="profile", <{service_id(request, photo)}/{canonical}>;rel="canonical"'
    )
    return response


@cors
def photograph_manifest(request, identifier):
    photo = (
        Photograph.objects.public().filter(iiif_identifier=identifier).select_related("artist")
        .prefetch_related("translations").first()
    )
    if photo is None:
        raise NotFound
    document = presentation.photograph_manifest(PublicURLs(), photo)
    return json_response(request, document, PRESENTATION_JSON_LD, INFO_CACHE)
