"""Test images the benchmark makes for itself: photographic enough that codecs do real work."""

import sys

from PIL import Image, ImageDraw, ImageFilter


def texture(size, seed=0):
    """Gradients, shapes and grain: compresses like a photograph, not like a flat test card."""
    small = (max(1, size[0] // 8), max(1, size[1] // 8))
    base = Image.linear_gradient("L").resize(small).convert("RGB")
    draw = ImageDraw.Draw(base)
    step = max(8, small[0] // 24)
    for index, x in enumerate(range(0, small[0], step)):
        shade = (37 * (index + seed)) % 255
        draw.ellipse([x, (index * 53) % small[1], x + step * 3, (index * 53) % small[1] + step * 2],
                     fill=(shade, 255 - shade, (shade * 3) % 255))
    base = base.filter(ImageFilter.GaussianBlur(2)).resize(size, Image.Resampling.BILINEAR)
    grain = Image.effect_noise((size[0] // 4, size[1] // 4), 24).resize(size).convert("RGB")
    return Image.blend(base, grain, 0.25)


def jpeg_24mp(path):
    texture((6000, 4000)).save(path, "JPEG", quality=90)


def tiff_100mp(path, size=(12000, 8334)):
    """An uncompressed RGB TIFF (as archival masters are), written without holding it whole in memory."""
    tile = texture((size[0], 1024), seed=3)
    image = Image.new("RGB", size)
    for top in range(0, size[1], 1024):
        image.paste(tile, (0, top))
    image.save(path, "TIFF")


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    {"jpeg": jpeg_24mp, "tiff": tiff_100mp}[kind](path)
