"""Tests for gallery.ingest.upload_checks: the one gate every upload passes.

The corpus tests read ../shared/corpus in place. Their parameters are read from
the corpus lazily at collection time; without ../shared a single placeholder
case is collected, and ``shared_path`` skips it (or fails it under CI=true).
The synthetic tests build their images in memory and always run.
"""
import csv
import io
import json
import random
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image, ImageFile

from gallery.ingest.upload_checks import (
    ACCEPTED_FORMATS, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, EXTENSIONS,
    CheckedUpload, UploadRejected, check_upload, open_image, safe_filename,
)
from tests.conftest import SHARED, shared_path

REPO = Path(__file__).resolve().parents[2]
SAFE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z]+$")
BOMB_RSS_LIMIT_KB = 100 * 1024
MISSING = "corpus-missing"


# --- lazy corpus parameters --------------------------------------------------

def _manifest_rows():
    path = SHARED / "corpus" / "bad" / "MANIFEST.tsv"
    if not path.is_file():
        return [pytest.param(None, id=MISSING)]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [pytest.param(row, id=f"{i:02d}-{row['file'][:40]}") for i, row in enumerate(rows)]


def _exif_files():
    root = SHARED / "corpus" / "exif"
    files = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".heic")) \
        if root.is_dir() else []
    if not files:
        return [pytest.param(None, id=MISSING)]
    return [pytest.param(p.relative_to(root).as_posix(), id=p.relative_to(root).as_posix()) for p in files]


def _require(param, *parts):
    """Skip/fail like shared_path when the corpus was missing at collection time."""
    base = shared_path(*parts)
    if param is None:
        pytest.fail(f"{base} appeared after collection; run the tests again")
    return base


def _rss_growth_kb(path, name):
    """Peak-RSS growth (kB) of check_upload on one file, in a fresh interpreter.

    A fresh process is used because ru_maxrss is a high-water mark: in the test
    process an earlier test could already have raised it and hide a bomb.
    """
    code = (
        "import json, resource, sys\n"
        "from gallery.ingest.upload_checks import check_upload, UploadRejected\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "outcome = 'accepted'\n"
        "with open(sys.argv[1], 'rb') as f:\n"
        "    try:\n"
        "        check_upload(f, sys.argv[2])\n"
        "    except UploadRejected as e:\n"
        "        outcome = str(e)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps([after - before, outcome]))\n"
    )
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", code, str(path), name],
                         cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _check_path(path, name):
    with path.open("rb") as f:
        start = time.monotonic()
        try:
            result = check_upload(f, name)
        except UploadRejected as exc:
            result = exc
        elapsed = time.monotonic() - start
        assert f.tell() == 0, "file position must be back at 0"
        assert not f.closed, "the caller's file must stay open"
    return result, elapsed


def _assert_good_accept(result: CheckedUpload, label):
    assert result.format in ACCEPTED_FORMATS, label
    assert result.width >= 1 and result.height >= 1 and result.frames >= 1, label
    assert SAFE_NAME.match(result.safe_name), f"{label}: unsafe name {result.safe_name!r}"
    assert len(result.safe_name) <= 80, label
    assert result.safe_name.endswith("." + EXTENSIONS[result.format]), label
    assert all(isinstance(w, str) and w for w in result.warnings), label


# --- corpus/bad: one test per MANIFEST row ------------------------------------

@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("row", _manifest_rows())
def test_manifest_row(row):
    bad = _require(row, "corpus", "bad", "MANIFEST.tsv").parent
    name, expect, why = row["file"], row["expect"], row["why"]
    path = bad / name
    if not path.exists():  # a name-only row: test the name with another file's bytes
        path = bad / "gps-home.jpg"
    label = f"{name} (expect {expect}: {why})"

    result, elapsed = _check_path(path, name)
    assert elapsed < 10, f"{label}: took {elapsed:.1f} s"

    if isinstance(result, UploadRejected):
        assert expect in ("reject", "reject-or-accept-with-warning", "accept-or-reject"), \
            f"{label}: wrongly rejected: {result}"
        message = str(result)
        assert message.strip(), f"{label}: empty message"
        assert name in message, f"{label}: message does not name the file: {message}"
        assert message.endswith("."), f"{label}: not a sentence: {message}"
    else:
        assert expect in ("accept", "accept-or-reject", "reject-or-accept-with-warning"), \
            f"{label}: wrongly accepted: {result}"
        if expect == "reject-or-accept-with-warning":
            assert result.warnings, f"{label}: accepted without a warning"
        _assert_good_accept(result, label)

    if "bomb" in why.lower():
        assert isinstance(result, UploadRejected), label
        assert "megapixels" in str(result), str(result)
        growth, outcome = _rss_growth_kb(path, name)
        assert outcome != "accepted", label
        assert growth < BOMB_RSS_LIMIT_KB, f"{label}: peak RSS grew by {growth // 1024} MB"


