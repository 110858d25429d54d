"""
`manage.py backup` then `manage.py restore` into an empty database and an empty media folder gives
back the same site: the same rows, the same media bytes, the same public page. Run as a user runs
them (subprocesses against real databases) on whichever engine this test run uses.
"""

import io
import json
import re
import shutil
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from preservation import backups
from tests.sites import ENGINE, Site

# The slow part (migrate, demo, backup) is made once and shared: keep these tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("backup")


def query(database_url, sql):
    """One value straight from a database, bypassing Django (the site under test is another process)."""
    if ENGINE == "sqlite":
        path = database_url.removeprefix("sqlite:///")
        if not Path(path).exists():
            return None
        with sqlite3.connect(path) as connection:
            return connection.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql).fetchone()[0]


TABLES_SQL = {
    "sqlite": "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
    "postgresql": "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
}


@pytest.fixture(scope="module")
def source(databases, tmp_path_factory):
    """The demo site, one photograph page visited (so renditions exist too), and its backup in `backup`."""
    folder = tmp_path_factory.mktemp("source")
    site = Site(databases.migrated("src"), folder / "media")
    site.manage("load_demo")
    site.seen = site.inspect()
    site.backup = folder / "backup"
    site.backup_output = site.manage("backup", site.backup).stdout
    return site


def test_restore_into_an_empty_database_gives_back_the_same_site(source, databases, tmp_path):
    assert source.seen["visit"]["status"] == 200 and source.seen["visit"]["renditions"], "no renditions to restore"
    assert source.media() and any(name.startswith("renditions/") for name in source.media())
    assert f"{len(source.media())} media files" in source.backup_output
    manifest = json.loads((source.backup / "MANIFEST.json").read_text())
    assert manifest["engine"] == ENGINE and manifest["migrations"]["gallery"] == latest_migration("gallery")

    target = Site(databases.empty("dst"), tmp_path / "media")
    restored = target.manage("restore", source.backup)

    assert "Checksums verified" in restored.stdout and f"{len(source.media())} media files" in restored.stdout
    assert target.media() == source.media()
    seen = target.inspect()
    assert seen["rows"] == source.seen["rows"]
    assert seen["visit"] == source.seen["visit"]
    visit = seen["visit"]
    assert visit["status"] == 200 and visit["title_shown"] and visit["alt_shown"]
    assert all(status == 200 for status, _ in visit["renditions"].values())
    assert len(visit["originals"]) == 14 and all(visit["originals"].values())


def test_a_tampered_backup_is_refused_and_nothing_is_restored(source, databases, tmp_path):
    tampered = tmp_path / "tampered"
    shutil.copytree(source.backup, tampered)
    media_tar = tampered / "media.tar"
    data = bytearray(media_tar.read_bytes())
    data[len(data) // 2] ^= 0xFF
    media_tar.write_bytes(bytes(data))
    target = Site(databases.empty("tampered"), tmp_path / "media")

    refused = target.manage("restore", tampered, check=False)

    assert refused.returncode != 0
    assert "media.tar: SHA-256 does not match the manifest" in refused.stderr
    assert "nothing was changed" in refused.stderr
    assert not query(target.database_url, TABLES_SQL[ENGINE])
    assert not target.media_root.exists()


def test_restore_into_a_database_with_content_is_refused_without_force(source):
    photographs = query(source.database_url, "SELECT COUNT(*) FROM gallery_photograph")

    refused = source.manage("restore", source.backup, check=False)

    assert refused.returncode != 0
    assert "not empty" in refused.stderr and f"{photographs} photographs" in refused.stderr
    assert "--force" in refused.stderr
    assert query(source.database_url, "SELECT COUNT(*) FROM gallery_photograph") == photographs == 14


# ---- in this process: what "empty" means, and tar members that must never be written ----


@pytest.mark.django_db
def test_a_freshly_migrated_database_counts_as_empty_and_one_photograph_does_not(make_photo):
    assert backups.database_content() == []
    make_photo()
    assert backups.database_content() == ["1 photographs"]


def backup_with_media_members(folder, members):
    """A backup folder whose manifest is honest about a hostile media.tar."""
    folder.mkdir()
    database_file = backups.DATABASE_FILES[ENGINE]
    (folder / database_file).write_bytes(b"not restored: the tar is refused first")
    with tarfile.open(folder / backups.MEDIA_TAR, "w") as tar:
        for member in members:
            tar.addfile(member, io.BytesIO(b"x" * member.size) if member.isfile() else None)
    backups.write_manifest(folder, ENGINE, {}, [database_file, backups.MEDIA_TAR], backups.MediaSummary(len(members)))
    return folder


def member(name, kind=tarfile.REGTYPE, **fields):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.size = 1 if kind == tarfile.REGTYPE else 0
    for key, value in fields.items():
        setattr(info, key, value)
    return info


@pytest.mark.parametrize(
    "hostile, reason",
    [
        (member("../outside.jpg"), "'..' in its path"),
        (member("original_images/../../outside.jpg"), "'..' in its path"),
        (member("/tmp/outside.jpg"), "an absolute path"),
        (member("original_images/link", tarfile.SYMTYPE, linkname="/etc/passwd"), "not a plain file or folder"),
        (member("original_images/hard", tarfile.LNKTYPE, linkname="../outside.jpg"), "not a plain file or folder"),
    ],
)
@pytest.mark.django_db  # restore reads the site's applied migrations before it opens the tar
def test_a_media_tar_that_would_write_outside_media_root_is_refused(tmp_path, settings, hostile, reason):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = backup_with_media_members(tmp_path / "backup", [member("original_images/fine.jpg"), hostile])

    with pytest.raises(CommandError, match=re.escape(reason)):
        call_command("restore", folder)

    assert not (tmp_path / "media").exists() and not (tmp_path / "outside.jpg").exists()


def latest_migration(app_label):
    from django.db.migrations.loader import MigrationLoader

    return max(name for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations if app == app_label)
