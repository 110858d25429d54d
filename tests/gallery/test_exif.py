"""gallery.ingest.exif against real camera files, files that broke EXIF readers, and tiny hand-made TIFFs.

The oracle for real files is exifread itself, read directly and simply here, so
the module is checked against the library rather than against its own helpers.
"""
import datetime
import io
import json
import struct
import threading
import time
import unicodedata
from decimal import Decimal

import exifread
import pytest

from gallery.ingest import exif
from gallery.ingest.exif import MAX_STRING_LENGTH, MAX_TAGS, MAX_VALUE_LENGTH, ExifFacts, read_exif
from tests.conftest import SHARED, shared_path


def _names(*parts, skip=("README", ".md", ".tsv")):
    """Files under shared/<parts>, relative; [None] when absent so collection still works.

    The test then asks shared_path(), which skips (or fails under CI=true).
    """
    root = SHARED.joinpath(*parts)
    found = sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and not str(p).endswith(skip)
    ) if root.is_dir() else []
    return found or [None]


def _corpus_file(folder, name):
    root = shared_path("corpus", folder)
    if name is None:
        pytest.fail(f"{root} exists but holds no files")
    return root / name


def _read(path, **kwargs):
    with open(path, "rb") as f:
        return read_exif(f, **kwargs)


def _bad(name):
    return _read(shared_path("corpus", "bad", name))


STRING_FIELDS = ("camera_make", "camera_model", "lens", "artist", "copyright")


def _assert_bounded(facts):
    assert isinstance(facts, ExifFacts)
    json.dumps(facts.raw)  # goes into a JSONField as is
    assert len(facts.raw) <= MAX_TAGS
    assert all(isinstance(v, str) and len(v) <= MAX_VALUE_LENGTH for v in facts.raw.values())
    for name in STRING_FIELDS:
        assert len(getattr(facts, name)) <= MAX_STRING_LENGTH
    assert 1 <= facts.orientation <= 8
    assert not any(k.startswith("GPS ") for k in facts.raw), "GPS must stay out of raw"


# --- real camera files: agree with exifread --------------------------------------------


def _oracle(path):
    with open(path, "rb") as f:
        tags = exifread.process_file(f, details=False)

    def text(name):
        return str(tags[name].values).strip() if name in tags else ""

    date = None
    for name in ("EXIF DateTimeOriginal", "EXIF DateTimeDigitized", "Image DateTime"):
        try:
            date = datetime.datetime.strptime(text(name)[:19], "%Y:%m:%d %H:%M:%S")
            break
        except ValueError:
            continue

    def coordinate(axis, negative):
        if f"GPS GPS{axis}" not in tags:
            return None
        d, m, s = (v.num / v.den for v in tags[f"GPS GPS{axis}"].values)
        value = d + m / 60 + s / 3600
        return -value if text(f"GPS GPS{axis}Ref") == negative else value

    return text("Image Make"), text("Image Model"), date, coordinate("Latitude", "S"), coordinate("Longitude", "W")


@pytest.mark.parametrize("name", _names("corpus", "exif"))
def test_agrees_with_exifread(name):
    path = _corpus_file("exif", name)
    make, model, date, lat, lon = _oracle(path)
    facts = _read(path)

    assert (facts.camera_make, facts.camera_model, facts.date_taken) == (make, model, date)
    for mine, theirs in ((facts.gps_latitude, lat), (facts.gps_longitude, lon)):
        if theirs is None:
            assert mine is None
        else:
            assert mine.as_tuple().exponent == -6
            assert abs(float(mine) - theirs) <= 5.01e-7  # theirs rounded to 6 places
    _assert_bounded(facts)
    assert not facts.warnings, facts.warnings


def test_gps_files_have_gps():
    root = shared_path("corpus", "exif", "jpg", "gps")
    paths = sorted(root.glob("*.jpg"))
    assert len(paths) >= 9, f"the GPS corpus at {root} holds {len(paths)} files"
    for path in paths:
        facts = _read(path)
        assert facts.gps_latitude and facts.gps_longitude, path.name


def test_all_eight_orientations():
    root = shared_path("corpus", "exif", "jpg", "orientation")
    for n in range(1, 9):
        for shape in ("landscape", "portrait"):
            assert _read(root / f"{shape}_{n}.jpg").orientation == n


def test_heic_has_camera_facts():
    facts = _read(shared_path("corpus", "exif", "heic", "IMG_5195.HEIC"))
    assert facts.camera_make == "Apple"
    assert facts.exposure_time.endswith(" s") and facts.f_number.startswith("f/")
    assert facts.gps_longitude < 0  # western hemisphere


def test_file_without_exif_is_empty_and_quiet():
    facts = _read(shared_path("corpus", "exif", "jpg", "xmp", "no_exif.jpg"))
    assert facts == ExifFacts()


# --- files built to break readers ------------------------------------------------------


