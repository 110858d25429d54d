"""
Perceptual hashes: a 64-bit difference hash (dHash) of each photograph, so the archive can list
near-duplicates (a re-scan, a re-saved JPEG, a resized copy) that SHA-256 cannot see.

The hash is made from the small image the upload check already decoded (a JPEG is decoded at 1/8
scale there), so it costs no second decode. Orientation is applied first: a copy saved upright
and one that relies on its EXIF tag hash alike.
"""

import logging

from PIL import Image

from gallery.imaging.codec import _TRANSPOSE, normalise, orientation_of

logger = logging.getLogger(__name__)

HASH_BITS = 64
DEFAULT_THRESHOLD = 6  # bits of 64 that may differ for two files to count as "near"


def dhash(image, orientation=1):
    """16 hex digits: for each of 8 rows, whether each of 8 neighbouring pixel pairs gets brighter."""
    if image.mode not in ("L", "RGB", "RGBA"):
        image, _ = normalise(image, None)  # 16-bit scans scaled to 8 bits, not clipped to white
    small = image.convert("L") if image.mode != "L" else image
    # Reduce in two steps: a box filter to 4x the target keeps it fast on a large decode.
    small = small.reduce(max(1, min(small.width // 36, small.height // 32))) if small.width > 72 else small
    if orientation in _TRANSPOSE:
        small = small.transpose(_TRANSPOSE[orientation])
    pixels = small.resize((9, 8), Image.Resampling.BILINEAR).tobytes()
    bits = 0
    for row in range(8):
        line = pixels[row * 9 : row * 9 + 9]
        for col in range(8):
            bits = (bits << 1) | (line[col + 1] > line[col])
    return f"{bits:016x}"


def distance(first, second):
    """How many of the 64 bits differ; None when either hash is missing."""
    if not first or not second:
        return None
    return (int(first, 16) ^ int(second, 16)).bit_count()


class Collector:
    """Passed to the upload check as `on_decoded`: hashes the decoded frame, never raises."""

    def __init__(self):
        self.hash = ""

    def __call__(self, image):
        try:
            self.hash = dhash(image, orientation_of(image))
        except Exception:  # a hash we cannot make must not refuse a good upload
            logger.warning("Could not compute a perceptual hash", exc_info=True)


def near(photo_hash, candidates, threshold=DEFAULT_THRESHOLD):
    """(distance, candidate) for candidates whose `perceptual_hash` is within `threshold`, nearest first."""
    found = []
    for candidate in candidates:
        gap = distance(photo_hash, candidate.perceptual_hash)
        if gap is not None and gap <= threshold:
            found.append((gap, candidate))
    found.sort(key=lambda pair: (pair[0], pair[1].pk))
    return found
