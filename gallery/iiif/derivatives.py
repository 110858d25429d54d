"""
Making and keeping the images the IIIF Image API serves.

An image request is answered from, in order: the stored answer to the same canonical request (no
decoding at all); the photograph's pyramid (one small tile, or the smallest level that serves);
the original, decoded at reduced scale (only until the background task has built the pyramid).
Stored answers sit beside the pyramid, under the original's SHA-256, so a replaced original can
never answer with old bytes.

Only what viewers ask for again and again is stored: the pyramid's tiles and the sizes info.json
lists (image_api.is_tile_or_size) and the thumbnail manifests point at. Each stored answer has a
StoredImageAnswer row; past IIIF_STORE_MAX_PER_PHOTOGRAPH answers of one photograph or
IIIF_STORE_MAX_BYTES in all, the least recently used are deleted. Anything else is made for the one
request and forgotten, and bounded: at most IIIF_UNCACHED_MAX_AREA pixels, IIIF_UNCACHED_MAX_SECONDS
of reading, IIIF_UNCACHED_PER_MINUTE such requests per client, counted in the shared cache (Redis, or
the database) so the limit holds across every worker.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, OperationalError
from django.db.models import Sum
from django.utils import timezone
from PIL import Image

from gallery.client_address import client_address
from gallery.imaging import codec
from gallery.imaging.formats import OUTPUT_FORMATS
from gallery.imaging import pyramid
from gallery import stored_files
from gallery.ingest.upload_checks import open_image
from ..models import StoredImageAnswer
from . import image_api

logger = logging.getLogger(__name__)

# A stored answer's last use is written at most this often per process (LRU needs no more precision).
TOUCH_SECONDS = 3600


def etag(photo, canonical):
    """Names the bytes of an answer without making them: the original, the request, the encoder settings."""
    qualities = ":".join(str(output.iiif_quality()) for output in OUTPUT_FORMATS.values())
    return hashlib.sha256(f"{photo.sha256}:{canonical}:{qualities}:{pyramid.VERSION}".encode()).hexdigest()[:32]


def stored_name(photo, canonical):
    return f"{pyramid.folder(photo)}/iiif/{canonical}"


def worth_keeping(wanted, full_size, limits, max_scale):
    """Whether an answer is one viewers ask for repeatedly: a tile, a listed size, the thumbnail."""
    if image_api.is_tile_or_size(wanted, full_size, pyramid.TILE, limits, max_scale):
        return True
    if wanted.rotation or wanted.mirror or wanted.quality != "default" or wanted.format != "jpg":
        return False
    served = image_api.parse("full", "max", "0", "default.jpg", full_size, limits, max_scale).size
    return wanted.region == (0, 0, *full_size) and wanted.size == image_api.thumbnail_size(served)


def open_stored(photo, canonical, storage=default_storage):
    """(the stored answer to a canonical request open for reading, its size in bytes), or None."""
    name = stored_name(photo, canonical)
    try:
        handle, size, _modified = stored_files.open_for_serving(storage, name)
    except (FileNotFoundError, OSError):
        return None
    if cache.add(f"iiif-used:{name}", 1, TOUCH_SECONDS):
        StoredImageAnswer.objects.filter(name=name).update(last_used=timezone.now())
    return handle, size


def open_pyramid_tile(photo, request, storage=default_storage):
    """(the pyramid's own tile open for reading, its size) when `request` is exactly one of its tiles in
    its format with nothing to transform (a tile info.json offers), else None. Served as it is stored:
    no decode, no second lossy generation (the tile is JPEG at quality 92 without chroma subsampling,
    or PNG), and no copy kept among the stored answers."""
    built = pyramid.Pyramid.of(photo, storage)
    tile = stored_tile(request, built) if built is not None else None
    if tile is None:
        return None
    name = built.tile_path(*tile)
    try:
        handle, size, _modified = stored_files.open_for_serving(storage, name)
    except (FileNotFoundError, OSError):
        return None
    return handle, size


def store(photo, canonical, data, storage=default_storage):
    name = stored_name(photo, canonical)
    saved = storage.save(name, ContentFile(data))
    if saved != name:  # another request stored the same answer first: keep that one
        storage.delete(saved)
        return
    # One statement at a time: on SQLite a read-then-write transaction (update_or_create) fails at
    # once with "database is locked" when another process is writing, instead of waiting its turn.
    try:
        try:
            StoredImageAnswer.objects.create(name=name, photograph_id=photo.pk, size=len(data), last_used=timezone.now())
        except IntegrityError:
            StoredImageAnswer.objects.filter(name=name).update(size=len(data), last_used=timezone.now())
        evict(photo.pk, storage)
    except OperationalError:
        # The answer is still given; a file the store cannot count is not kept.
        logger.warning("IIIF answer %s not stored: the database was busy", name, exc_info=True)
        storage.delete(name)


def evict(photo_pk, storage=default_storage):
    """Delete the least recently used stored answers beyond the per-photograph and overall caps."""
    per_photograph = settings.IIIF_STORE_MAX_PER_PHOTOGRAPH
    mine = StoredImageAnswer.objects.filter(photograph_id=photo_pk)
    excess = mine.count() - per_photograph
    if excess > 0:
        _delete(mine.order_by("last_used", "pk")[:excess], storage)
    if not _total_check_due():
        return
    max_bytes = settings.IIIF_STORE_MAX_BYTES
    total = StoredImageAnswer.objects.aggregate(total=Sum("size"))["total"] or 0
    if total > max_bytes:
        doomed, freed = [], 0
        for answer in StoredImageAnswer.objects.order_by("last_used", "pk").only("pk", "name", "size").iterator():
            if total - freed <= max_bytes:
                break
            doomed.append(answer)
            freed += answer.size
        _delete(doomed, storage)


# Set in the shared cache by the process that sums the store, for IIIF_STORE_TOTAL_CHECK_SECONDS.
TOTAL_CHECKED_KEY = "iiif-store-total-checked"


def _total_check_due():
    """Whether this store sums the whole store: the first since IIIF_STORE_TOTAL_CHECK_SECONDS ago,
    in any process (an atomic add in the cache every worker shares)."""
    seconds = settings.IIIF_STORE_TOTAL_CHECK_SECONDS
    return seconds <= 0 or caches[settings.IIIF_COUNTER_CACHE].add(TOTAL_CHECKED_KEY, 1, timeout=seconds)


def _delete(answers, storage):
    answers = list(answers)
    for answer in answers:
        storage.delete(answer.name)
    StoredImageAnswer.objects.filter(pk__in=[answer.pk for answer in answers]).delete()


def admit_uncached(request, wanted):
    """Refuse an answer that would be made and not kept if it is too large or the client asked too often."""
    max_area = settings.IIIF_UNCACHED_MAX_AREA
    if wanted.size[0] * wanted.size[1] > max_area:
        raise image_api.IIIFError(
            403, f"Sizes above {max_area} pixels are made only for the tiles and sizes info.json lists."
        )
    per_minute = settings.IIIF_UNCACHED_PER_MINUTE
    window = int(time.time() // 60)
    key = f"iiif-uncached:{client_address(request)}:{window}"
    counters = caches[settings.IIIF_COUNTER_CACHE]
    try:
        counters.add(key, 0, 120)
        try:
            count = counters.incr(key)
        except ValueError:  # expired between add and incr
            counters.set(key, 1, 120)
            count = 1
    except OperationalError:
        # An embedded database busy with another process's write: the request is within its bounds
        # of area and time either way, so it is answered rather than failed.
        logger.warning("IIIF request counter not updated: the database was busy", exc_info=True)
        return
    if count > per_minute:
        raise image_api.IIIFError(
            429, f"More than {per_minute} images made on request this minute; ask for tiles, or wait.",
            headers={"Retry-After": str(60 - int(time.time()) % 60)},
        )


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


def render(photo, request, full_size, max_seconds=None):
    """The bytes answering `request` (an image_api.ImageRequest); 503 past `max_seconds` of reading."""
    deadline = time.monotonic() + max_seconds if max_seconds else None
    built = pyramid.Pyramid.of(photo)
    if built is not None:
        try:
            image, icc_profile = built.region(request.region, request.size, deadline)
        except TimeoutError:
            raise image_api.IIIFError(503, "This image took too long to make; ask for tiles.",
                                      headers={"Retry-After": "60"}) from None
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


def stored_tile(request, built):
    """(level, column, row) of the pyramid's tile that `request` is as stored (same format, nothing to
    transform), else None."""
    if (image_api.FORMATS[request.format] != built.format or request.quality not in ("default", "color")
            or request.mirror or request.rotation % 360):
        return None
    return built.whole_tile(request.region, request.size)


def transform(image, request):
    """Quality, mirroring and rotation (§4.3, §4.4) of an image already cut and scaled."""
    if request.quality == "gray" or request.quality == "bitonal":
        image = image.convert("LA" if "A" in image.mode else "L")
        if request.quality == "bitonal":
            threshold = image.getchannel("L").point(lambda value: 255 if value >= 128 else 0)
            image = threshold if image.mode == "L" else Image.merge("LA", (threshold, image.getchannel("A")))
    if request.mirror:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    quarter = int(request.rotation // 90) % 4  # parse() admits multiples of 90 only
    if quarter:
        turns = {1: Image.Transpose.ROTATE_270, 2: Image.Transpose.ROTATE_180, 3: Image.Transpose.ROTATE_90}
        image = image.transpose(turns[quarter])
    return image
