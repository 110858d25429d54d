"""Public pages of the archive: a photograph, an artist, a community."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .image_sizes import picture_specs
from .models import Artist, Community, Photograph

PAGE_SIZE = 48


def public_photographs():
    return (
        Photograph.objects.public()
        .select_related("artist")
        .prefetch_related("communities")
        .prefetch_renditions(*picture_specs())
        .order_by("date_earliest", "title", "pk")
    )


def photograph_page(request, pk):
    photo = get_object_or_404(public_photographs(), pk=pk)
    iiif = {
        "info": reverse("gallery:iiif_info", args=[photo.iiif_identifier]),
        "manifest": request.build_absolute_uri(
            reverse("gallery:iiif_photograph_manifest", args=[photo.iiif_identifier])
        ),
    }
    return render(
        request,
        "gallery/photograph.html",
        {"photo": photo, "communities": list(photo.communities.all()), "iiif": iiif},
    )


def artist_page(request, slug):
    artist = get_object_or_404(Artist, slug=slug)
    photos = Paginator(public_photographs().filter(artist=artist), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "gallery/artist.html",
        {"artist": artist, "photos": photos, "communities": list(artist.communities.all())},
    )


def community_page(request, slug):
    community = get_object_or_404(Community, slug=slug)
    photos = Paginator(public_photographs().filter(communities=community), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    artists = Artist.objects.filter(communities=community)
    return render(
        request, "gallery/community.html", {"community": community, "photos": photos, "artists": list(artists)}
    )
