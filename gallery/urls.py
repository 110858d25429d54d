from django.urls import path

from . import media_views, views
from .iiif import views as iiif_views
from .languages import language_prefixed

app_name = "gallery"

urlpatterns = [
    # Pages, in every language (/es/photographs/); media and IIIF below have one address each.
    language_prefixed([
        path("photographs/", views.gallery, name="index"),
        path("photographs/<int:pk>/", views.photograph_page, name="photograph"),
        path("artists/", views.artist_index, name="artist_index"),
        path("communities/", views.community_index, name="community_index"),
        path("artists/<slug:slug>/", views.artist_page, name="artist"),
        path("communities/<slug:slug>/", views.community_page, name="community"),
    ]),
    path("media/renditions/<int:photo_id>/<str:name>", media_views.rendition_file, name="rendition_file"),
    # IIIF: manifests first, so their paths are never read as image requests.
    path(
        "iiif/3/manifests/photographs/<str:identifier>/manifest.json",
        iiif_views.photograph_manifest,
        name="iiif_photograph_manifest",
    ),
    path("iiif/3/<str:identifier>", iiif_views.base, name="iiif_base"),
    path("iiif/3/<str:identifier>/", iiif_views.base),
    path("iiif/3/<str:identifier>/info.json", iiif_views.info, name="iiif_info"),
    path(
        "iiif/3/<str:identifier>/<str:region>/<str:size>/<str:rotation>/<str:quality_format>",
        iiif_views.image,
        name="iiif_image",
    ),
]
