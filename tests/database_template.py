"""
One migrated database for the whole run, copied wherever the suite needs a migrated database: each
test process's own test database (xdist workers and the transactional files run alone), and the
sites the subprocess tests drive through manage.py (backup and restore, the bag round trip).
Migrating from nothing costs about 17 s of CPU on the project's machines; a copy well under one.

The template is made once per set of migrations and installed packages (its name carries their
fingerprint), under a lock, so parallel processes wait for one another instead of all migrating:
on SQLite a file in `.test-db/`, on PostgreSQL a database `tmpl_<fingerprint>` on the same server.
"""

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / ".test-db"
LOCK_ID = 7_215_514  # the advisory lock PostgreSQL processes take while a template is made or copied


def fingerprint():
    """Changes whenever what `migrate` builds could: the project's migrations or the pinned packages."""
    digest = hashlib.sha256((ROOT / "requirements.lock").read_bytes())
    for path in sorted(ROOT.glob("*/migrations/*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrate(database_url):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_"))}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="config.settings", DJANGO_ENV="development",
               TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend", PYTHONWARNINGS="ignore")
    result = subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v", "0"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"migrating the test template failed:\n{result.stderr}")


# ---- SQLite: a file ----


@contextmanager
def _file_lock():
    FOLDER.mkdir(exist_ok=True)
    with open(FOLDER / "template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def sqlite_template():
    """The path of the migrated template file, made if this fingerprint has none yet."""
    path = FOLDER / f"template-{fingerprint()}.sqlite3"
    with _file_lock():
        if not path.exists():
            for old in FOLDER.glob("template-*.sqlite3*"):
                old.unlink()
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            migrate(f"sqlite:///{building}")
            _copy_sqlite(building, path)
            building.unlink()
    return path


def _copy_sqlite(source, target):
    # SQLite's own backup copies a consistent database whatever its journal mode (WAL included).
    Path(target).unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def sqlite_copy(target):
    """A migrated, empty SQLite database at `target`."""
    _copy_sqlite(sqlite_template(), target)
    return target


# ---- PostgreSQL: a template database ----


def _server_url(server, dbname):
    password = f":{quote(server['password'], safe='')}" if server.get("password") else ""
    return f"postgres://{quote(server['user'], safe='')}{password}@{server['host']}:{server['port']}/{dbname}"


@contextmanager
def _admin(server):
    import psycopg

    with psycopg.connect(_server_url(server, "postgres"), autocommit=True) as connection:
        connection.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
        try:
            yield connection
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", [LOCK_ID])


def postgres_copy(server, name):
    """Database `name` on `server` (user, host, port[, password]), migrated and empty, made from the
    template (which is made first if this fingerprint has none); an older `name` is dropped."""
    template = f"tmpl_{fingerprint()}"
    with _admin(server) as admin:
        # Templates of other fingerprints stay: other checkouts (branches, worktrees) may share the server.
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone():
            building = f"{template}_building"
            admin.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{building}"')
            migrate(_server_url(server, building))
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return _server_url(server, name)


def server_of(database_settings):
    server = {"user": database_settings.get("USER") or "postgres", "host": database_settings.get("HOST") or "127.0.0.1",
              "port": database_settings.get("PORT") or 5432}
    if database_settings.get("PASSWORD"):
        server["password"] = database_settings["PASSWORD"]
    return server


def prepare_test_database(database_settings, suffix):
    """Point Django's test database at a copy of the template, so `setup_databases(keepdb=True)`
    only checks that nothing is left to migrate."""
    test = database_settings.setdefault("TEST", {})
    if database_settings["ENGINE"].endswith("sqlite3"):
        FOLDER.mkdir(exist_ok=True)
        test["NAME"] = str(sqlite_copy(FOLDER / f"test-{suffix or 'main'}-{os.getpid()}.sqlite3"))
        return test["NAME"]
    name = test.get("NAME") or f"test_{database_settings['NAME']}" + (f"_{suffix}" if suffix else "")
    test["NAME"] = name
    postgres_copy(server_of(database_settings), name)
    return name


def remove_test_database(database_settings):
    name = database_settings.get("TEST", {}).get("NAME", "")
    if database_settings["ENGINE"].endswith("sqlite3"):
        for path in Path(name).parent.glob(Path(name).name + "*"):
            path.unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(_server_url(server_of(database_settings), "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

