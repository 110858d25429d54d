"""
Making and keeping the images the IIIF Image API serves.

An image request is answered from, in order: the stored answer to the same canonical request (no
decoding at all); the photograph's pyramid (one small tile, or the smallest level that serves);
the original, decoded at reduced scale (only until the background task has built the pyramid).
Stored answers sit beside the pyramid, under the original's SHA-256, so a replaced original can
never answer with old bytes.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from gallery.imaging import codec
from gallery.imaging.formats import OUTPUT_FORMATS
from gallery.imaging import pyramid
from gallery.ingest.upload_checks import open_image
from . import image_api



def stored_name(photo, canonical):
    return f"{pyramid.folder(photo)}/iiif/{canonical}"


def open_stored(photo, canonical, storage=default_storage):
    """The stored answer to a canonical request, open for reading, or None."""
    try:
        return storage.open(stored_name(photo, canonical), "rb")
    except (FileNotFoundError, OSError):
        return None


def store(photo, canonical, data, storage=default_storage):
    name = stored_name(photo, canonical)
    saved = storage.save(name, ContentFile(data))
    if saved != name:  # another request stored the same answer first: keep that one
        storage.delete(saved)


class Facts:
    """What info.json and request parsing need to know of an original, without decoding it."""

    def __init__(self, width, height, grey):
        self.width, self.height, self.grey = width, height, grey


def facts(photo):
    key = f"iiif-facts:{photo.pk}:{photo.sha256}"
    found = cache.get(key)
    if found is None:
        built = pyramid.Pyramid.of(photo)
        if built is not None:
            found = (built.width, built.height, built.mode in ("L", "LA"))
        else:
            with photo.open_file() as fp:
                im = open_image(fp)
                grey = im.mode in ("1", "L", "LA", "I", "I;16", "I;16B", "F")
                fp.seek(0)
                found = (*codec.upright_size(fp), grey)
        cache.set(key, found, 3600)
    return Facts(*found)


def limits_for(photo, full_size):
    """Server limits (maxWidth for rights that allow only a limited size; maxArea always) and max scale."""
    width, height = full_size
    limited = settings.IIIF_LIMITED_RIGHTS.get(photo.rights)
    max_area = settings.IIIF_MAX_AREA
    if limited and max(width, height) > limited:
        return image_api.Limits(max_width=limited, max_area=max_area), limited / max(width, height)
    return image_api.Limits(max_area=max_area), None


def render(photo, request, full_size):
    """The bytes answering `request` (an image_api.ImageRequest)."""
    built = pyramid.Pyramid.of(photo)
    if built is not None:
        image, icc_profile = built.region(request.region, request.size)
    else:
        x, y, w, h = request.region
        needed = (full_size[0] * request.size[0] / w, full_size[1] * request.size[1] / h)
        with photo.open_file() as fp:
            decoded = codec.decode(fp, needed=needed)
        image = codec.resize(decoded, (x, y, x + w, y + h), request.size)
        icc_profile = decoded.icc_profile
        del decoded
    image = transform(image, request)
    output_format = image_api.FORMATS[request.format]
    quality = OUTPUT_FORMATS[output_format].iiif_quality()
    return codec.encode(image, output_format, quality=quality, icc_profile=icc_profile, fast=True)


def transform(image, request):
    """Quality, mirroring and rotation (§4.3, §4.4) of an image already cut and scaled."""
    if request.quality == "gray" or request.quality == "bitonal":
        image = image.convert("LA" if "A" in image.mode else "L")
        if request.quality == "bitonal":
            threshold = image.getchannel("L").point(lambda value: 255 if value >= 128 else 0)
            image = threshold if image.mode == "L" else Image.merge("LA", (threshold, image.getchannel("A")))
    if request.mirror:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    degrees = request.rotation
    if degrees:
        quarter = degrees / 90
        if quarter.is_integer():
            turns = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
            image = image.transpose(turns[int(quarter) % 4])
        else:
            # Transparent corners where the format can hold them; encode() puts them on white for JPEG.
            image = image.convert("LA" if image.mode in ("L", "LA") else "RGBA")
            image = image.rotate(-degrees, resample=Image.Resampling.BICUBIC, expand=True)
    return image