# --- corpus/exif: real camera files are all accepted ---------------------------

@pytest.mark.parametrize("rel", _exif_files())
def test_exif_corpus_accepted(rel):
    root = _require(rel, "corpus", "exif")
    path = root / rel
    result, elapsed = _check_path(path, path.name)
    assert not isinstance(result, UploadRejected), f"{rel} rejected: {result}"
    assert result.format == ("HEIF" if path.suffix.lower() == ".heic" else "JPEG"), rel
    assert elapsed < 10, f"{rel} took {elapsed:.1f} s"
    _assert_good_accept(result, rel)


def test_cut_heic_never_escapes():
    """A real HEIC cut anywhere is refused with a sentence, never a pillow_heif error."""
    data = shared_path("corpus", "exif", "heic", "IMG_5195.HEIC").read_bytes()
    for cut in (12, 24, 100, 1000, len(data) // 3, len(data) // 2, len(data) - 1000):
        with pytest.raises(UploadRejected, match="IMG_5195.HEIC"):
            check_upload(io.BytesIO(data[:cut]), "IMG_5195.HEIC")
    # libheif itself decodes a cut tiled HEIC without complaint; the box-size check must catch it
    with pytest.raises(UploadRejected, match="cut short"):
        check_upload(io.BytesIO(data[: len(data) - 1000]), "IMG_5195.HEIC")


def test_bomb_refused_even_when_warnings_are_errors():
    """With -W error Pillow's DecompressionBombWarning is raised; it must become UploadRejected."""
    path = shared_path("corpus", "bad", "bomb-144mpx.png")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        for limit in (DEFAULT_MAX_PIXELS, 150_000_000):
            with path.open("rb") as f, pytest.raises(UploadRejected, match="megapixels"):
                check_upload(f, path.name, max_pixels=limit)


def test_bomb_2gpx_refused_even_with_a_huge_limit():
    path = shared_path("corpus", "bad", "bomb-2gpx.png")
    with path.open("rb") as f, pytest.raises(UploadRejected, match="2,500 megapixels"):
        check_upload(f, path.name, max_pixels=10_000_000_000)


# --- safe_filename --------------------------------------------------------------

def test_safe_filename_long_non_ascii_name():
    name = "šćčž-Sinanagić-" + "x" * 180 + ".jpg"
    assert len(name) == 199
    safe = safe_filename(name, "JPEG")
    assert safe.isascii() and len(safe) == 80 and SAFE_NAME.match(safe)
    assert safe.startswith("sccz-sinanagic-xxx") and safe.endswith(".jpg")


@pytest.mark.parametrize("name, fmt, expected", [
    ("..%2F..%2Fetc%2Fpasswd.jpg", "JPEG", "passwd.jpg"),
    ("..%252F..%252Fetc%252Fpasswd.jpg", "JPEG", "passwd.jpg"),
    ("../../x.jpg", "JPEG", "x.jpg"),
    ("..\\..\\Windows\\x.jpg", "JPEG", "x.jpg"),
    ("C:\\Users\\Ana\\Photo 12 (final).JPG", "JPEG", "photo-12-final.jpg"),
    ("SCAN-UPPER.TIFF", "TIFF", "scan-upper.tif"),
    ("png-named.jpg", "PNG", "png-named.png"),
    ("IMG_5195.HEIC", "HEIF", "img-5195.heic"),
    ("..", "JPEG", "photograph.jpg"),
    (".jpg", "PNG", "photograph.png"),
    ("", "GIF", "photograph.gif"),
    ("😀😀.webp", "WEBP", "photograph.webp"),
    ("a\x00b\nc.avif", "AVIF", "a-b-c.avif"),
    ("photo.2020.final.jpeg", "jpeg", "photo-2020-final.jpg"),
])
def test_safe_filename(name, fmt, expected):
    assert safe_filename(name, fmt) == expected


def test_safe_filename_refuses_unknown_format():
    with pytest.raises(ValueError):
        safe_filename("x.psd", "PSD")


# --- synthetic images: no corpus needed --------------------------------------------

def _encode(fmt, size=(64, 48), mode="RGB", **params):
    buf = io.BytesIO()
    Image.new(mode, size, "white" if mode != "P" else 1).save(buf, fmt, **params)
    buf.seek(0)
    return buf


@pytest.mark.parametrize("fmt, mode", [
    ("JPEG", "RGB"), ("JPEG", "CMYK"), ("JPEG", "L"), ("PNG", "RGBA"), ("PNG", "I;16"),
    ("PNG", "P"), ("TIFF", "RGB"), ("TIFF", "I;16"), ("WEBP", "RGB"), ("GIF", "P"),
    ("HEIF", "RGB"), ("AVIF", "RGB"),
])
def test_synthetic_formats_accepted(fmt, mode):
    params = {"compression": "tiff_lzw"} if fmt == "TIFF" else {}
    try:
        buf = _encode(fmt, mode=mode, **params)
    except (KeyError, OSError) as exc:  # no encoder in this build
        pytest.skip(f"cannot write {fmt}: {exc}")
    result = check_upload(buf, f"upload.{fmt.lower()}")
    assert (result.format, result.width, result.height, result.frames) == (fmt, 64, 48, 1)
    assert result.safe_name == f"upload.{EXTENSIONS[fmt]}"
    assert buf.tell() == 0


def test_type_comes_from_content_not_name():
    result = check_upload(_encode("PNG"), "holiday.jpg")
    assert result.format == "PNG" and result.safe_name == "holiday.png"


def test_animated_gif_keeps_first_frame_with_warning():
    frames = [Image.new("RGB", (20, 10), colour) for colour in ("red", "green", "blue", "white")]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100)
    result = check_upload(buf, "anim.gif")
    assert result.frames == 4
    assert any("first" in w for w in result.warnings)


