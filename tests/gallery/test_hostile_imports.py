"""
Every troublesome file through `manage.py import_photos`, one folder per file: the outcome its
MANIFEST row expects in the import line, never a traceback, under 10 seconds each, bombs refused
without the process growing by 100 MB, and no stored file without a row afterwards.
(The admin upload path is tests/gallery/test_hostile_uploads.py; both share tests/hostile.py.)
"""

import hashlib
import shutil
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gallery.models import PendingOriginal, Photograph
from tests.conftest import shared_path
from tests.hostile import exif_files, manifest_rows, memory_growth, stored_files

pytestmark = pytest.mark.django_db

STATUSES = ("imported", "skipped", "rejected")


class ImportRun:
    """One import_photos run over a folder holding a single file, and what came of it."""

    def __init__(self, source, relative, workdir, capfd):
        folder = workdir / "folder"
        target = folder / relative
        target.parent.mkdir(parents=True)
        shutil.copyfile(source, target)
        self.relative = relative
        self.sha256 = hashlib.sha256(source.read_bytes()).hexdigest()
        out, err = StringIO(), StringIO()
        self.returncode = 0
        capfd.readouterr()
        with memory_growth() as growth:
            started = time.monotonic()
            try:
                call_command("import_photos", str(folder), stdout=out, stderr=err)
            except CommandError as error:
                self.returncode = error.returncode
            self.seconds = time.monotonic() - started
        self.growth_mb = growth["mb"]
        stray = capfd.readouterr()  # warnings and log lines that bypassed the command's streams
        self.output = "\n".join([out.getvalue(), err.getvalue(), stray.out, stray.err])
        lines = [line for line in out.getvalue().splitlines() if line.split(" ", 1)[0] in STATUSES]
        assert len(lines) == 1, (relative, out.getvalue())
        self.line = lines[0]
        self.status = self.line.split(" ", 1)[0]
        prefix = f"{self.status} {relative} "
        assert self.line.startswith(prefix), (relative, self.line)
        self.photo_id, _, self.detail = self.line[len(prefix):].partition(" ")


@pytest.fixture
def import_one(tmp_path, capfd):
    counter = iter(range(1, 1_000))

    def run(source, relative):
        return ImportRun(source, relative, tmp_path / f"run-{next(counter)}", capfd)

    return run


def assert_no_orphans(settings):
    """Every stored file belongs to a row, and no import left a journal entry open."""
    expected = {photo.file.name for photo in Photograph.objects.all()}
    stored = stored_files(settings.MEDIA_ROOT) if settings.MEDIA_ROOT.exists() else set()
    assert stored == expected
    assert not PendingOriginal.objects.exists()


def assert_imported(run, label):
    assert run.status == "imported", (label, run.line)
    assert run.returncode == 0, label
    photo = Photograph.objects.get(pk=int(run.photo_id))
    assert photo.sha256 == run.sha256, label
    assert run.detail.startswith(f"http://127.0.0.1:8000/photographs/{photo.pk}/"), (label, run.line)
    name = photo.file.name.split("/", 1)[1]
    assert name.isascii() and len(name) <= 80 and "/" not in name and ".." not in name, (label, name)
    return photo


def assert_rejected(run, name, label):
    assert run.status == "rejected", (label, run.line)
    assert run.returncode == 1, label  # the command says something was rejected
    assert run.photo_id == "-", (label, run.line)
    # A sentence a curator can act on, naming the file: not an exception's repr.
    assert run.detail.endswith(".") and name[:15] in run.detail, (label, run.detail)
    assert "Error" not in run.detail and "Exception" not in run.detail, (label, run.detail)


def test_every_bad_file_gets_its_expected_outcome_through_import_photos(import_one, settings):
    folder = shared_path("corpus", "bad")
    rows = manifest_rows()
    assert len(rows) >= 30
    for row in rows:
        name, expect, why = row["file"], row["expect"], row["why"]
        label = f"{name} (expect {expect}: {why})"
        already = Photograph.objects.filter(sha256=hashlib.sha256((folder / name).read_bytes()).hexdigest()).first()
        count = Photograph.objects.count()

        run = import_one(folder / name, name)

        assert "Traceback" not in run.output, (label, run.output)
        assert run.seconds < 10, f"{label}: took {run.seconds:.1f} s"
        if already is not None:
            # Some rows share bytes with an earlier one (they test the name): the earlier photograph is named.
            assert run.status == "skipped" and run.photo_id == str(already.pk), (label, run.line)
            assert "already in the archive" in run.detail, (label, run.line)
        elif expect == "accept":
            assert_imported(run, label)
        elif expect == "reject":
            assert_rejected(run, name, label)
        elif expect == "accept-or-reject":
            if run.status == "imported":
                assert_imported(run, label)
            else:
                assert_rejected(run, name, label)
        elif expect == "reject-or-accept-with-warning":
            if run.status == "imported":
                assert assert_imported(run, label).exif_warnings, f"{label}: imported without a warning"
            else:
                assert_rejected(run, name, label)
        else:
            pytest.fail(f"MANIFEST row with an expectation this test does not know: {label}")
        assert Photograph.objects.count() == count + (run.status == "imported"), label
        if "bomb" in why.lower():
            assert "megapixels" in run.detail, (label, run.detail)
            assert run.growth_mb < 100, f"{label}: the process grew by {run.growth_mb:.0f} MB"

    assert_no_orphans(settings)


def test_a_multi_page_or_animated_file_is_imported_with_a_warning_kept_on_the_record(import_one):
    folder = shared_path("corpus", "bad")
    run = import_one(folder / "multipage.tif", "multipage.tif")
    photo = Photograph.objects.get(pk=int(run.photo_id))
    assert "Only the first of 3 pages was kept." in photo.exif_warnings


def test_every_camera_file_is_imported_through_import_photos(import_one, settings):
    root = shared_path("corpus", "exif")
    files = exif_files()
    assert len(files) > 40
    for relative in files:
        run = import_one(root / relative, relative)
        assert "Traceback" not in run.output, (relative, run.output)
        assert run.seconds < 10, f"{relative}: took {run.seconds:.1f} s"
        assert_imported(run, relative)
    assert Photograph.objects.count() == len(files)
    assert_no_orphans(settings)


def test_a_refused_picture_format_gets_a_line_not_silence(import_one, settings):
    """SVG is a picture the archive refuses: the import says so rather than passing over it."""
    run = import_one(shared_path("corpus", "bad", "script.svg"), "drawings/script.svg")
    assert run.line.startswith("rejected drawings/script.svg - “script.svg” is not a photograph in a format")
    assert "It looks like an SVG drawing" in run.detail
    assert not Photograph.objects.exists()
    assert_no_orphans(settings)
