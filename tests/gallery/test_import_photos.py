"""manage.py import_photos: a folder of real camera files and a curator's sheet."""

import csv
import datetime
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gallery.models import Artist, Community, PendingOriginal, Photograph
from tests.conftest import shared_path

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    code = 0
    try:
        call_command("import_photos", *map(str, args), stdout=out)
    except CommandError as error:
        code = error.returncode
        out.write(f"CommandError: {error}\n")
    return code, out.getvalue().splitlines()


def lines_by_path(lines):
    found = {}
    for line in lines:
        words = line.removeprefix("would ").split(" ")
        if words[0] in ("imported", "import", "skipped", "rejected"):
            found[words[1]] = line
    return found


@pytest.fixture
def folder(tmp_path):
    """Camera files from the shared corpus, copied into a temp folder with a sub-folder and a duplicate."""
    exif = shared_path("corpus", "exif", "jpg")
    root = tmp_path / "photos"
    (root / "springfield").mkdir(parents=True)
    shutil.copy(exif / "gps" / "DSCN0010.jpg", root / "DSCN0010.jpg")
    shutil.copy(exif / "gps" / "DSCN0012.jpg", root / "DSCN0012.jpg")
    shutil.copy(exif / "Canon_40D.jpg", root / "springfield" / "Canon_40D.jpg")
    shutil.copy(exif / "orientation" / "portrait_6.jpg", root / "springfield" / "portrait_6.jpg")
    shutil.copy(exif / "gps" / "DSCN0010.jpg", root / "springfield" / "copy-of-0010.jpg")  # same bytes
    return root


def write_sheet(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


HEADER = ["filename", "title", "alt_text", "captoin", "creator", "date", "communities", "keywords", "rights", "consent"]
ROWS = [
    ["DSCN0010.jpg", "Market day", "Two women at a market stall", "Saturday", "Jane Doe", "2013-10",
     "Bosnian; Somali", "market;food", "http://rightsstatements.org/vocab/InC/1.0/", "on_file"],
    ["DSCN0012.jpg", "Bad date", "A street", "", "", "2013-13-45", "", "", "", ""],
    ["springfield/Canon_40D.jpg", "Library", "The library's front steps", "", "jane doe", "1905~",
     "Bosnian", "", "CC BY 4.0", "Not needed (historical or public event)"],
    ["springfield/missing.jpg", "Ghost", "", "", "", "", "", "", "", ""],
]


def test_a_misspelt_column_stops_the_import_before_anything_is_stored(folder, tmp_path, settings):
    sheet = write_sheet(tmp_path / "sheet.csv", HEADER, ROWS)
    code, lines = run(folder, "--metadata", sheet)
    assert code == 2
    assert "“captoin” (did you mean “caption”?)" in lines[-1] and "Nothing was imported" in lines[-1]
    assert Photograph.objects.count() == 0 and Artist.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "original_images").exists()
    assert not (tmp_path / "sheet-rejected.csv").exists()