def test_multipage_tiff_counts_first_page_only():
    pages = [Image.new("RGB", (100, 100)) for _ in range(3)]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:])
    result = check_upload(buf, "scan.tif", max_pixels=100 * 100)  # 3 pages would be 30,000
    assert result.frames == 3
    assert result.warnings == ("Only the first of 3 pages was kept.",)


def test_mpo_camera_jpeg_is_reported_as_jpeg():
    buf = io.BytesIO()
    Image.new("RGB", (64, 48)).save(buf, "MPO", save_all=True, append_images=[Image.new("RGB", (32, 24))])
    buf.seek(0)
    assert open_image(buf).format == "MPO"
    result = check_upload(buf, "DSC0001.JPG")
    assert result.format == "JPEG" and result.safe_name == "dsc0001.jpg" and not result.warnings


def test_one_pixel_and_extreme_aspect_ratio_accepted():
    assert check_upload(_encode("PNG", (1, 1)), "dot.png").width == 1
    assert check_upload(_encode("JPEG", (10000, 20)), "pano.jpg").height == 20
    assert check_upload(_encode("PNG", (1, 30000)), "strip.png").height == 30000


def test_pixel_limit_is_configurable_and_checked_before_decoding():
    assert check_upload(_encode("PNG", (300, 300)), "a.png", max_pixels=90_000).width == 300
    with pytest.raises(UploadRejected, match=r"“a\.png” is 0\.09 megapixels \(300 × 300\)"):
        check_upload(_encode("PNG", (300, 300)), "a.png", max_pixels=89_999)


def test_byte_limit_and_empty():
    with pytest.raises(UploadRejected, match="at most"):
        check_upload(_encode("PNG"), "a.png", max_bytes=10)
    with pytest.raises(UploadRejected, match="“empty.jpg” is empty."):
        check_upload(io.BytesIO(), "empty.jpg")
    # The largest uncompressed scan the pixel limit admits (16-bit RGBA, 8 bytes a pixel) is not refused
    # for its size.
    assert DEFAULT_MAX_BYTES >= DEFAULT_MAX_PIXELS * 8


def test_the_sites_upload_limit_admits_a_100_megapixel_uncompressed_scan():
    sixteen_bit_rgb = 100_000_000 * 6
    assert settings.PHOTO_MAX_UPLOAD_BYTES >= sixteen_bit_rgb
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == settings.PHOTO_MAX_UPLOAD_BYTES


