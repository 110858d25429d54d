"""
An exhibition as IIIF Presentation 3.0: one Manifest per public exhibition (its public photographs
as canvases, in the exhibition's order) and one Collection of every public exhibition.

Plain functions of (page, base_url) so that a view and a request-less caller (a bag export, a
management command) build the very same document. The canvases come from gallery's builders; what
this module adds is what only an exhibition knows: its order, its captions, its artists, venues and
dates. Only Photograph.objects.public() photographs ever become canvases.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from gallery import languages
from gallery.base_url import PublicURLs as AbsoluteURLs
from gallery.iiif import presentation
from gallery.machine_dates import iso_instant
from gallery.models import Photograph

from . import event_text
from .itinerary import exhibitions_by_status
from .models import ExhibitionPage

COLLECTION_LABEL = "Exhibitions"


def manifest_path(page):
    return reverse("exhibit:iiif_exhibition_manifest", args=[page.slug])


def manifest_url(page, base_url):
    return AbsoluteURLs(base_url).build_absolute_uri(manifest_path(page))


def collection_url(base_url):
    return AbsoluteURLs(base_url).build_absolute_uri(reverse("exhibit:iiif_exhibition_collection"))


def public_exhibition(slug):
    """The live, unrestricted exhibition with this slug, or None."""
    return ExhibitionPage.objects.public().filter(slug=slug).first()


def public_versions(page):
    """{language code: page} of the exhibition's live, unrestricted versions in the languages the site
    serves, the default language's first (its words lead every language map)."""
    served = languages.codes()
    found = {
        version.locale.language_code: version
        for version in ExhibitionPage.objects.visible().filter(translation_key=page.translation_key).select_related("locale")
        if version.locale.language_code in served
    }
    found.setdefault(languages.page_language(page), page)
    order = {code: position for position, code in enumerate(served)}
    return dict(sorted(found.items(), key=lambda item: (item[0] != settings.LANGUAGE_CODE, order.get(item[0], len(order)))))


def language_map(versions, field):
    """{"en": [...], "es": [...]}: one field of every version that has it, each under its own language."""
    return {code: [str(getattr(version, field))] for code, version in versions.items() if getattr(version, field)}


def homepages(request, versions):
    """The exhibition's page in each language, each saying its language (IIIF `homepage` is a list)."""
    pages = []
    for code, version in versions.items():
        with translation.override(code):
            path = version.get_url()
        if path:
            pages.append({"id": request.build_absolute_uri(path), "type": "Text", "label": {code: [version.title]},
                          "format": "text/html", "language": [code]})
    return pages


def public_items(page):
    """(item, photograph) pairs in the exhibition's order; photographs that are not public are left out."""
    items = list(page.exhibition_photographs.all())
    public = {
        photo.pk: photo
        for photo in Photograph.objects.public()
        .filter(pk__in=[item.photograph_id for item in items])
        .select_related("artist")
        .prefetch_related("communities")
    }
    return [(item, public[item.photograph_id]) for item in items if item.photograph_id in public]


def venue_line(showing):
    """"Park Central Branch Library, Springfield, MO: March 7 - 29, 2014", dates as the itinerary shows them."""
    venue = showing.venue
    place = ", ".join(part for part in (venue.name, venue.city, venue.state) if part)
    return f"{place}: {event_text.date_span(showing.opens, showing.closes)}"


def values_pair(label, values):
    """A metadata pair with one language-map value per entry (viewers list them one to a line)."""
    return {"label": presentation.text(label), "value": {presentation.LANGUAGE: [str(value) for value in values]}}


def exhibition_metadata(page, showings):
    pairs = []
    artists = [artist.name for artist in page.featured_artists.all()]
    if artists:
        pairs.append(values_pair("Artists", artists))
    if showings:
        pairs.append(presentation.pair("Dates", event_text.date_span(showings[0].opens, showings[-1].closes)))
        pairs.append(values_pair("Venues and dates", [venue_line(showing) for showing in showings]))
    communities = [community.name for community in page.communities.all()]
    if communities:
        pairs.append(presentation.pair("Communities", ", ".join(communities)))
    return pairs


