"""
The pyramid every public image of a photograph is cut from.

Made once, in the background after upload: the original decoded once (an uncompressed TIFF a band
of rows at a time, so a 100-megapixel scan never sits in memory whole), then halved level by level,
each level cut into 512-pixel tiles. A IIIF tile then decodes one small tile, a rendition decodes the
smallest level that still has enough pixels, and nothing public ever decodes the original again.

Files live under derivatives/<photo id>/<first 16 hex digits of the original's SHA-256>/, so a
replaced original can never be served from an old pyramid: its files sit in another folder.
Tiles are private intermediates (lossless PNG when the original is lossless, JPEG without chroma
subsampling otherwise); they still go through gallery.imaging.codec.encode, so they carry no metadata.
"""

import json
import logging
import math
import time

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from gallery.imaging import codec, tiff_bands
from gallery.imaging.formats import OUTPUT_FORMATS
from gallery.ingest.upload_checks import open_image

logger = logging.getLogger(__name__)

TILE = 512
VERSION = 1
LOSSLESS_SOURCES = {"PNG", "TIFF", "GIF"}
TILE_JPEG_QUALITY = 92


def folder(photo):
    return f"derivatives/{photo.pk}/{photo.sha256[:16]}"


def tile_name(base, level, column, row, fmt):
    return f"{base}/pyramid/{level}/{column}_{row}.{OUTPUT_FORMATS[fmt].extension}"


def _save(name, data, storage):
    storage.delete(name)  # a rebuild overwrites; FileSystemStorage would otherwise pick a new name
    storage.save(name, ContentFile(data))


