"""`{% picture %}`: every public image on the site goes through this one tag. Also the page's language
versions (`{% language_versions %}`) and the `lang` of words not in the page's language (`{% content_lang %}`)."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, format_html_join

from gallery import languages
from gallery.base_url import absolute
from gallery.imaging.formats import OUTPUT_FORMATS
from gallery.imaging.sizes import FORMATS, PRESETS, WIDTHS, spec

register = template.Library()



def srcset(renditions):
    """'url 400w, url 800w' with one entry per distinct width (small originals are never upscaled)."""
    by_width = {}
    for rendition in renditions:
        by_width.setdefault(rendition.width, rendition.url)
    return ", ".join(f"{url} {width}w" for width, url in sorted(by_width.items()))


def prefetched(photo, specs):
    """The renditions from prefetch_renditions(), when every one is there.

    Our public specs are all `max-` (no focal-point crop), so the spec alone identifies a rendition;
    this skips Wagtail's per-call Filter parsing, which costs more than the page's queries.
    """
    renditions = getattr(photo, "prefetched_renditions", None)
    if renditions is None:
        return None
    by_spec = {rendition.filter_spec: rendition for rendition in renditions if not rendition.focal_point_key}
    return by_spec if all(spec in by_spec for spec in specs) else None


@register.simple_tag
def picture(photo, sizes="100vw", loading="lazy", widths=None, css_class=""):
    """
    <picture> with AVIF, WebP and JPEG sources, a srcset of several widths, width and height set
    so nothing shifts while loading, and the photograph's alt text in the page's language (or the
    source's, marked with its `lang`). Reads prefetched renditions.
    """
    if widths in PRESETS:
        widths = PRESETS[widths]
    else:
        widths = tuple(int(width) for width in widths.split(",")) if widths else WIDTHS
    specs = [spec(width, output_format) for output_format in FORMATS for width in widths]
    renditions = prefetched(photo, specs) or photo.get_renditions(*specs)
    jpegs = [renditions[spec(width, "jpeg")] for width in widths]
    fallback = jpegs[min(1, len(jpegs) - 1)]
    # format_html, not an included template: a grid of 80 pictures rendered through the template
    # engine cost more than the page's queries. Everything interpolated is escaped.
    sources = format_html_join(
        "",
        '\n  <source type="{}" srcset="{}" sizes="{}">',
        (
            (OUTPUT_FORMATS[output_format].content_type, srcset(renditions[spec(width, output_format)] for width in widths), sizes)
            for output_format in FORMATS[:-1]
        ),
    )
    alt = photo.words().alt_text
    return format_html(
        '<picture{}>{}\n  <img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} loading="{}" decoding="async">\n</picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        sources,
        fallback.url, srcset(jpegs), sizes, fallback.width, fallback.height, alt, content_lang(alt), loading,
    )


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in every language the site serves: the header's switcher and the hreflang links.

    A Wagtail page (`page` in the context) links to its translations; any other page to its own path
    under each language's prefix. The switcher keeps the query (a filtered gallery stays filtered).
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    page = page if hasattr(page, "get_translations") else None
    entries = languages.versions(request.path, page, request.GET.urlencode())
    for entry in entries:
        entry["absolute"] = absolute(entry["path"]) if entry["path"] else ""
    return entries


@register.simple_tag
def content_lang(thing=None):
    """` lang="en"` on an element showing a record's own words when they are not in the page's language
    (an English exhibition read under /es/), so screen readers and translators know; else nothing."""
    code = languages.language_of(thing) if thing is not None else settings.LANGUAGE_CODE
    active = translation.get_language() or settings.LANGUAGE_CODE
    return format_html(' lang="{}"', code) if code != active else ""


@register.simple_tag
def detail_lang(text):
    """content_lang of words that say their language (a record's words, gallery.words.Wording); words
    the page wrote itself (a date, a place's name) are in the page's language: nothing."""
    return content_lang(text) if getattr(text, "content_language", None) else ""
