from django.urls import path

from . import discovery, oai
from .api import api

app_name = "opendata"

urlpatterns = [
    path("oai/", oai.endpoint, name="oai"),
    # Under /iiif/ with the rest of IIIF (and, like it, never stored by the page cache).
    path("iiif/discovery/activity/all-changes", discovery.collection, name="discovery_collection"),
    path("iiif/discovery/activity/page-<int:number>", discovery.page, name="discovery_page"),
]

api_urlpatterns = [path("api/v1/", api.urls)]
