"""
Every format the site writes for the public, in one table: what Pillow calls it, the content type it
is served with, its file extension, and the settings that hold its quality for renditions and for
IIIF answers (None where the format is lossless or not offered there).
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class OutputFormat:
    name: str
    pillow: str
    content_type: str
    extension: str
    rendition_quality_setting: str | None
    iiif_quality_setting: str | None

    def rendition_quality(self):
        return getattr(settings, self.rendition_quality_setting) if self.rendition_quality_setting else None

    def iiif_quality(self):
        return getattr(settings, self.iiif_quality_setting) if self.iiif_quality_setting else None


OUTPUT_FORMATS = {
    output.name: output
    for output in (
        OutputFormat("jpeg", "JPEG", "image/jpeg", "jpg", "WAGTAILIMAGES_JPEG_QUALITY", "IIIF_JPEG_QUALITY"),
        OutputFormat("png", "PNG", "image/png", "png", None, None),
        OutputFormat("webp", "WEBP", "image/webp", "webp", "WAGTAILIMAGES_WEBP_QUALITY", "IIIF_WEBP_QUALITY"),
        OutputFormat("avif", "AVIF", "image/avif", "avif", "WAGTAILIMAGES_AVIF_QUALITY", None),
    )
}
BY_EXTENSION = {f".{output.extension}": output for output in OUTPUT_FORMATS.values()}

# The format a source (by Pillow's name) becomes when nobody asked for one.
DEFAULT_OUTPUT = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "AVIF": "avif", "GIF": "png", "TIFF": "jpeg", "HEIF": "jpeg"}
