"""Public pages of the archive: the gallery, a photograph, an artist, a community. Thin on purpose:
browsing and search live in gallery.browse, link previews in gallery.social."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _, gettext_lazy

from . import browse, counted, jsonld, related
from .base_url import absolute
from .imaging.sizes import PRESETS, SOCIAL_SPEC, picture_specs
from .models import Artist, Community, Photograph, TaggedCommunity
from .social import page_meta

PAGE_SIZE = browse.PAGE_SIZE


def in_context(gallery_query):
    """The query a photograph link carries so its page can offer previous/next in the same results."""
    return "?" + urlencode({"from": gallery_query})


def spoken_list(names):
    """"a, b and c": the gallery's intro names only the facets it offers."""
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def gallery(request):
    base_url = reverse("gallery:index")
    result = browse.browse(request.GET, base_url)
    state = result.state
    title = _("Photographs matching “%(q)s”") % {"q": state.q} if state.q else _("Photographs")
    return render(
        request,
        "gallery/gallery.html",
        {
            "browse": result,
            "photos": result.page,
            "photo_link_query": in_context(result.from_query),
            "pagination": browse.page_links(result.page, lambda number: state.url(base_url, page=number if number > 1 else None)),
            "eager_count": browse.EAGER_COUNT,
            "title": title,
            "facet_names": spoken_list([facet.label.lower() for facet in result.facets]),
            # Filtered states are shareable, but only the gallery itself is the canonical page.
            "meta": page_meta(request, _("Photographs"), _("Browse the archive's photographs by community, artist, exhibition, decade, kind and place."),
                              photo=result.page[0] if len(result.page) and not state.is_filtered else None,
                              canonical_path=base_url + (f"?{state.query_string()}" if state.is_filtered else ""),
                              # Every filtered, sorted or paged state is its own URL: followed, not indexed.
                              robots="noindex, follow" if request.GET else ""),
        },
    )


# What each view reads of the query string, for the page cache's key (see its docstring).
gallery.query_parameters = browse.gallery_parameters


def photograph_page(request, pk):
    queryset = (
        Photograph.objects.public()
        .select_related("artist")
        .prefetch_related("communities", "tags")
        .prefetch_renditions(*picture_specs(PRESETS["full"]), SOCIAL_SPEC)
        # Every language's, not only the page's: the JSON-LD gives the words in each.
        .prefetch_related("translations")
    )
    photo = get_object_or_404(queryset, pk=pk)
    words = photo.words()
    meta = page_meta(request, words.title, words.caption or words.alt_text, photo=photo, kind="article")
    return render(
        request,
        "gallery/photograph.html",
        {
            "photo": photo,
            "words": words,
            "communities": list(photo.communities.all()),
            "keywords": list(photo.tags.all()),
            "neighbours": browse.neighbours(request, photo, reverse("gallery:index")),
            "related": related.sections("photograph", request, photo),
            "meta": meta,
            "jsonld": jsonld.script_tag(jsonld.photograph(photo, meta.get("image", ""))),
            "iiif": {
                "info": reverse("gallery:iiif_info", args=[photo.iiif_identifier]),
                "manifest": absolute(reverse("gallery:iiif_photograph_manifest", args=[photo.iiif_identifier])),
            },
        },
    )


photograph_page.query_parameters = browse.photograph_parameters


def paginated(request, queryset, counted_as):
    """A page of `queryset`, its size counted once per content generation under `counted_as`."""
    count = counted.remembered("listing", counted_as, queryset.count)
    pages = browse.RememberedPages(queryset, ("listing", counted_as), count)
    page = browse.CountedPaginator(pages, PAGE_SIZE, count).get_page(request.GET.get("page"))
    links = browse.page_links(page, lambda number: f"?page={number}" if number > 1 else request.path)
    return page, links


def artist_page(request, slug):
    artist = get_object_or_404(Artist.objects.public().select_related("portrait"), slug=slug)
    photos, pagination = paginated(request, browse.public_photographs().filter(artist=artist), ("artist", artist.pk))
    portrait = artist.portrait if artist.portrait_id and Photograph.objects.public().filter(pk=artist.portrait_id).exists() else None
    return render(
        request,
        "gallery/artist.html",
        {
            "artist": artist,
            "words": artist.words(),
            "photos": photos,
            "pagination": pagination,
            "communities": list(artist.communities.public()),
            "related": related.sections("artist", request, artist),
            "photo_link_query": in_context(browse.BrowseState(filters={"artist": artist.slug}).query_string()),
            "gallery_url": browse.BrowseState(filters={"artist": artist.slug}).url(reverse("gallery:index")),
            "eager_count": browse.EAGER_COUNT,
            "meta": page_meta(request, artist.name, artist.words().bio or _("Photographs by %(name)s in the archive.") % {"name": artist.name},
                              photo=portrait or (photos[0] if len(photos) else None), kind="profile"),
        },
    )


def community_page(request, slug):
    community = get_object_or_404(Community.objects.public(), slug=slug)
    # From the through table (its index on community and photograph), not through a join to photographs.
    shown = TaggedCommunity.objects.filter(tag=community).values("content_object_id")
    photos, pagination = paginated(request, browse.public_photographs().filter(pk__in=shown), ("community", community.pk))
    return render(
        request,
        "gallery/community.html",
        {
            "community": community,
            "words": community.words(),
            "photos": photos,
            "pagination": pagination,
            "artists": list(Artist.objects.public().filter(communities=community)),
            "related": related.sections("community", request, community),
            "photo_link_query": in_context(browse.BrowseState(filters={"community": community.slug}).query_string()),
            "gallery_url": browse.BrowseState(filters={"community": community.slug}).url(reverse("gallery:index")),
            "eager_count": browse.EAGER_COUNT,
            "meta": page_meta(request, community.name,
                              community.words().description or _("Photographs of the %(name)s community in the archive.") % {"name": community.name},
                              photo=photos[0] if len(photos) else None),
        },
    )


ARTISTS_LEDE = gettext_lazy("The photographers whose work the archive keeps and its exhibitions show.")
COMMUNITIES_LEDE = gettext_lazy("The immigrant and refugee communities the archive’s photographs show.")


def name_index(request, heading, lede, entries):
    """/artists/ and /communities/: each public one with its count of public photographs."""
    return render(
        request,
        "gallery/name_index.html",
        {"heading": heading, "lede": lede, "entries": list(entries.order_by("name", "pk")), "meta": page_meta(request, heading, lede)},
    )


def artist_index(request):
    public = Photograph.objects.public().values("pk")
    artists = Artist.objects.public().annotate(photo_count=Count("photographs", filter=Q(photographs__in=public)))
    return name_index(request, _("Artists"), ARTISTS_LEDE, artists)


def community_index(request):
    public = Photograph.objects.public().values("pk")
    communities = Community.objects.public().annotate(
        photo_count=Count("tagged_photographs", filter=Q(tagged_photographs__content_object__in=public))
    )
    return name_index(request, _("Communities"), COMMUNITIES_LEDE, communities)