@pytest.mark.parametrize("name", _names("corpus", "bad"))
def test_bad_file_returns_quickly_and_never_raises(name):
    path = _corpus_file("bad", name)
    start = time.monotonic()
    facts = _read(path)
    assert time.monotonic() - start < 10
    _assert_bounded(facts)


def test_makernote_claiming_1e8_entries_returns_in_seconds():
    start = time.monotonic()
    facts = _bad("exif-makernote-1e8.jpg")
    assert time.monotonic() - start < 3
    assert facts.camera_make == "Canon"


def test_ifd_loop_terminates():
    start = time.monotonic()
    _bad("exif-ifd-loop.jpg")
    assert time.monotonic() - start < 3


def test_zero_date_is_no_date():
    facts = _bad("exif-zero-date.jpg")
    assert facts.date_taken is None
    assert any("0000:00:00 00:00:00" in w and "not a real date" in w for w in facts.warnings)


def test_impossible_date_is_ignored_with_warning():
    facts = _bad("exif-bad-date.jpg")
    assert facts.date_taken is None
    assert any("2014:13:45" in w for w in facts.warnings)


def test_orientation_9_is_1():
    facts = _bad("exif-orientation-9.jpg")
    assert facts.orientation == 1
    assert any("orientation" in w for w in facts.warnings)


def test_huge_string_is_cut():
    facts = _bad("exif-huge-string.jpg")
    _assert_bounded(facts)
    assert len(facts.raw["Image ImageDescription"]) == MAX_VALUE_LENGTH


def test_artist_markup_kept_as_text_without_control_bytes():
    artist = _bad("exif-artist-markup.jpg").artist
    assert artist.startswith("Rita Chu")
    assert "<b>bold</b>" in artist  # text; escaping is the template's job
    assert not any(unicodedata.category(c) == "Cc" for c in artist)


def test_zero_denominator_is_absent():
    facts = _bad("exif-zero-denominator.jpg")
    assert facts.exposure_time == ""
    assert facts.raw  # the rest of the read survived


def test_gps_home_is_read_signed_and_kept_out_of_raw():
    facts = _bad("gps-home.jpg")
    assert facts.gps_latitude == Decimal("38.951528")  # 38° 57' 5.5" N
    assert facts.gps_longitude == Decimal("-92.328889")  # 92° 19' 44" W
    assert not any("GPS" in key for key in facts.raw)


def test_two_bytes_is_a_warning_not_a_crash():
    facts = _bad("two-bytes.jpg")
    assert len(facts.warnings) == 1 and "EXIF could not be read" in facts.warnings[0], facts.warnings
    assert "accepted without camera facts" in facts.warnings[0]
    assert facts.camera_make == "" and facts.date_taken is None


def test_file_position_is_restored():
    path = shared_path("corpus", "exif", "jpg", "Canon_40D.jpg")
    with open(path, "rb") as f:
        f.seek(123)
        facts = read_exif(f)
        assert f.tell() == 123
    assert facts.camera_model == "Canon EOS 40D"  # read from the start regardless
    with open(shared_path("corpus", "bad", "two-bytes.jpg"), "rb") as f:
        f.seek(1)
        read_exif(f)
        assert f.tell() == 1


# --- failure handling, without the corpus ----------------------------------------------


def test_exifread_exception_becomes_warning(monkeypatch, caplog):
    def explode(*args, **kwargs):
        raise struct.error("unpack requires a buffer of 4 bytes")

    monkeypatch.setattr(exif.exifread, "process_file", explode)
    stream = io.BytesIO(b"\xff\xd8" + b"\0" * 100)
    stream.seek(10)
    with caplog.at_level("WARNING", logger="gallery.ingest.exif"):
        facts = read_exif(stream)
    assert stream.tell() == 10
    assert facts.warnings == [
        "The photograph's EXIF could not be read (error: unpack requires a buffer of 4 bytes); "
        "the file was accepted without camera facts."
    ]
    assert "EXIF could not be read" in caplog.text


def test_slow_read_times_out(monkeypatch):
    release = threading.Event()

    def spin(*args, **kwargs):
        release.wait(30)
        return {}

    monkeypatch.setattr(exif.exifread, "process_file", spin)
    try:
        start = time.monotonic()
        facts = read_exif(io.BytesIO(b"\xff\xd8"), timeout=0.2)
        assert time.monotonic() - start < 2
    finally:
        release.set()
    assert facts.camera_make == "" and "longer than 0.2 seconds" in facts.warnings[0]


def test_read_is_bounded():
    stream = io.BytesIO(b"\xff\xd8" + b"\0" * (2 * exif.JPEG_READ_BYTES))
    data, _ = exif._read_bounded(stream)
    assert len(data) == exif.JPEG_READ_BYTES and stream.tell() == 0


# --- tiny hand-made TIFFs for rules the corpus does not cover --------------------------


def _ascii(tag, raw: bytes):
    return (tag, 2, len(raw) + 1, raw + b"\0")


def _short(tag, value):
    return (tag, 3, 1, struct.pack("<H", value))


