"""
IIIF Change Discovery API 1.0 (https://iiif.io/api/discovery/1.0/): the photograph and exhibition
manifests' Create, Update and Delete activities as an Activity Streams OrderedCollection, oldest
first, in pages of a fixed size. Activities are only ever appended, so a full page never changes and
a harvester that read up to page N starts again there. A withdrawal is a Delete naming only the
manifest's URL (which now answers 404): nothing else of the photograph is in the stream.
"""

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse

from gallery.base_url import absolute

from .models import Activity, Kind

CONTEXT = "http://iiif.io/api/discovery/1/context.json"
CONTENT_TYPE = 'application/ld+json;profile="https://www.w3.org/ns/activitystreams"'


def page_size():
    return settings.CHANGE_DISCOVERY_PAGE_SIZE


def manifest_path(record):
    if record.kind == Kind.PHOTOGRAPH:
        return reverse("gallery:iiif_photograph_manifest", args=[record.identifier])
    return reverse("exhibit:iiif_exhibition_manifest", args=[record.identifier])


def _response(document):
    response = HttpResponse(json.dumps(document, indent=1), content_type=CONTENT_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-store"
    return response


def _page_count():
    total = Activity.objects.count()
    return total, max(1, -(-total // page_size()))


def _page_ref(request, number):
    return {"id": absolute(reverse("opendata:discovery_page", args=[number])), "type": "OrderedCollectionPage"}


def collection(request):
    total, pages = _page_count()
    return _response({
        "@context": CONTEXT,
        "id": absolute(reverse("opendata:discovery_collection")),
        "type": "OrderedCollection",
        "totalItems": total,
        "first": _page_ref(request, 0),
        "last": _page_ref(request, pages - 1),
    })


def page(request, number):
    total, pages = _page_count()
    if number >= pages:
        raise Http404("No such page of activities.")
    size = page_size()
    activities = Activity.objects.select_related("record").order_by("id")[number * size:(number + 1) * size]
    document = {
        "@context": CONTEXT,
        "id": _page_ref(request, number)["id"],
        "type": "OrderedCollectionPage",
        "startIndex": number * size,
        "partOf": {"id": absolute(reverse("opendata:discovery_collection")), "type": "OrderedCollection"},
    }
    if number > 0:
        document["prev"] = _page_ref(request, number - 1)
    if number < pages - 1:
        document["next"] = _page_ref(request, number + 1)
    document["orderedItems"] = [
        {
            "type": activity.type,
            "object": {"id": absolute(manifest_path(activity.record)), "type": "Manifest"},
            "endTime": activity.end_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        for activity in activities
    ]
    return _response(document)
