"""The one gate every upload passes before anything is stored.

Admin single upload, multiple upload and the folder-import command all call
:func:`check_upload`. It decides from the file's *content* (never its name)
whether the file is a photograph the archive accepts, and refuses anything
else with :class:`UploadRejected`, whose text is a sentence a curator can read.

Pure Pillow + pillow_heif + stdlib on purpose: no Django import, so the import
command, the admin and plain unit tests share exactly the same logic; callers
pass their limits in.

Decisions worth knowing:

* Only the decoders in ``ACCEPTED_FORMATS`` are ever tried. Pillow's recent
  CVEs sit in PSD, FITS, EPS, PDF and JPEG 2000 decoders an archive never
  needs, so :func:`open_image` is the project's only way to open an image.
* Pixel limits are checked from the header, before any decoding. Pillow's own
  decompression-bomb error (and its warning, should warnings be turned into
  errors) is caught and reported as an ``UploadRejected``; Pillow's global
  ``MAX_IMAGE_PIXELS`` is left alone, so its protection stays on everywhere.
  A limit above Pillow's error threshold (2 x MAX_IMAGE_PIXELS) cannot be
  used: Pillow refuses first, and the message names the lower figure.
* Only the first page / frame / image of a multi-frame file is kept, so only
  the first one counts towards the pixel limit; a warning says what was
  dropped. (MPO, the JPEG variant cameras write with extra preview images, is
  reported as plain JPEG without a warning.)
* A truncated file is *rejected*, not accepted with a warning: accepting it
  would need ``ImageFile.LOAD_TRUNCATED_IMAGES``, a process-wide switch, and
  every later rendition of the stored file would fail the same way. An
  archive wants the complete original, so the curator is asked for it.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from urllib.parse import unquote

import pillow_heif
from PIL import Image, features

from gallery.imaging import tiff_bands

pillow_heif.register_heif_opener()

# Pillow warns on every open above MAX_IMAGE_PIXELS (89 MP), below the archive's own limit (120 MP,
# checked from the header before any decoding): for a curator importing a 100 MP scan, or in the
# logs each time its sizes are made, that warning is noise. Its hard error (2x) stays on.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

ACCEPTED_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP", "HEIF", "AVIF", "GIF")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "TIFF": "tif", "WEBP": "webp",
              "HEIF": "heic", "AVIF": "avif", "GIF": "gif"}
DEFAULT_MAX_PIXELS = 120_000_000
# Archives scan uncompressed: 1 GiB admits a 16-bit RGBA TIFF at the pixel limit (960 MB); the checks
# read it in bands, so memory does not grow with it.
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024
MAX_NAME_LENGTH = 80

# Asking Pillow for a format it has no plugin for raises KeyError, so AVIF is
# only offered when this Pillow build was compiled with libavif.
_OPEN_FORMATS = [f for f in ACCEPTED_FORMATS if f != "AVIF" or features.check("avif")]
_LABELS = {"JPEG": "JPEG", "PNG": "PNG", "TIFF": "TIFF", "WEBP": "WebP",
           "HEIF": "HEIC", "AVIF": "AVIF", "GIF": "GIF"}
_ACCEPTED_TEXT = "JPEG, PNG, TIFF, WebP, HEIC, AVIF or GIF"
_FRAME_WORD = {"TIFF": "pages", "HEIF": "images"}  # everything else: frames


class UploadRejected(ValueError):
    """The upload is refused; ``str(e)`` is the sentence shown to the curator."""


@dataclass(frozen=True)
class CheckedUpload:
    format: str  # Pillow format name, e.g. "JPEG"
    width: int  # as stored, before EXIF orientation
    height: int
    frames: int
    safe_name: str
    warnings: tuple[str, ...] = ()


def open_image(fileobj) -> Image.Image:
    """Open with Pillow, trying only the allowlisted decoders.

    Raises Pillow's own exceptions; :func:`check_upload` is the place that
    turns them into curator-readable refusals.
    """
    return Image.open(fileobj, formats=list(_OPEN_FORMATS))


def safe_filename(name: str, fmt: str) -> str:
    """A storage name that cannot climb out of the media folder or upset a filesystem.

    ASCII lowercase slug of the last path component (after URL-decoding, so
    ``..%2Fetc%2Fpasswd`` cannot smuggle a path), at most MAX_NAME_LENGTH
    characters in all, with the extension of the *detected* format.
    """
    try:
        ext = EXTENSIONS[fmt.upper()]
    except KeyError:
        raise ValueError(f"not an accepted format: {fmt!r}") from None
    name = str(name or "")
    for _ in range(3):  # undo double encoding (%252F) too, but not forever
        decoded = unquote(name)
        if decoded == name:
            break
        name = decoded
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", stem).strip("-")
    stem = stem[: MAX_NAME_LENGTH - len(ext) - 1].rstrip("-") or "photograph"
    return f"{stem}.{ext}"


def check_upload(fileobj, name: str, *, max_pixels: int = DEFAULT_MAX_PIXELS,
                 max_bytes: int = DEFAULT_MAX_BYTES, on_decoded=None) -> CheckedUpload:
    """Accept a photograph or raise UploadRejected; the file position ends at 0 either way.

    ``on_decoded(image)``, when given, is called with the decoded first frame (reduced for JPEG, a
    small preview gathered band by band for a large uncompressed TIFF), so a caller that needs pixels
    (the perceptual hash) does not decode the file a second time.
    """
    try:
        return _check(fileobj, name, max_pixels, max_bytes, on_decoded)
    finally:
        fileobj.seek(0)


def _check(fileobj, name, max_pixels, max_bytes, on_decoded=None):
    q = _quoted(name)
    fileobj.seek(0, 2)  # size without reading the file into memory
    size = fileobj.tell()
    if size == 0:
        raise UploadRejected(f"{q} is empty.")
    if size > max_bytes:
        raise UploadRejected(f"{q} is {_mb(size)} MB; the archive accepts files of at most {_mb(max_bytes)} MB.")
    fileobj.seek(0)
    head = fileobj.read(32)
    looks_like = _sniff(head)

    # 1. Header only: format, dimensions, frame count. Nothing is decoded yet.
    try:
        with open_image(fileobj) as im:
            fmt, (width, height) = im.format, im.size
            frames = int(getattr(im, "n_frames", 1) or 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(q, exc, max_pixels) from exc
    except Exception as exc:
        if looks_like in _LABELS.values():
            raise UploadRejected(
                f"{q} looks like {_a(looks_like)} file but is damaged or incomplete, so it cannot be read; "
                "please upload the complete original.") from exc
        hint = f" It looks like {looks_like}." if looks_like else ""
        raise UploadRejected(
            f"{q} is not a photograph in a format the archive accepts ({_ACCEPTED_TEXT}).{hint}") from exc

    notes = []
    if fmt == "MPO":  # a JPEG with extra preview images; stored and served as JPEG
        fmt = "JPEG"
    elif frames > 1:
        word = _FRAME_WORD.get(fmt, "frames")
        notes.append(f"Only the first of {frames} {word} was kept."
                     + (" The animation was dropped." if word == "frames" else ""))
    if width * height > max_pixels:
        raise UploadRejected(
            f"{q} is {_mp(width * height)} megapixels ({width} × {height}); "
            f"the archive accepts at most {_mp(max_pixels)} megapixels.")

    # 2. Content decodes: verify() checks structure (CRCs for PNG), then a real
    #    decode of the first frame, reduced for JPEG since that is nearly free.
    label = _LABELS.get(fmt, fmt)
    cut_short = UploadRejected(
        f"{q} is cut short: the {label} file ends before the picture does. Please upload the complete original.")
    if fmt in ("HEIF", "AVIF") and _box_overrun(fileobj, size):
        raise cut_short
    try:
        with open_image(fileobj) as im:
            im.verify()
        with open_image(fileobj) as im:
            if fmt == "JPEG":
                im.draft("RGB", (256, 256))
            if tiff_bands.can_band(im):
                # A large uncompressed scan is read a band at a time: never whole in memory.
                def reopen():
                    fileobj.seek(0)
                    return open_image(fileobj)
                preview = tiff_bands.Preview(width, height)
                for top, band in tiff_bands.bands(reopen):
                    preview.add(top, band)
                if on_decoded is not None:
                    on_decoded(preview.image)
            else:
                im.load()
                if on_decoded is not None:
                    on_decoded(im)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(q, exc, max_pixels) from exc
    except Exception as exc:
        if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
            raise cut_short from exc
        raise UploadRejected(
            f"{q} is a damaged {label} file that cannot be read; please upload the original again.") from exc

    return CheckedUpload(format=fmt, width=width, height=height, frames=frames,
                         safe_name=safe_filename(name, fmt), warnings=tuple(notes))


def _box_overrun(fileobj, size: int) -> bool:
    """True if a top-level ISO-BMFF box (ftyp, meta, mdat...) claims to run past the end of the file.

    libheif decodes a tiled (iPhone) HEIC whose last tiles are missing without
    any error, so a cut HEIC/AVIF is caught here from the box sizes instead.
    """
    pos = 0
    for _ in range(10_000):  # real files have a handful of top-level boxes
        if pos + 8 > size:
            break
        fileobj.seek(pos)
        header = fileobj.read(16)
        box_size = int.from_bytes(header[:4], "big")
        if box_size == 1 and len(header) == 16:  # 64-bit size follows the type
            box_size = int.from_bytes(header[8:16], "big")
        if box_size == 0:  # "runs to the end of the file"
            return False
        if box_size < 8:  # malformed; leave the verdict to the decoder
            return False
        pos += box_size
    return pos > size


def _bomb(q, exc, max_pixels):
    """Pillow refused on its own limit before we saw the size: report its figures."""
    match = re.search(r"\((\d+) pixels\)", str(exc))
    limit = Image.MAX_IMAGE_PIXELS or max_pixels
    if isinstance(exc, Image.DecompressionBombError):
        limit *= 2
    limit = min(limit, max_pixels)
    claimed = f"claims {_mp(int(match.group(1)))} megapixels" if match else "claims too many pixels"
    return UploadRejected(f"{q} {claimed}; the archive accepts at most {_mp(limit)} megapixels.")


def _sniff(head: bytes) -> str:
    """What the first bytes say the file is; only used to word the refusal."""
    if head[:2] == b"\xff\xd8":
        return "JPEG"
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG"
    if head[:4] in (b"II*\0", b"MM\0*", b"II+\0", b"MM\0+"):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "AVIF"
        if brand in (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"):
            return "HEIC"
        return "a video or other media file"
    text = head.lstrip().lower()
    if head[:4] == b"%PDF":
        return "a PDF document"
    if text.startswith((b"<svg", b"<?xml")):
        return "an SVG drawing or other XML"
    if text.startswith((b"<html", b"<!doctype", b"<head", b"<body", b"<script")):
        return "a web page (HTML)"
    if head[:4] == b"8BPS":
        return "a Photoshop document"
    return ""


def _quoted(name) -> str:
    """The uploaded name as shown in a sentence: last component, printable, not endless."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable())
    if not base:
        return "The file"
    if len(base) > 60:
        base = base[:40] + "…" + base[-15:]
    return f"“{base}”"


def _a(word: str) -> str:
    return ("an " if word[:1] in "AEIOaeio" else "a ") + word


def _mp(pixels: int) -> str:
    mp = pixels / 1_000_000
    return f"{mp:,.0f}" if mp >= 10 else f"{mp:.2g}"


def _mb(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:,.0f}" if mb >= 10 else f"{mb:.2g}"
