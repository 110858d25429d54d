"""Read the camera's EXIF facts from an uploaded original, safely.

Pure Python (stdlib + exifread, no Django) so the admin upload and the import
command share it.  Every rule here comes from a file that once broke a reader:
EXIF is written by thousands of firmwares and by anyone with a hex editor, so
nothing in it is trusted — not its length, its dates, its numbers, nor the time
it takes to parse.  ``read_exif`` never raises; what it could not use becomes a
sentence in ``warnings`` for the curator.

Privacy: these photographs show immigrants and refugees.  GPS is returned only
in ``gps_latitude``/``gps_longitude`` (stored privately for curators); it is
deliberately left out of ``raw``, which is the kind of dict that ends up in a
"technical details" panel or an API.
"""
from __future__ import annotations

import datetime
import decimal
import io
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction

import exifread
from exifread.core.find_exif import determine_type

logger = logging.getLogger(__name__)

MAX_STRING_LENGTH = 255  # make/model/lens/artist/copyright
MAX_VALUE_LENGTH = 500  # each value in raw
MAX_TAGS = 400  # entries in raw
READ_TIMEOUT_SECONDS = 5.0

# EXIF sits in a JPEG's first APP1 segment (at most 64 KiB), normally right
# after SOI/JFIF; other formats (TIFF, HEIC, PNG, WebP) may put it anywhere.
JPEG_READ_BYTES = 256 * 1024
MAX_READ_BYTES = 64 * 1024 * 1024

EARLIEST_YEAR = 1826  # the oldest surviving photograph; earlier is a wrong clock
GPS_PLACES = decimal.Decimal("0.000001")

# Tags whose values are location; kept out of ``raw`` (see module docstring).
_PRIVATE_TAG_PREFIXES = ("GPS ", "Image GPSInfo", "EXIF GPSInfo")

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DATE = re.compile(
    r"\s*(\d{4})[:\-](\d{2})[:\-](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?"
)


@dataclass
class ExifFacts:
    camera_make: str = ""
    camera_model: str = ""
    lens: str = ""
    exposure_time: str = ""  # "1/125 s", "2 s"; "" when absent or absurd (1/0)
    f_number: str = ""  # "f/5.6"
    iso: int | None = None
    focal_length: str = ""  # "50 mm"
    date_taken: datetime.datetime | None = None  # naive, as the camera's clock said
    orientation: int = 1  # 1..8
    artist: str = ""
    copyright: str = ""
    gps_latitude: decimal.Decimal | None = None  # S negative, 6 places
    gps_longitude: decimal.Decimal | None = None  # W negative, 6 places
    raw: dict[str, str] = field(default_factory=dict)  # tag -> printable, capped; no GPS
    warnings: list[str] = field(default_factory=list)  # sentences for a curator


def read_exif(fileobj, *, timeout: float = READ_TIMEOUT_SECONDS) -> ExifFacts:
    """Return the EXIF facts of ``fileobj``; never raises, restores its position.

    exifread runs on a private, bounded copy of the bytes in a daemon thread:
    a crafted file can make it spin (exif-py #182), and a thread cannot be
    killed, so on timeout we stop waiting and leave it to finish on its own
    copy without touching the caller's file.
    """
    facts = ExifFacts()
    try:
        data, cut_short = _read_bounded(fileobj)
    except Exception as exc:  # unreadable/closed upload: no facts, not a crash
        return _failed(facts, exc)

    outcome: dict = {}

    def work():
        try:
            buf = io.BytesIO(data)
            outcome["tags"] = exifread.process_file(
                buf, details=False, extract_thumbnail=False
            )
            outcome["offset"] = _tiff_offset(buf)
        except Exception as exc:  # exifread lets IndexError, struct.error, ... escape
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="read-exif", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        logger.warning("EXIF read gave up after %.1f s", timeout)
        facts.warnings.append(
            f"Reading the photograph's EXIF took longer than {timeout:g} seconds and "
            "was stopped; the file was accepted without camera facts."
        )
        return facts
    if "error" in outcome:
        exc = outcome["error"]
        if cut_short:
            exc = f"{exc!r}; only the first {MAX_READ_BYTES // 2**20} MB were examined"
        return _failed(facts, exc)
    try:
        _interpret(outcome["tags"], data, outcome.get("offset"), facts)
    except Exception as exc:  # a value shaped like nothing we expected
        return _failed(ExifFacts(), exc)
    return facts