def canvas_names(pairs):
    """A canvas name per item: the photograph's IIIF identifier, so reordering the wall keeps every
    canvas id (viewers and annotations point at them); a photograph shown twice gets "-2", "-3"."""
    names, seen = {}, {}
    for item, photo in pairs:
        seen[photo.iiif_identifier] = seen.get(photo.iiif_identifier, 0) + 1
        count = seen[photo.iiif_identifier]
        names[item.pk] = photo.iiif_identifier if count == 1 else f"{photo.iiif_identifier}-{count}"
    return names


def canvas(request, page_manifest_id, item, photo, name):
    """A photograph's canvas, with this exhibition's caption and the photograph's own terms of use."""
    document = presentation.photograph_canvas(request, photo, f"{page_manifest_id.rsplit('/', 1)[0]}/canvas/{name}")
    caption = item.caption or photo.caption
    if caption:
        document["summary"] = presentation.text(caption)
    metadata = presentation.photograph_metadata(photo, list(photo.communities.all()))
    if metadata:
        document["metadata"] = metadata
    if photo.credit_line:
        document["requiredStatement"] = presentation.photograph_credit(photo)
    if photo.rights:
        document["rights"] = photo.rights
    return document


def shared(values):
    """The one value every photograph has, or None when they differ (or none has one)."""
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 and None not in distinct and "" not in distinct else None


def credit_statement(photos):
    """Every distinct credit line of the photographs shown, in exhibition order."""
    credits = list(dict.fromkeys(photo.credit_line for photo in photos if photo.credit_line))
    return ("Credit", "; ".join(credits)) if credits else None


def thumbnail_photo(page, photos):
    if page.hero_image_id:
        hero = Photograph.objects.public().filter(pk=page.hero_image_id).first()
        if hero is not None:
            return hero
    return photos[0] if photos else None


def exhibition_manifest(page, base_url):
    """
    The Presentation 3.0 manifest of a public exhibition as a dict; `base_url` is the site's root
    ("https://archive.example.org/"). The caller decides the exhibition may be shown; with no public
    photograph its `items` is empty, which IIIF does not allow, so callers treat that as "no manifest".

    Rights: each canvas carries its photograph's rights URI; the manifest carries one only when
    every photograph shares it (a manifest-level statement must be true of everything in it).
    """
    request = AbsoluteURLs(base_url)
    id = manifest_url(page, base_url)
    pairs = public_items(page)
    photos = [photo for _, photo in pairs]
    showings = page.ordered_showings()
    cover = thumbnail_photo(page, photos)
    names = canvas_names(pairs)
    document = presentation.manifest(
        id,
        page.title,
        [canvas(request, id, item, photo, names[item.pk]) for item, photo in pairs],
        summary=page.summary,
        metadata=exhibition_metadata(page, showings),
        required_statement=credit_statement(photos),
        rights=shared(photo.rights for photo in photos),
        thumbnail=presentation.thumbnail(request, cover) if cover else None,
        # On a timeline an exhibition sits at its first opening.
        nav_date=iso_instant(showings[0].opens) if showings else "",
        part_of=[collection_url(base_url)],
    )
    # The exhibition's own words in every language it is translated into, which viewers pick from by
    # their language (Mirador's `language`, Universal Viewer's locale); the stops and photographs are
    # the same in each.
    versions = public_versions(page)
    document["label"] = language_map(versions, "title")
    if "summary" in document:
        document["summary"] = language_map(versions, "summary")
    found = homepages(request, versions)
    if found:
        document["homepage"] = found
    return document


def manifest_reference(page, base_url):
    """The collection's entry for one exhibition; None when it has no public photograph to show."""
    photos = [photo for _, photo in public_items(page)]
    if not photos:
        return None
    reference = {"id": manifest_url(page, base_url), "type": "Manifest", "label": language_map(public_versions(page), "title")}
    cover = thumbnail_photo(page, photos)
    if cover is not None:
        reference["thumbnail"] = presentation.thumbnail(AbsoluteURLs(base_url), cover)
    return reference


def ordered_public_exhibitions(now=None):
    """Now showing, then coming up, then past: the order of the exhibitions index page."""
    groups = exhibitions_by_status(ExhibitionPage.objects.public().specific(), now or timezone.now())
    return [page for page, _ in groups.current + groups.upcoming + groups.past]


def exhibitions_collection(base_url, now=None):
    references = (manifest_reference(page, base_url) for page in ordered_public_exhibitions(now))
    return presentation.collection(
        collection_url(base_url),
        COLLECTION_LABEL,
        [reference for reference in references if reference],
        summary="Every public exhibition of the archive, each as a IIIF manifest.",
    )
