"""
Decoding originals and writing public image files: the one place public image bytes are made.

Two promises live here. Privacy: nothing the site writes for the public carries EXIF, XMP or IPTC
(stock Wagtail copies the original's EXIF, GPS included, into JPEG renditions); orientation is
applied first and the colour profile kept. Speed: a JPEG is decoded at the smallest scale that
still serves the request (Pillow's draft(), which Willow never lets take effect).
"""

from io import BytesIO

from PIL import Image, ImageCms

from gallery.ingest.upload_checks import open_image

from .formats import OUTPUT_FORMATS

_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def orientation_of(im):
    """The EXIF orientation, 1 when absent or not one of the eight real values (e.g. 9)."""
    try:
        value = im.getexif().get(0x0112, 1)
    except Exception:  # a broken EXIF block must not stop a rendition
        return 1
    return value if value in _TRANSPOSE or value == 1 else 1


def swaps_axes(orientation):
    return orientation in (5, 6, 7, 8)


class Decoded:
    """An original decoded upright, possibly at a reduced scale, with its colour profile."""

    def __init__(self, image, scale, icc_profile, source_format):
        self.image = image
        self.scale = scale  # (x, y): decoded pixels per original upright pixel, <= 1 each
        self.icc_profile = icc_profile
        self.source_format = source_format


def upright_size(fp):
    """The original's size once orientation is applied, read from the header only."""
    # No im.close(): Pillow would close the caller's file object with it.
    im = open_image(fp)
    width, height = im.size
    return (height, width) if swaps_axes(orientation_of(im)) else (width, height)


def decode(fp, needed=None):
    """
    Decode `fp` upright. `needed` is the (width, height) in upright full-resolution pixels that
    must still be available after decoding; a JPEG is then decoded at the smallest 1/2, 1/4 or 1/8
    scale that keeps at least that many pixels.
    """
    im = open_image(fp)
    source_format = im.format
    orientation = orientation_of(im)
    full_width, full_height = im.size
    if needed and source_format == "JPEG":
        want_width, want_height = needed
        if swaps_axes(orientation):
            want_width, want_height = want_height, want_width
        im.draft(None, (max(1, int(want_width)), max(1, int(want_height))))
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)  # the first page of a TIFF, the first frame of a GIF
    icc_profile = im.info.get("icc_profile")
    transparency = "transparency" in im.info
    im.load()
    # JPEG draft scales round each axis on its own, so keep one factor per axis.
    scale = (im.size[0] / full_width, im.size[1] / full_height)
    if swaps_axes(orientation):
        scale = scale[::-1]
    if orientation in _TRANSPOSE:
        im = im.transpose(_TRANSPOSE[orientation])
    im, icc_profile = normalise(im, icc_profile, transparency)
    # Nothing of the original's metadata may travel further than this point.
    im.info = {}
    return Decoded(im, scale, icc_profile, source_format)


def normalise(im, icc_profile, transparency=False):
    """Bring any accepted mode to RGB, RGBA or L, converting CMYK to sRGB through its profile."""
    mode = im.mode
    if mode in ("RGB", "RGBA", "L"):
        return im, icc_profile
    if mode == "CMYK":
        if icc_profile:
            try:
                source = ImageCms.ImageCmsProfile(BytesIO(icc_profile))
                converted = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
                return converted, _SRGB
            except (ImageCms.PyCMSError, OSError):
                pass
        return im.convert("RGB"), None
    if mode.startswith("I;16") or mode == "I":
        # 16-bit scans: scale to 8 bits rather than clip everything above 255 to white.
        return im.convert("I").point(lambda value: value * (1 / 256)).convert("L"), icc_profile
    if mode in ("LA", "PA") or (mode == "P" and transparency):
        return im.convert("RGBA"), icc_profile
    if mode in ("1", "P", "F"):
        return im.convert("L" if mode != "P" else "RGB"), icc_profile
    return im.convert("RGB"), icc_profile


def resize(decoded, box, size):
    """Crop `box` (in upright full-resolution pixels) from the decoded image and scale it to `size`."""
    scale_x, scale_y = decoded.scale
    im = decoded.image
    left, right = (min(im.width, value * scale_x) for value in (box[0], box[2]))
    top, bottom = (min(im.height, value * scale_y) for value in (box[1], box[3]))
    size = (max(1, int(size[0])), max(1, int(size[1])))
    if (left, top, right, bottom) == (0, 0, im.width, im.height) and size == im.size:
        return im.copy()
    return im.resize(size, Image.Resampling.LANCZOS, box=(left, top, right, bottom), reducing_gap=3.0)


def flatten(im, background=(255, 255, 255)):
    """Transparent pixels on white, for formats with no alpha: never black garbage."""
    if im.mode not in ("RGBA", "LA"):
        return im
    base = Image.new("RGB", im.size, background)
    base.paste(im, mask=im.getchannel("A"))
    return base


def encode(
    im, output_format, *, quality, icc_profile=None, background=(255, 255, 255), fast=False, lossless=False
):
    """
    Write `im` as `output_format` ("jpeg", "png", "webp", "avif") with no metadata but its colour profile.

    `fast` trades size for speed (the private pyramid the public files are cut from, and tiles made
    while a viewer waits): no JPEG optimisation pass, light PNG compression. `lossless` keeps every
    JPEG pixel as close as JPEG can (no chroma subsampling): for the pyramid's own tiles.
    """
    if output_format == "jpeg":
        im = flatten(im, background)
    elif output_format in ("webp", "avif") and im.mode in ("L", "LA"):
        im = im.convert("RGBA" if im.mode == "LA" else "RGB")
    if im.mode not in ("RGB", "RGBA", "L") and not (im.mode == "LA" and output_format == "png"):
        im = im.convert("RGBA" if "A" in im.mode else "RGB")
    # Pillow falls back to im.info for EXIF/XMP in some encoders; give it nothing to fall back to.
    im.info = {}
    options = {}
    if icc_profile and _profile_fits(icc_profile, im.mode):
        options["icc_profile"] = icc_profile
    if output_format == "jpeg":
        options.update(quality=quality, optimize=not fast, progressive=not fast)
        if lossless:
            options.update(subsampling=0)
    elif output_format == "webp":
        options.update(quality=quality, method=2 if fast else 4)
    elif output_format == "avif":
        options.update(quality=quality, speed=8)
    elif output_format == "png":
        options.update(compress_level=1 if fast else 6)
    out = BytesIO()
    im.save(out, OUTPUT_FORMATS[output_format].pillow, **options)
    return out.getvalue()


def _profile_fits(icc_profile, mode):
    """An RGB profile on a grey image (or the reverse) makes some viewers show nonsense: drop it."""
    try:
        space = ImageCms.ImageCmsProfile(BytesIO(icc_profile)).profile.xcolor_space.strip()
    except (ImageCms.PyCMSError, OSError, AttributeError):
        return False
    return (space == "GRAY") == (mode == "L")
