"""An import killed part-way (SIGKILL, no chance to clean up) and run again: no duplicates, no orphan files."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import database_template
from tests.conftest import jpeg_bytes, shared_path

ROOT = Path(__file__).resolve().parents[2]
FILES = 40


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, **kwargs)


def migrated_sqlite_file(path, env):
    """A migrated SQLite database file for the subprocess: a copy of the suite's template (on either
    engine: the interrupted import runs embedded, on SQLite)."""
    database_template.sqlite_copy(path)


@pytest.mark.django_db
def test_killed_import_then_rerun_leaves_no_duplicates_and_no_orphans(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    for number in range(FILES):
        (folder / f"generated-{number:02d}.jpg").write_bytes(jpeg_bytes(size=(1600, 1200), seed=number * 37 + 1))
    for path in sorted(shared_path("corpus", "exif", "jpg", "orientation").glob("*.jpg")):
        shutil.copy(path, folder / path.name)
    expected = len(list(folder.iterdir()))

    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "PYTHONUNBUFFERED": "1",
    }
    migrated_sqlite_file(tmp_path / "archive.sqlite3", env)

    process = subprocess.Popen([sys.executable, "manage.py", "import_photos", str(folder)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seen = []
    for line in process.stdout:
        seen.append(line)
        if len(seen) == 8:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert all(line.startswith("imported ") for line in seen)

    finish = manage(env, "import_photos", str(folder))
    assert finish.returncode == 0, finish.stdout + finish.stderr
    lines = finish.stdout.splitlines()
    skipped = [line for line in lines if line.startswith("skipped ")]
    imported = [line for line in lines if line.startswith("imported ")]
    assert len(skipped) >= 8 and len(skipped) + len(imported) == expected
    assert f"{len(imported)} imported, {len(skipped)} skipped, 0 rejected" in lines[-1]

    with sqlite3.connect(tmp_path / "archive.sqlite3") as db:
        rows = db.execute("select file, sha256 from gallery_photograph").fetchall()
        pending = db.execute("select count(*) from gallery_pendingoriginal").fetchone()[0]
    assert len(rows) == expected and len({sha for _, sha in rows}) == expected
    assert pending == 0
    stored = {f"original_images/{path.name}" for path in (tmp_path / "media" / "original_images").iterdir()}
    assert stored == {name for name, _ in rows}  # every stored original belongs to a row, and every row has one

    again = manage(env, "import_photos", str(folder))
    assert f"0 imported, {expected} skipped, 0 rejected" in again.stdout.splitlines()[-1]
