"""
Whole sites driven as a user drives them: a database and a media folder, `manage.py` run in a
subprocess against them, and throwaway databases on the server the test run uses (SQLite files,
or databases on the same PostgreSQL server, dropped at teardown).
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests import database_template

PROJECT = Path(__file__).resolve().parents[1]
ENGINE = "postgresql" if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else "sqlite"

# Run inside `manage.py shell`: what a visitor sees of one photograph, whether every stored original
# still has the bytes its SHA-256 says, and then every row (a visit that had to make renditions the
# backup should have held would show here as new rows).
INSPECT = r"""
import hashlib, io, json, re
from django.core.management import call_command
from django.test import Client
from gallery.models import Photograph
client = Client()
photo = Photograph.objects.public().order_by("title").first()
page = client.get(photo.get_absolute_url())
html = page.content.decode()
renditions = {}
for url in sorted(set(re.findall(r"/media/renditions/\d+/[^\"'\s,]+", html))):
    answer = client.get(url)
    renditions[url] = [answer.status_code, hashlib.sha256(b"".join(answer.streaming_content)).hexdigest()]
originals = {}
for each in Photograph.objects.order_by("sha256"):
    with each.file.open("rb") as handle:
        originals[each.title] = hashlib.sha256(handle.read()).hexdigest() == each.sha256
rows = io.StringIO()
call_command("dumpdata", natural_foreign=True, natural_primary=True, indent=0, exclude=["sessions"], stdout=rows)
print("INSPECT " + json.dumps({
    "visit": {
        "status": page.status_code, "title_shown": photo.title in html, "alt_shown": photo.alt_text in html,
        "renditions": renditions, "originals": originals,
    },
    "rows": sorted(json.dumps(row, sort_keys=True) for row in json.loads(rows.getvalue())),
}))
"""


def site_env(database_url, media_root):
    """This test's database and media only: nothing inherited may point the commands elsewhere."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PG", "DJANGO_", "REDIS_"))}
    env.pop("SQLITE_TEST_NAME", None)
    env.update({
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV": "development",
        # The demo's public sizes are not needed here; one page below makes the renditions it shows.
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
        "PYTHONWARNINGS": "ignore",
    })
    return env


class Site:
    """A database plus a media folder, driven through manage.py."""

    def __init__(self, database_url, media_root):
        self.database_url = database_url
        self.media_root = Path(media_root)

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, str(PROJECT / "manage.py"), *map(str, args)],
            cwd=PROJECT, env=site_env(self.database_url, self.media_root),
            capture_output=True, text=True, timeout=300,
        )
        if check and result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
        return result

    def media(self):
        return {
            path.relative_to(self.media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(self.media_root.rglob("*")) if path.is_file()
        }

    def inspect(self):
        """{"visit": what one public photograph page shows, "rows": dumpdata, parsed and sorted}."""
        output = self.manage("shell", "--no-imports", "-c", INSPECT).stdout
        return json.loads(next(line for line in output.splitlines() if line.startswith("INSPECT "))[8:])


class Databases:
    """Fresh empty databases on the server this run uses; every one is dropped at teardown."""

    def __init__(self, folder):
        self.folder = folder
        self.made = []

    def empty(self, role):
        """A database with no tables at all, as a restore finds on a new server."""
        if ENGINE == "sqlite":
            return f"sqlite:///{self.folder / f'{role}.sqlite3'}"
        import psycopg

        name = f"backup_{role}_{os.getpid()}"
        with psycopg.connect(**self.server(), dbname="postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return database_template._server_url(self.server(), name)

    def migrated(self, role):
        """A migrated database with nothing in it, copied from the suite's template."""
        if ENGINE == "sqlite":
            return f"sqlite:///{database_template.sqlite_copy(self.folder / f'{role}.sqlite3')}"
        name = f"backup_{role}_{os.getpid()}"
        self.made.append(name)
        return database_template.postgres_copy(self.server(), name)

    @staticmethod
    def server():
        return database_template.server_of(settings.DATABASES["default"])

    def drop_all(self):
        if not self.made:
            return
        import psycopg

        with psycopg.connect(**self.server(), dbname="postgres", autocommit=True) as connection:
            for name in self.made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
