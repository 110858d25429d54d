"""
The public sizes templates ask for, in one place, so the background task makes exactly what pages
prefetch (prefetching only matches identical specs).
"""

from wagtail.images.models import Filter

FORMATS = ("avif", "webp", "jpeg")
WIDTHS = (400, 800, 1600)
# Named width sets templates ask for with `{% picture photo widths="grid" %}`; views prefetch
# picture_specs(PRESETS[name]), so what is prefetched is exactly what is rendered.
PRESETS = {"grid": (400, 800), "wide": (800, 1600), "full": WIDTHS}
# Open Graph and Twitter cards want one JPEG about 1200 px wide.
SOCIAL_SPEC = "max-1200x1200|format-jpeg"


def spec(width, output_format):
    return f"max-{width}x{width}|format-{output_format}"


def picture_specs(widths=WIDTHS):
    return [spec(width, output_format) for output_format in FORMATS for width in widths]


STANDARD_SPECS = [*picture_specs(), SOCIAL_SPEC]
STANDARD_FILTERS = [Filter(spec=value) for value in STANDARD_SPECS]