def test_folder_and_sheet_import_reports_every_file_and_writes_the_rejected_rows(folder, tmp_path, settings):
    sheet = write_sheet(tmp_path / "sheet.csv", HEADER, ROWS)
    code, lines = run(folder, "--metadata", sheet, "--ignore-unknown-columns", "--create-communities")

    assert code == 1  # something was rejected and --keep-going was not given
    assert lines[0].startswith("warning: ignoring columns") and "“captoin”" in lines[0]
    assert lines[1:3] == ["created community “Bosnian”", "created community “Somali”"]
    by_path = lines_by_path(lines)
    assert set(by_path) == {"DSCN0010.jpg", "DSCN0012.jpg", "springfield/Canon_40D.jpg",
                            "springfield/portrait_6.jpg", "springfield/copy-of-0010.jpg", "springfield/missing.jpg"}
    market = Photograph.objects.get(title="Market day")
    library = Photograph.objects.get(title="Library")
    portrait = Photograph.objects.get(title="portrait_6")
    assert by_path["DSCN0010.jpg"] == f"imported DSCN0010.jpg {market.pk} http://127.0.0.1:8000/photographs/{market.pk}/"
    assert by_path["springfield/Canon_40D.jpg"].startswith(f"imported springfield/Canon_40D.jpg {library.pk} http")
    assert by_path["springfield/portrait_6.jpg"].endswith("(not public yet: consent pending, no alt text)")
    assert by_path["DSCN0012.jpg"].startswith("rejected DSCN0012.jpg - date “2013-13-45”: “2013-13-45” has no month 13")
    assert by_path["springfield/copy-of-0010.jpg"].startswith(
        f"skipped springfield/copy-of-0010.jpg {market.pk} already in the archive as “Market day”")
    assert by_path["springfield/missing.jpg"] == (
        "rejected springfield/missing.jpg - no such file in the folder (sheet row 5)")
    summary = [line for line in lines if line.startswith("Summary:")][0]
    assert "3 imported, 1 skipped, 2 rejected" in summary and "Ignored columns: captoin" in summary

    # What the sheet said, on the records; the creator named twice (in two cases) is one artist.
    assert market.alt_text == "Two women at a market stall" and market.caption == ""
    assert market.artist.name == "Jane Doe" and library.artist_id == market.artist_id
    assert sorted(market.communities.names()) == ["Bosnian", "Somali"]
    assert sorted(market.tags.names()) == ["food", "market"]
    assert market.date_edtf == "2013-10" and library.date_edtf == "1905~"
    assert library.rights == "http://creativecommons.org/licenses/by/4.0/" and library.consent == "not_needed"
    assert Community.objects.count() == 2 and Artist.objects.count() == 1
    # EXIF came through the same path as an admin upload: GPS stored privately, camera facts read.
    assert market.gps_latitude is not None and market.camera_make
    assert len(market.sha256) == 64 and len(market.perceptual_hash) == 16

    # No partial records: the rejected files left neither a row nor a stored file.
    assert Photograph.objects.count() == 3
    stored = sorted(p.name for p in (settings.MEDIA_ROOT / "original_images").iterdir())
    assert stored == sorted(p.file.name.split("/")[-1] for p in Photograph.objects.all())
    assert PendingOriginal.objects.count() == 0

    with open(tmp_path / "sheet-rejected.csv", newline="", encoding="utf-8") as report:
        rejected = list(csv.DictReader(report))
    assert [(row["filename"], row["title"]) for row in rejected] == [
        ("DSCN0012.jpg", "Bad date"), ("springfield/missing.jpg", "Ghost")]
    assert "has no month 13" in rejected[0]["rejected_because"]
    assert rejected[1]["rejected_because"] == "no such file in the folder (sheet row 5)"

    # A second run imports nothing new.
    code, again = run(folder, "--metadata", sheet, "--ignore-unknown-columns", "--keep-going")
    assert code == 0
    again_by_path = lines_by_path(again)
    assert again_by_path["DSCN0010.jpg"].startswith(f"skipped DSCN0010.jpg {market.pk} already in the archive")
    assert again_by_path["DSCN0010.jpg"].endswith("sheet metadata not applied (use --update)")
    assert "0 imported, 4 skipped, 2 rejected" in again[-1]
    assert Photograph.objects.count() == 3


def test_update_applies_the_sheet_to_photographs_already_in_the_archive(folder, tmp_path):
    run(folder, "--keep-going")
    photo = Photograph.objects.get(title="DSCN0010")
    sheet = write_sheet(tmp_path / "fix.csv", ["filename", "alt_text", "keywords", "consent"],
                        [["DSCN0010.jpg", "A market stall", "market", "on file"]])
    code, lines = run(folder, "--metadata", sheet, "--update")
    assert code == 0
    assert lines_by_path(lines)["DSCN0010.jpg"] == (
        f"skipped DSCN0010.jpg {photo.pk} already in the archive as “DSCN0010”; metadata updated from the sheet")
    photo.refresh_from_db()
    assert (photo.alt_text, photo.consent, list(photo.tags.names())) == ("A market stall", "on_file", ["market"])