def _failed(facts: ExifFacts, exc) -> ExifFacts:
    # A bad upload is expected, not a server error: one line, traceback at debug.
    logger.warning("EXIF could not be read: %r", exc)
    if isinstance(exc, Exception):
        logger.debug("EXIF read failure", exc_info=exc)
    reason = exc if isinstance(exc, str) else (type(exc).__name__ + (f": {exc}" if str(exc) else ""))
    facts.warnings.append(
        f"The photograph's EXIF could not be read ({_clean(str(reason), 200)}); "
        "the file was accepted without camera facts."
    )
    return facts


def _read_bounded(fileobj) -> tuple[bytes, bool]:
    """Copy at most what EXIF can need, and put the caller's position back."""
    try:
        start = fileobj.tell()
    except Exception:  # not seekable: read from wherever it is
        start = None
    try:
        if start is not None:
            fileobj.seek(0)
        data = fileobj.read(JPEG_READ_BYTES) or b""
        if not data.startswith(b"\xff\xd8") and len(data) == JPEG_READ_BYTES:
            data += fileobj.read(MAX_READ_BYTES - len(data) + 1) or b""
        cut_short = len(data) > MAX_READ_BYTES
        return bytes(data[:MAX_READ_BYTES]), cut_short
    finally:
        if start is not None:
            fileobj.seek(start)


def _tiff_offset(buf: io.BytesIO) -> int | None:
    """Where exifread's offsets count from, to re-read whole ASCII fields."""
    try:
        buf.seek(0)
        return determine_type(buf)[0]
    except Exception:
        return None


def _interpret(tags: dict, data: bytes, offset: int | None, facts: ExifFacts) -> None:
    def get(*names):
        return next((tags[n] for n in names if tags.get(n) is not None), None)

    facts.camera_make = _text(get("Image Make"))
    facts.camera_model = _text(get("Image Model"))
    facts.lens = _text(get("EXIF LensModel"))
    # Copyright is "photographer NUL editor" by the standard, so read past NULs.
    facts.artist = _text(get("Image Artist"), data, offset)
    facts.copyright = _text(get("Image Copyright"), data, offset)

    # Some writers put exposure tags in IFD0 instead of the EXIF sub-IFD.
    exposure = _number(_first(get("EXIF ExposureTime", "Image ExposureTime")))
    facts.exposure_time = _format_exposure(exposure)
    f_number = _number(_first(get("EXIF FNumber", "Image FNumber")))
    if f_number and f_number > 0:
        facts.f_number = f"f/{_short(f_number)}"
    focal = _number(_first(get("EXIF FocalLength", "Image FocalLength")))
    if focal and focal > 0:
        facts.focal_length = f"{_short(focal)} mm"
    iso = _number(_first(get("EXIF ISOSpeedRatings", "Image ISOSpeedRatings")))
    if iso is not None and 0 < iso <= 10_000_000:
        facts.iso = int(iso)

    for name in ("EXIF DateTimeOriginal", "EXIF DateTimeDigitized", "Image DateTime"):
        if get(name) is not None:
            facts.date_taken = _date(_text(get(name)), facts.warnings)
            if facts.date_taken:
                break

    if get("Image Orientation") is not None:
        value = _number(_first(get("Image Orientation")))
        if value is not None and value.denominator == 1 and 1 <= value <= 8:
            facts.orientation = int(value)
        else:
            facts.warnings.append(
                f"The camera's orientation “{_clean(str(get('Image Orientation')), 40)}” "
                "does not exist; the photograph is shown as stored."
            )

    _gps(tags, facts)

    for name, tag in tags.items():
        if len(facts.raw) >= MAX_TAGS:
            break
        if str(name).startswith(_PRIVATE_TAG_PREFIXES):
            continue
        printable = tag.printable if hasattr(tag, "printable") else tag
        facts.raw[_clean(str(name), 100)] = _clean(str(printable), MAX_VALUE_LENGTH)


def _clean(value, limit: int = MAX_STRING_LENGTH) -> str:
    """Printable text: control characters out, whitespace trimmed, cut to limit.

    Markup is left alone on purpose: it is text, and escaping is the template's job.
    """
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8", "replace")
    value = _CONTROL.sub("", unicodedata.normalize("NFC", str(value)))
    return value.strip()[:limit].strip()


