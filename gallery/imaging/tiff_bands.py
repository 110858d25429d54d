"""
Decoding an uncompressed TIFF a band of rows at a time.

Pillow decodes a whole image at once, in 4 bytes per RGB pixel: a 100-megapixel scan is 400 MB
before anything is done with it. Uncompressed strip TIFFs (the usual archival master) store each
row at a known offset, so a band of rows can be decoded on its own by narrowing Pillow's tile list.
Anything else (compressed, tiled, planar, oriented) answers None and is decoded whole by the caller.

Pure Pillow, no Django: upload_checks and imaging both use it.
"""

import math

from PIL import Image, ImageFile

# Bytes per pixel of the raw modes an uncompressed TIFF is read with.
_RAW_BYTES = {"RGB": 3, "RGBX": 4, "RGBA": 4, "L": 1, "I;16": 2, "I;16B": 2, "I;16N": 2}


def _raw_strips(im):
    """The strips as (y0, y1, offset, row bytes, args), or None when the file is not plain raw strips."""
    if im.format != "TIFF" or getattr(im, "use_load_libtiff", False) or getattr(im, "n_frames", 1) != 1:
        return None
    width = im.size[0]
    strips = []
    for tile in im.tile:
        name, extents, offset, args = tile
        if name != "raw" or not isinstance(args, tuple) or len(args) < 3:
            return None
        rawmode, stride, ystep = args[0], args[1], args[2]
        if rawmode not in _RAW_BYTES or ystep != 1 or extents[0] != 0 or extents[2] != width:
            return None
        row_bytes = stride or width * _RAW_BYTES[rawmode]
        strips.append((extents[1], extents[3], offset, row_bytes, args))
    return strips or None


def can_band(im):
    """True if `im` (opened, not loaded) can be decoded band by band."""
    try:
        orientation = im.getexif().get(0x0112, 1)
    except Exception:
        return False
    return orientation in (1, None) and _raw_strips(im) is not None


def bands(opener, rows=512):
    """
    Yield (top, image) for successive bands of `rows` rows. `opener()` returns a freshly opened,
    unloaded image of the same file each time (Pillow images are decoded once, so each band needs
    its own). Raises ValueError if the file cannot be banded: check with can_band() first.
    """
    probe = opener()
    strips = _raw_strips(probe)
    if strips is None:
        raise ValueError("not an uncompressed strip TIFF")
    width, height = probe.size
    for top in range(0, height, rows):
        bottom = min(height, top + rows)
        im = opener()
        tiles = []
        for y0, y1, offset, row_bytes, args in strips:
            start, end = max(y0, top), min(y1, bottom)
            if start >= end:
                continue
            tiles.append(ImageFile._Tile("raw", (0, start - top, width, end - top), offset + (start - y0) * row_bytes, args))
        im.tile = tiles
        im._size = im._tile_size = (width, bottom - top)
        im.load()
        yield top, im


class Preview:
    """A small copy of the whole image (at most PREVIEW_SIZE on its longer side) gathered band by band."""

    PREVIEW_SIZE = 256

    def __init__(self, width, height):
        self.factor = max(1, math.ceil(max(width, height) / self.PREVIEW_SIZE))
        self.size = (max(1, width // self.factor), max(1, height // self.factor))
        self.image = None

    def add(self, top, band):
        if self.image is None:
            self.image = Image.new(band.mode, self.size)
        # Each band fills the preview rows it mostly covers: a row or so of misregistration at band
        # edges is nothing to a 64-bit hash, and the band is never held twice.
        first = min(top // self.factor, self.size[1] - 1)
        last = min(self.size[1], max(first + 1, (top + band.height) // self.factor))
        self.image.paste(band.resize((self.size[0], last - first), Image.Resampling.BOX), (0, first))