class Pyramid:
    """A finished pyramid, read from its pyramid.json (written last, so its presence means complete)."""

    def __init__(self, base, meta, storage=default_storage):
        self.base = base
        self.meta = meta
        self.storage = storage
        self.width, self.height = meta["width"], meta["height"]
        self.levels = [tuple(level) for level in meta["levels"]]
        self.format = meta["format"]
        self.source_format = meta["source_format"]
        self.mode = meta["mode"]

    @classmethod
    def of(cls, photo, storage=default_storage):
        if not photo.sha256:
            return None
        base = folder(photo)
        key = f"pyramid:{base}"
        meta = cache.get(key)
        if meta is None:
            try:
                with storage.open(f"{base}/pyramid.json", "rb") as handle:
                    meta = json.loads(handle.read())
            except (FileNotFoundError, OSError, ValueError):
                return None
            if meta.get("version") != VERSION:
                return None
            cache.set(key, meta, 3600)
        return cls(base, meta, storage)

    def level_for(self, needed_width, needed_height):
        """The smallest level with at least the pixels asked for (level 0 if none is smaller)."""
        for level in range(len(self.levels) - 1, -1, -1):
            width, height = self.levels[level]
            if width >= needed_width - 0.5 and height >= needed_height - 0.5:
                return level
        return 0

    def read_tile(self, level, column, row):
        with self.storage.open(self.tile_path(level, column, row), "rb") as handle:
            im = open_image(handle)
            im.load()
        return im

    def read(self, level, box, deadline=None):
        """
        Pixels of `box` (left, top, right, bottom, level pixels, integers) at `level`, and the ICC
        profile. Past `deadline` (a time.monotonic() value) it stops between tiles with TimeoutError.
        """
        left, top, right, bottom = box
        canvas = None
        icc_profile = None
        for row in range(top // TILE, math.ceil(bottom / TILE)):
            for column in range(left // TILE, math.ceil(right / TILE)):
                if deadline is not None and time.monotonic() > deadline:
                    raise TimeoutError("reading the pyramid took longer than allowed")
                tile = self.read_tile(level, column, row)
                icc_profile = icc_profile or tile.info.get("icc_profile")
                if canvas is None:
                    if (left, top, right, bottom) == (column * TILE, row * TILE, column * TILE + tile.width,
                                                      row * TILE + tile.height):
                        tile.info = {}
                        return tile, icc_profile  # exactly one whole tile: no copy
                    canvas = Image.new(tile.mode, (right - left, bottom - top))
                canvas.paste(tile, (column * TILE - left, row * TILE - top))
        return canvas, icc_profile

    def _plan(self, box, size):
        """Where `box` (x, y, w, h in full-resolution pixels) scaled to `size` is read from: (level,
        the level's pixels to read (left, top, right, bottom), the part of them asked for, the size)."""
        x, y, w, h = box
        level = self.level_for(self.levels[0][0] * size[0] / w, self.levels[0][1] * size[1] / h)
        level_width, level_height = self.levels[level]
        sx, sy = level_width / self.width, level_height / self.height
        fx0, fy0, fx1, fy1 = x * sx, y * sy, (x + w) * sx, (y + h) * sy
        left, top = math.floor(fx0), math.floor(fy0)
        right, bottom = min(level_width, math.ceil(fx1)), min(level_height, math.ceil(fy1))
        inner = (fx0 - left, fy0 - top, min(fx1, right) - left, min(fy1, bottom) - top)
        return level, (left, top, right, bottom), inner, (max(1, int(size[0])), max(1, int(size[1])))

    def region(self, box, size, deadline=None):
        """`box` (x, y, w, h in full-resolution pixels) scaled to `size`, and the ICC profile."""
        level, read_box, inner, size = self._plan(box, size)
        pixels, icc_profile = self.read(level, read_box, deadline)
        if inner == (0, 0, *pixels.size) and size == pixels.size:
            return pixels, icc_profile
        return pixels.resize(size, Image.Resampling.LANCZOS, box=inner, reducing_gap=3.0), icc_profile

    def whole_tile(self, box, size):
        """(level, column, row) of the one stored tile that is exactly `box` scaled to `size` (a deep-zoom
        viewer's request for a tile info.json offers), or None: such a tile is answered as it is stored."""
        level, (left, top, right, bottom), inner, size = self._plan(box, size)
        level_width, level_height = self.levels[level]
        if left % TILE or top % TILE:
            return None
        whole = (min(level_width, left + TILE), min(level_height, top + TILE))
        if (right, bottom) != whole or inner != (0, 0, right - left, bottom - top) or size != (right - left, bottom - top):
            return None
        return level, left // TILE, top // TILE

    def tile_path(self, level, column, row):
        """A tile's file name in storage: made by codec.encode, it carries no metadata but its ICC profile."""
        return tile_name(self.base, level, column, row, self.format)

    def decoded(self, needed):
        """A whole level as an codec.Decoded, for renditions: the smallest with `needed` pixels."""
        level = self.level_for(*needed) if needed else 0
        width, height = self.levels[level]
        image, icc_profile = self.read(level, (0, 0, width, height))
        return codec.Decoded(image, (width / self.width, height / self.height), icc_profile, self.source_format)


def build(photo, storage=default_storage):
    """Make the pyramid of `photo`'s current original; returns the Pyramid. Decodes the original once."""
    base = folder(photo)
    with photo.open_file() as fp:
        probe = open_image(fp)
        source_format = probe.format
        if tiff_bands.can_band(probe):
            icc_profile = probe.info.get("icc_profile")
            width, height = probe.size

            def opener():
                fp.seek(0)
                return open_image(fp)

            level1 = _level0_from_bands(tiff_bands.bands(opener, TILE), base, storage, icc_profile, source_format,
                                        (width, height))
            levels = [(width, height)]
            image = level1
        else:
            fp.seek(0)
            decoded = codec.decode(fp)
            image, icc_profile = decoded.image, decoded.icc_profile
            del decoded  # `image` must be the only reference, so each reduce() frees the level before
            width, height = image.size
            levels = []
    fmt = _tile_format(source_format, image.mode)
    while True:
        levels.append(image.size)
        _cut(image, len(levels) - 1, base, storage, fmt, icc_profile)
        if max(image.size) <= TILE:
            break
        image = image.reduce(2)  # drops the larger level: one full raster at most, and a quarter of it
    meta = {
        "version": VERSION, "sha256": photo.sha256, "width": width, "height": height, "tile": TILE,
        "format": fmt, "source_format": source_format, "mode": image.mode, "levels": levels,
    }
    _save(f"{base}/pyramid.json", json.dumps(meta).encode(), storage)
    cache.delete(f"pyramid:{base}")
    return Pyramid(base, meta, storage)


def _tile_format(source_format, mode):
    return "png" if source_format in LOSSLESS_SOURCES or "A" in mode else "jpeg"


def _level0_from_bands(bands, base, storage, icc_profile, source_format, size):
    """Cut level 0 from bands of TILE rows and return level 1, built band by band."""
    level1 = None
    fmt = None
    for top, band in bands:
        band, _ = codec.normalise(band, None)
        if fmt is None:
            fmt = _tile_format(source_format, band.mode)
            level1 = Image.new(band.mode, (math.ceil(size[0] / 2), math.ceil(size[1] / 2)))
        _cut(band, 0, base, storage, fmt, icc_profile, first_row=top // TILE)
        level1.paste(band.reduce(2), (0, top // 2))
        del band
    return level1


def _cut(image, level, base, storage, fmt, icc_profile, first_row=0):
    for top in range(0, image.height, TILE):
        for left in range(0, image.width, TILE):
            tile = image.crop((left, top, min(image.width, left + TILE), min(image.height, top + TILE)))
            data = codec.encode(tile, fmt, quality=TILE_JPEG_QUALITY, icc_profile=icc_profile, fast=True,
                                  lossless=True)
            _save(tile_name(base, level, left // TILE, first_row + top // TILE, fmt), data, storage)


def purge(photo, keep_current=True, storage=default_storage):
    """Delete every derivative of `photo` (all but the current original's when keep_current)."""
    root = f"derivatives/{photo.pk}"
    keep = photo.sha256[:16] if keep_current and photo.sha256 else None
    try:
        folders, _files = storage.listdir(root)
    except (FileNotFoundError, OSError):
        return 0
    removed = 0
    for name in folders:
        if name != keep:
            removed += _delete_tree(f"{root}/{name}", storage)
            cache.delete(f"pyramid:{root}/{name}")
    return removed


def _delete_tree(path, storage):
    removed = 0
    try:
        folders, files = storage.listdir(path)
    except (FileNotFoundError, OSError):
        return 0
    for name in files:
        storage.delete(f"{path}/{name}")
        removed += 1
    for name in folders:
        removed += _delete_tree(f"{path}/{name}", storage)
    return removed