def _text(tag, data: bytes = b"", offset: int | None = None) -> str:
    """A string tag; with ``data``, the whole field including what follows a NUL.

    exifread stops an ASCII value at its first NUL.  The field's full bytes are
    used only when they provably start with what exifread read (a wrong offset
    must not produce a wrong artist).
    """
    if tag is None:
        return ""
    values = tag.values
    if isinstance(values, list):  # UNDEFINED/BYTE typed text: a list of ints
        try:
            values = bytes(v for v in values if isinstance(v, int) and 0 <= v < 256)
        except Exception:
            values = b""
    if isinstance(values, (bytes, bytearray)):
        values = bytes(values).split(b"\x00", 1)[0].decode("utf-8", "replace")
    text = str(values)
    if data and offset is not None and tag.field_type == 2:
        start = offset + tag.field_offset
        whole = data[start : start + tag.field_length].decode("utf-8", "replace")
        if whole.split("\x00", 1)[0] == text:
            text = " ".join(p for p in (_clean(part) for part in whole.split("\x00")) if p)
    return _clean(text)


def _first(tag):
    values = getattr(tag, "values", None)
    if isinstance(values, (list, tuple)) and values:
        return values[0]
    return None


def _number(value) -> Fraction | None:
    """An EXIF number as an exact Fraction; None for x/0, NaN, and non-numbers.

    exifread's Ratio for x/0 pretends to be 0/1 but keeps denominator 0, and
    float() of it raises ZeroDivisionError — so read numerator/denominator.
    """
    try:
        if isinstance(value, tuple) and len(value) == 1:  # exifread's FLOAT shape
            value = value[0]
        if isinstance(value, Fraction):
            if not value.denominator:
                return None
            return Fraction(value.numerator, value.denominator)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Fraction(value)
    except (ValueError, OverflowError, ZeroDivisionError, TypeError):
        pass
    return None


def _short(value: Fraction) -> str:
    """5.6, 8, 4.2 — one decimal is how lenses and apertures are read."""
    return f"{float(value):.1f}".removesuffix(".0")


def _format_exposure(value: Fraction | None) -> str:
    if value is None or value <= 0 or value > 100_000:
        return ""
    if value.numerator == 1 and value.denominator > 1:
        return f"1/{value.denominator} s"
    if value < Fraction(1, 4):  # 140213/25000000 is read "1/178 s"
        return f"1/{round(1 / value)} s"
    return f"{float(value):.1f}".removesuffix(".0") + " s"


def _date(text: str, warnings: list[str]) -> datetime.datetime | None:
    """Camera clocks write zeros, blanks, month 13; none of that is a date."""
    if not any(ch.isdigit() and ch != "0" for ch in text):
        if any(ch.isdigit() for ch in text):  # all zeros: the clock was never set
            warnings.append(f"The camera's date “{text[:40]}” is not a real date; it was ignored.")
        return None  # blank ("    :  :  ") means unknown, by the standard
    match = _DATE.match(text)
    try:
        if not match:
            raise ValueError
        value = datetime.datetime(*(int(g or 0) for g in match.groups()))
        if value.year < EARLIEST_YEAR:
            raise ValueError
        if value > datetime.datetime.now() + datetime.timedelta(days=1):
            raise ValueError
    except (ValueError, OverflowError):
        warnings.append(f"The camera's date “{text[:40]}” is not a real date; it was ignored.")
        return None
    return value


def _gps(tags: dict, facts: ExifFacts) -> None:
    """Both coordinates or neither: half a position, or an unsigned one, is wrong."""
    lat = _coordinate(tags, "Latitude", {"N": 1, "S": -1}, 90, facts.warnings)
    lon = _coordinate(tags, "Longitude", {"E": 1, "W": -1}, 180, facts.warnings)
    if lat is not None and lon is not None:
        facts.gps_latitude, facts.gps_longitude = lat, lon


def _coordinate(tags, axis, signs, limit, warnings) -> decimal.Decimal | None:
    tag = tags.get(f"GPS GPS{axis}")
    if tag is None:
        return None
    values = getattr(tag, "values", None)
    parts = [_number(v) for v in values] if isinstance(values, list) else []
    if not parts or any(p is None for p in parts):  # x/0: a "no fix" placeholder
        return None
    ref = _text(tags.get(f"GPS GPS{axis}Ref"))[:1].upper()
    if len(parts) > 3 or any(p < 0 for p in parts) or ref not in signs:
        warnings.append(f"The photograph's GPS {axis.lower()} could not be read; it was ignored.")
        return None
    parts += [Fraction(0)] * (3 - len(parts))
    exact = parts[0] + parts[1] / 60 + parts[2] / 3600
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        degrees = decimal.Decimal(exact.numerator) / decimal.Decimal(exact.denominator)
        degrees = degrees.quantize(GPS_PLACES, rounding=decimal.ROUND_HALF_UP)
    if degrees > limit:
        warnings.append(
            f"The photograph's GPS {axis.lower()} {degrees}° is outside ±{limit}°; it was ignored."
        )
        return None
    return degrees * signs[ref]
