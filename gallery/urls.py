from django.urls import path

from . import media_views, views

app_name = "gallery"

urlpatterns = [
    path("photographs/", views.gallery, name="index"),
    path("photographs/<int:pk>/", views.photograph_page, name="photograph"),
    path("artists/<slug:slug>/", views.artist_page, name="artist"),
    path("communities/<slug:slug>/", views.community_page, name="community"),
    path("media/renditions/<int:photo_id>/<str:name>", media_views.rendition_file, name="rendition_file"),
]