def test_dry_run_checks_everything_and_writes_nothing(folder, tmp_path, settings):
    sheet = write_sheet(tmp_path / "sheet.csv", [c for c in HEADER if c != "captoin"],
                        [[v for i, v in enumerate(row) if i != 3] for row in ROWS])
    code, lines = run(folder, "--metadata", sheet, "--dry-run", "--create-communities")
    assert code == 1
    assert lines[0] == "would create communities: “Bosnian”, “Somali”"
    by_path = lines_by_path(lines)
    assert by_path["DSCN0010.jpg"] == "would import DSCN0010.jpg -"
    assert by_path["springfield/copy-of-0010.jpg"].startswith("skipped springfield/copy-of-0010.jpg - same file as")
    assert by_path["DSCN0012.jpg"].startswith("rejected DSCN0012.jpg - date")
    assert "3 would be imported, 1 skipped, 2 rejected" in lines[-2] and "nothing was written" in lines[-2]
    assert Photograph.objects.count() == Artist.objects.count() == Community.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "original_images").exists()
    assert not (tmp_path / "sheet-rejected.csv").exists()


def test_an_unknown_community_stops_the_import_unless_asked_to_create_it(folder, tmp_path, settings):
    Community.objects.create(name="Somali", slug="somali")
    sheet = write_sheet(tmp_path / "sheet.csv", ["filename", "title", "alt_text", "date", "communities"], [
        ["DSCN0010.jpg", "Market day", "A stall", "1938", "somali; Somalian"],
    ])
    code, lines = run(folder, "--metadata", sheet, "--keep-going")
    assert code == 2
    assert lines[-1] == (
        "CommandError: The sheet names communities the archive does not have: “Somalian”. Nothing was imported. "
        "Correct the sheet (communities: Somali), or pass --create-communities to create them.")
    assert Photograph.objects.count() == 0 and list(Community.objects.values_list("name", flat=True)) == ["Somali"]
    assert not (settings.MEDIA_ROOT / "original_images").exists()

    code, lines = run(folder, "--metadata", sheet, "--keep-going", "--create-communities")
    assert code == 0 and "created community “Somalian”" in lines
    market = Photograph.objects.get(title="Market day")
    assert sorted(market.communities.names()) == ["Somali", "Somalian"]
    # No kind in the sheet and an old date: historical, and the photograph says it was inferred.
    assert (market.kind, market.kind_inferred) == ("historical", True)


def test_files_that_are_not_photographs_are_rejected_into_a_report_in_the_folder(folder, tmp_path):
    (folder / "notes.jpg").write_text("these are my notes")
    code, lines = run(folder, "--keep-going")
    assert code == 0
    assert lines_by_path(lines)["notes.jpg"].startswith("rejected notes.jpg - “notes.jpg” is not a photograph")
    report = (folder / "import-rejected.csv").read_text(encoding="utf-8")
    assert "notes.jpg" in report


def test_a_failure_while_saving_leaves_neither_row_nor_file(folder, settings, monkeypatch):
    import gallery.ingest.folder_import as folder_import

    def broken(photo, row):
        raise RuntimeError("database went away")

    monkeypatch.setattr(folder_import, "apply_lists", broken)
    code, lines = run(folder)
    assert code == 1
    assert lines_by_path(lines)["DSCN0010.jpg"] == "rejected DSCN0010.jpg - could not be saved: database went away"
    assert Photograph.objects.count() == 0 and PendingOriginal.objects.count() == 0
    assert list((settings.MEDIA_ROOT / "original_images").iterdir()) == []


