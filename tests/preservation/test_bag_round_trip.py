"""
Must show: load the demo, export its exhibition as a bag, import the bag into an EMPTY database, and
compare every field, tag and file hash.

The two installations are separate processes with separate databases and media folders: SQLite files
when the suite runs on SQLite, throwaway databases on the same server when it runs on PostgreSQL.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings

from tests import database_template

ROOT = Path(__file__).resolve().parents[2]
SLUG = "missouri-immigrant-experience-2014"


def manage(env, *args):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def snapshot(env):
    result = subprocess.run([sys.executable, "-m", "tests.preservation.archive_snapshot"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def two_databases(tmp_path):
    """(source env, target env): each migrated and empty, with its own media folder."""
    base = {**os.environ, "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend", "DJANGO_ENV": "development"}
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        yield from _postgres(base, url, tmp_path)
        return
    source = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "source-media")}
    target = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'target.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "target-media")}
    database_template.sqlite_copy(tmp_path / "source.sqlite3")
    database_template.sqlite_copy(tmp_path / "target.sqlite3")
    yield source, target


def _postgres(base, url, tmp_path):
    import psycopg

    parsed = urlparse(url)
    prefix = parsed.path.lstrip("/") or "bagtrip"
    names = [f"{prefix}_src_{os.getpid()}", f"{prefix}_dst_{os.getpid()}"]
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    server = database_template.server_of(settings.DATABASES["default"])
    envs = [{**base, "DATABASE_URL": database_template.postgres_copy(server, name),
             "MEDIA_ROOT": str(tmp_path / f"{name}-media")} for name in names]
    try:
        yield envs[0], envs[1]
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_demo_exhibition_round_trips_through_a_bag_into_an_empty_database(two_databases, tmp_path):
    source, target = two_databases
    manage(source, "load_demo")
    exported = manage(source, "export_bag", SLUG, str(tmp_path / "bag"))
    assert "14 photographs" in exported and "2 showings, 4 events" in exported

    empty = snapshot(target)
    assert all(not empty[kind] for kind in empty), "the target database must start empty"

    imported = manage(target, "import_bag", str(tmp_path / "bag"))
    assert "14 photographs restored, 0 already in the archive" in imported

    before, after = snapshot(source), snapshot(target)
    assert len(before["photographs"]) == 14 and len(before["events"]) == 4
    for kind in before:
        if kind == "photographs":
            assert sorted(after[kind]) == sorted(before[kind])
            for sha, fields in before[kind].items():
                assert after[kind][sha] == fields, f"photograph {fields['title']!r} differs"
                assert fields["file bytes sha256"] == sha
        else:
            assert after[kind] == before[kind], kind
    # Tags, communities and GPS are among the fields compared; make sure they were there to compare.
    assert any(fields["tags"] and fields["communities"] and fields["gps_latitude"] for fields in after["photographs"].values())
    assert any(fields["translations"].get("es", {}).get("alt_text") for fields in after["photographs"].values())
    assert after["exhibitions"][SLUG]["live"] is True