@pytest.mark.parametrize("data, hint", [
    (b"%PDF-1.7\n" + b"x" * 100, "PDF"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
    (b"<!DOCTYPE html><html></html>", "HTML"),
    (b"8BPS\x00\x01" + b"\x00" * 100, "Photoshop"),
    (b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100, "video"),
    (b"BM" + b"\x00" * 100, ""),
])
def test_other_formats_refused_with_a_sentence(data, hint):
    with pytest.raises(UploadRejected) as info:
        check_upload(io.BytesIO(data), "upload.jpg")
    assert "“upload.jpg” is not a photograph" in str(info.value) and hint in str(info.value)


def test_real_formats_outside_the_allowlist_are_not_decoded():
    """BMP, PSD-like, JPEG 2000, PDF...: Pillow could read some, the archive does not try."""
    for fmt in ("BMP", "PPM", "TGA", "PCX", "ICO"):
        with pytest.raises(UploadRejected, match="not a photograph"):
            check_upload(_encode(fmt, (16, 16)), f"x.{fmt.lower()}")


def test_truncated_jpeg_is_rejected():
    noise = Image.effect_noise((400, 300), 80).convert("RGB")
    buf = io.BytesIO()
    noise.save(buf, "JPEG", quality=95)
    data = buf.getvalue()
    with pytest.raises(UploadRejected, match="cut short"):
        check_upload(io.BytesIO(data[: len(data) // 3]), "cut.jpg")
    with pytest.raises(UploadRejected, match="looks like a JPEG"):
        check_upload(io.BytesIO(b"\xff\xd8"), "two.jpg")


def test_position_restored_and_file_left_open_even_when_started_elsewhere():
    buf = _encode("PNG")
    buf.seek(17)
    check_upload(buf, "a.png")
    assert buf.tell() == 0 and not buf.closed
    bad = io.BytesIO(b"not an image at all")
    bad.seek(5)
    with pytest.raises(UploadRejected):
        check_upload(bad, "a.png")
    assert bad.tell() == 0


def test_mangled_files_only_ever_raise_upload_rejected():
    """Truncations and bit flips of every format: a result or UploadRejected, nothing else."""
    rng = random.Random(1234)
    noise = Image.effect_noise((96, 64), 60).convert("RGB")
    samples = []
    for fmt in ("JPEG", "PNG", "TIFF", "WEBP", "GIF", "HEIF"):
        buf = io.BytesIO()
        noise.save(buf, fmt)
        samples.append((fmt, buf.getvalue()))
    for fmt, data in samples:
        for _ in range(40):
            mangled = bytearray(data[: rng.randrange(1, len(data) + 1)])
            for _ in range(rng.randrange(0, 6)):
                if mangled:
                    mangled[rng.randrange(len(mangled))] = rng.randrange(256)
            try:
                result = check_upload(io.BytesIO(bytes(mangled)), f"m.{fmt.lower()}")
            except UploadRejected as exc:
                assert "“m." in str(exc)
            else:
                assert isinstance(result, CheckedUpload)


def test_global_pillow_settings_untouched_and_no_django():
    before = (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES)
    check_upload(_encode("JPEG"), "a.jpg")
    assert (Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES) == before == (89478485, False)
    code = "import sys, gallery.ingest.upload_checks; print(any(m.split('.')[0] == 'django' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_pixel_limit_refuses_before_any_decoding(monkeypatch):
    """The refusal comes from the header alone: no decoder runs.

    (Peak RSS alone cannot show this for bomb-144mpx.png: its pixels are all
    zero, so even a full decode touches almost no memory.)
    """
    loads = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda im: loads.append(im) or real_load(im))
    with pytest.raises(UploadRejected, match="megapixels"):
        check_upload(_encode("PNG", (300, 300)), "a.png", max_pixels=89_999)
    assert loads == []
    check_upload(_encode("PNG", (300, 300)), "a.png")
    assert loads, "the spy must see an ordinary decode"
    loads.clear()
    if (SHARED / "corpus" / "bad" / "bomb-144mpx.png").is_file():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with (SHARED / "corpus" / "bad" / "bomb-144mpx.png").open("rb") as f:
                with pytest.raises(UploadRejected):
                    check_upload(f, "bomb-144mpx.png")
        assert loads == []