def _rational(tag, *pairs):
    return (tag, 5, len(pairs), b"".join(struct.pack("<II", n, d) for n, d in pairs))


def _tiff(entries, gps=()):
    """Little-endian TIFF: IFD0 (+ GPS IFD), long values in a data area after the IFDs."""
    ifd0 = list(entries) + ([(0x8825, 4, 1, None)] if gps else [])
    gps_at = 8 + 2 + 12 * len(ifd0) + 4
    data_at = gps_at + (2 + 12 * len(gps) + 4 if gps else 0)
    data = bytearray()

    def ifd(items):
        out = struct.pack("<H", len(items))
        for tag, kind, count, payload in items:
            payload = struct.pack("<I", gps_at) if payload is None else payload
            if len(payload) <= 4:
                out += struct.pack("<HHI", tag, kind, count) + payload.ljust(4, b"\0")
            else:
                out += struct.pack("<HHII", tag, kind, count, data_at + len(data))
                data.extend(payload)
        return out + b"\0\0\0\0"

    body = ifd(ifd0) + (ifd(list(gps)) if gps else b"")
    return b"II*\0" + struct.pack("<I", 8) + body + bytes(data)


def _facts(entries, gps=()):
    return read_exif(io.BytesIO(_tiff(entries, gps)))


DATETIME, ORIENTATION, ARTIST, COPYRIGHT = 0x0132, 0x0112, 0x013B, 0x8298


def _gps(lat, lat_ref, lon, lon_ref):
    return [_ascii(1, lat_ref), _rational(2, *lat), _ascii(3, lon_ref), _rational(4, *lon)]


def test_gps_south_west_rounds_half_up():
    # 10° 0' 0.0018" is exactly 10.0000005°: half up (away from zero) -> 10.000001
    facts = _facts([], _gps([(10, 1), (0, 1), (18, 10000)], b"S", [(70, 1), (30, 1), (0, 1)], b"W"))
    assert facts.gps_latitude == Decimal("-10.000001")
    assert facts.gps_longitude == Decimal("-70.500000")
    assert not facts.warnings


def test_gps_out_of_range_is_dropped_with_warning():
    facts = _facts([], _gps([(95, 1), (0, 1), (0, 1)], b"N", [(10, 1), (0, 1), (0, 1)], b"E"))
    assert facts.gps_latitude is None and facts.gps_longitude is None
    assert any("outside ±90°" in w for w in facts.warnings)


def test_gps_zero_denominator_is_absent():
    facts = _facts([], _gps([(0, 0), (0, 0), (0, 0)], b"N", [(10, 1), (0, 1), (0, 1)], b"E"))
    assert facts.gps_latitude is None and facts.gps_longitude is None


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"2014-04-05 10:00:00", datetime.datetime(2014, 4, 5, 10)),
        (b"2014:04:05 10:00:00 +02:00 junk", datetime.datetime(2014, 4, 5, 10)),
        (b"1800:01:01 00:00:00", None),
        (b"2014:02:30 10:00:00", None),
        ("ten days from now", None),
    ],
)
def test_dates(raw, expected):
    if raw == "ten days from now":  # computed here, not at collection, so every xdist worker collects the same ids
        raw = (datetime.datetime.now() + datetime.timedelta(days=10)).strftime("%Y:%m:%d %H:%M:%S").encode()
    facts = _facts([_ascii(DATETIME, raw)])
    assert facts.date_taken == expected
    assert bool(facts.warnings) == (expected is None)


def test_blank_date_means_unknown_without_warning():
    facts = _facts([_ascii(DATETIME, b"    :  :     :  :  ")])
    assert facts.date_taken is None and not facts.warnings


def test_orientation_zero_is_1_with_warning():
    facts = _facts([_short(ORIENTATION, 0)])
    assert facts.orientation == 1 and facts.warnings


def test_exposure_lens_and_strings_read_as_a_person_would():
    facts = _facts(
        [
            _rational(0x829A, (2, 1)),  # ExposureTime
            _rational(0x829D, (28, 10)),  # FNumber
            _short(0x8827, 400),  # ISO
            _rational(0x920A, (50, 1)),  # FocalLength
            _ascii(ARTIST, "  Ayşe 🙂\x07 ".encode()),
            _ascii(COPYRIGHT, b"Jane Doe\0Refugee Press"),  # photographer NUL editor
        ]
    )
    assert (facts.exposure_time, facts.f_number, facts.iso, facts.focal_length) == ("2 s", "f/2.8", 400, "50 mm")
    assert facts.artist == "Ayşe 🙂"
    assert facts.copyright == "Jane Doe Refugee Press"


def test_short_exposures():
    assert exif._format_exposure(exif._number(exifread.utils.Ratio(1, 125))) == "1/125 s"
    assert exif._format_exposure(exif._number(exifread.utils.Ratio(140213, 25000000))) == "1/178 s"
    assert exif._format_exposure(exif._number(exifread.utils.Ratio(1, 0))) == ""
