"""
IIIF Presentation 3.0 documents, written as plain dicts (iiif-prezi3 pins an older Pillow).

Built in two layers so an exhibition can reuse them: `photograph_canvas()` makes the canvas of one
photograph (its image, its image service), and `manifest()` / `collection()` wrap any canvases or
items with a label, summary, metadata pairs and rights. A photograph's own manifest is one canvas.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from .. import languages
from ..machine_dates import nav_date
from ..words import language_maps
from . import derivatives, image_api

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
LANGUAGE = "en"
THUMBNAIL_BOX = 400


def text(value):
    """A IIIF language map: {"en": ["value"]}."""
    return {LANGUAGE: [str(value)]}


def texts(by_language):
    """A language map of words in several languages, {"en": ["..."], "es": ["..."]}: a viewer shows its
    own language's and falls back to another where one is missing."""
    return {code: [str(value)] for code, value in by_language.items() if value}


def interface_words(msgid):
    """An interface word (a metadata label) in every language the site's catalogues have it in."""
    words = {LANGUAGE: msgid}
    for code in languages.codes():
        with translation.override(code):
            said = gettext(msgid)
        if said != msgid:
            words[code] = said
    return texts(words)


def pair(label, value):
    return {"label": interface_words(label), "value": text(value)}


def translated_pair(label, photo, field):
    """A metadata pair of one of the photograph's own words, in each language it is written in."""
    return {"label": interface_words(label), "value": texts(language_maps(photo, field))}


def photograph_label(photo):
    return texts(language_maps(photo, "title"))


def photograph_summary(photo):
    """The caption in each language it is written in, else the alt text."""
    return texts(language_maps(photo, "caption" if photo.caption else "alt_text"))


def photograph_credit(photo):
    return translated_pair(gettext_noop("Credit"), photo, "credit_line")


def service_id(request, photo):
    return request.build_absolute_uri(reverse("gallery:iiif_base", args=[photo.iiif_identifier]))


def manifest_id(request, photo):
    return request.build_absolute_uri(reverse("gallery:iiif_photograph_manifest", args=[photo.iiif_identifier]))


def image_service(request, photo):
    return {"id": service_id(request, photo), "type": "ImageService3", "profile": image_api.PROFILE}


def _served_size(photo):
    """The largest size the image service gives out: the full size unless rights or limits cap it."""
    facts = derivatives.facts(photo)
    full_size = (facts.width, facts.height)
    limits, max_scale = derivatives.limits_for(photo, full_size)
    return full_size, image_api.parse("full", "max", "0", "default.jpg", full_size, limits, max_scale).size


def image_body(request, photo, size_text, size):
    return {
        "id": f"{service_id(request, photo)}/full/{size_text}/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": size[0],
        "height": size[1],
        "service": [image_service(request, photo)],
    }


def thumbnail(request, photo):
    full_size, served = _served_size(photo)
    size = image_api.thumbnail_size(served, THUMBNAIL_BOX)
    return [image_body(request, photo, f"{size[0]},{size[1]}", size)]


def photograph_canvas(request, photo, canvas_id, label=None):
    """The canvas of one photograph at `canvas_id`, painted with its largest public image."""
    full_size, served = _served_size(photo)
    size_text = "max" if served == full_size else f"{served[0]},{served[1]}"
    canvas = {
        "id": canvas_id,
        "type": "Canvas",
        "label": text(label) if label else photograph_label(photo),
        "width": full_size[0],
        "height": full_size[1],
        "thumbnail": thumbnail(request, photo),
        "items": [
            {
                "id": f"{canvas_id}/page",
                "type": "AnnotationPage",
                "items": [
                    {
                        "id": f"{canvas_id}/page/image",
                        "type": "Annotation",
                        "motivation": "painting",
                        "body": image_body(request, photo, size_text, served),
                        "target": canvas_id,
                    }
                ],
            }
        ],
    }
    if when := nav_date(photo):
        canvas["navDate"] = when
    return canvas


def photograph_metadata(photo, communities):
    pairs = []
    if photo.creator_name:
        pairs.append(pair(gettext_noop("Creator"), photo.creator_name))
    if photo.date_display:
        pairs.append(pair(gettext_noop("Date"), photo.date_display))
    if photo.place:
        pairs.append(translated_pair(gettext_noop("Place"), photo, "place"))
    if communities:
        pairs.append(pair(gettext_noop("Communities"), ", ".join(community.name for community in communities)))
    if photo.source:
        pairs.append(pair(gettext_noop("Source"), photo.source))
    return pairs


def provider():
    """The organisation that keeps the archive, as a IIIF Agent."""
    url = settings.ORGANIZATION_URL
    return [{
        "id": url,
        "type": "Agent",
        "label": text(settings.ORGANIZATION_NAME),
        "homepage": [homepage(url, settings.ORGANIZATION_NAME)],
    }]


def language_map(value):
    """A language map as given ({"en": [...], "es": [...]}), or one made of plain words in English."""
    return value if isinstance(value, dict) else text(value)


def manifest(id, label, canvases, *, summary="", metadata=(), required_statement=None, rights=None,
             thumbnail=None, homepage=None, nav_date="", part_of=()):
    """A Manifest of `canvases` (any number, in order); `part_of` lists the ids of Collections it is in.
    `label` and `summary` are plain words (English) or language maps; `required_statement` a
    (label, value) or a ready pair."""
    document = {"@context": CONTEXT, "id": id, "type": "Manifest", "label": language_map(label)}
    if summary:
        document["summary"] = language_map(summary)
    if metadata:
        document["metadata"] = list(metadata)
    if required_statement:
        document["requiredStatement"] = (
            required_statement if isinstance(required_statement, dict) else pair(*required_statement))
    if rights:
        document["rights"] = rights
    if thumbnail:
        document["thumbnail"] = thumbnail
    if homepage:
        document["homepage"] = [homepage]
    if nav_date:
        document["navDate"] = nav_date
    document["provider"] = provider()
    if part_of:
        document["partOf"] = [{"id": collection_id, "type": "Collection"} for collection_id in part_of]
    document["items"] = list(canvases)
    return document


def collection(id, label, items, *, summary="", metadata=()):
    """A Collection of manifests (each item a {"id", "type": "Manifest", "label"} reference)."""
    document = {"@context": CONTEXT, "id": id, "type": "Collection", "label": text(label)}
    if summary:
        document["summary"] = text(summary)
    if metadata:
        document["metadata"] = list(metadata)
    document["provider"] = provider()
    document["items"] = list(items)
    return document


def homepage(url, label):
    return {"id": url, "type": "Text", "label": language_map(label), "format": "text/html"}


def photograph_manifest(request, photo):
    id = manifest_id(request, photo)
    communities = list(photo.communities.all())
    return manifest(
        id,
        photograph_label(photo),
        [photograph_canvas(request, photo, f"{id.rsplit('/', 1)[0]}/canvas")],
        summary=photograph_summary(photo) if photo.caption or photo.alt_text else "",
        metadata=photograph_metadata(photo, communities),
        required_statement=photograph_credit(photo) if photo.credit_line else None,
        rights=photo.rights or None,
        thumbnail=thumbnail(request, photo),
        homepage=homepage(request.build_absolute_uri(photo.get_absolute_url()), photograph_label(photo)),
        nav_date=nav_date(photo),
    )