def test_a_file_left_by_a_killed_import_is_removed_by_the_next_run(folder, settings):
    # What a SIGKILL between storing the original and committing its row leaves behind.
    orphan = settings.MEDIA_ROOT / "original_images" / "dscn0010.jpg"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes((folder / "DSCN0010.jpg").read_bytes())
    pending = PendingOriginal.objects.create(name="original_images/dscn0010.jpg", host="elsewhere", pid=1)
    # Another server's entry: an orphan's once older than any import takes to commit a file.
    PendingOriginal.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(seconds=settings.ORPHAN_ORIGINAL_GRACE_SECONDS + 1))

    code, lines = run(folder, "--keep-going")
    assert lines[0] == "removed original_images/dscn0010.jpg, left by an import that was interrupted"
    assert Photograph.objects.count() == 4
    stored = sorted(p.name for p in orphan.parent.iterdir())
    assert stored == sorted(p.file.name.split("/")[-1] for p in Photograph.objects.all())


def test_a_file_another_server_is_importing_right_now_is_left_alone(folder, settings):
    # Two servers importing at once: the other's file is stored, its row not committed yet.
    theirs = settings.MEDIA_ROOT / "original_images" / "theirs.jpg"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes((folder / "DSCN0010.jpg").read_bytes())
    PendingOriginal.objects.create(name="original_images/theirs.jpg", host="other-server", pid=1)

    code, lines = run(folder, "--keep-going")
    assert not any(line.startswith("removed ") for line in lines)
    assert theirs.exists() and PendingOriginal.objects.filter(name="original_images/theirs.jpg").exists()


def test_unknown_collection_and_sheet_without_filename_column_are_refused(folder, tmp_path):
    code, lines = run(folder, "--collection", "Nope")
    assert code == 2 and "There is no collection called “Nope”" in lines[-1]
    sheet = write_sheet(tmp_path / "s.csv", ["file", "title"], [["DSCN0010.jpg", "x"]])
    code, lines = run(folder, "--metadata", sheet)
    assert code == 2 and "no “filename” column" in lines[-1]
    assert Photograph.objects.count() == 0


def test_collection_option_puts_photographs_in_that_collection(folder):
    from wagtail.models import Collection

    springfield = Collection.get_first_root_node().add_child(name="Springfield loans")
    run(folder, "--collection", "springfield LOANS", "--keep-going")
    assert set(Photograph.objects.values_list("collection_id", flat=True)) == {springfield.pk}


def test_help_lists_every_sheet_column_with_an_example_sheet(capsys):
    from gallery.ingest import metadata_sheet

    with pytest.raises(SystemExit):
        call_command("import_photos", "--help")
    text = capsys.readouterr().out
    for column in metadata_sheet.COLUMNS:
        assert f"\n  {column} " in text, column
    assert "Example sheet:" in text
    example = [line.strip() for line in text.split("Example sheet:")[1].strip().splitlines()]
    assert example[0].split(",")[0] == "filename" and len(example) == 3


def test_the_readme_lists_every_sheet_column():
    from pathlib import Path

    from gallery.ingest import metadata_sheet

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for column in metadata_sheet.COLUMNS:
        assert f"| `{column}` |" in readme, column


# Transactional: the background task starts on the photograph's commit, as in a real run.
@pytest.mark.django_db(transaction=True)
def test_results_are_not_broken_up_by_task_logs_and_progress_goes_to_stderr(tmp_path, run_tasks, capsys):
    from tests.conftest import jpeg_bytes

    folder = tmp_path / "photos"
    folder.mkdir()
    for number in range(3):
        (folder / f"p{number}.jpg").write_bytes(jpeg_bytes(seed=300 + number))
    (folder / "notes.jpg").write_bytes(b"not a picture")
    code, lines = run(folder)
    assert code == 1
    results = [line.split(" ")[0] for line in lines[:4]]
    assert results == ["rejected", "imported", "imported", "imported"], lines  # one block, nothing between
    assert lines[4] == "Background tasks: public sizes and zoom tiles made for 3 photographs."
    summary = lines[5]
    assert summary.startswith("Summary: 3 imported, 0 skipped, 1 rejected")
    assert "The 3 imported are in the archive; the 1 rejected were not imported." in summary
    progress = capsys.readouterr().err
    assert "[4/4] 100%, done in" in progress and "Made the pyramid" not in progress
