"""
Backing up and restoring the site: the database, the media folder (originals and renditions) and a
manifest that says what the backup holds and lets a restore check every byte before touching anything.

A backup is a folder:

    MANIFEST.json      format version, when, database engine, latest migration per app, SHA-256 of each file
    database.dump      PostgreSQL: `pg_dump --format=custom --no-owner`
    database.sqlite3   SQLite: a consistent copy made with SQLite's online backup API
    media.tar          every object in media storage (MEDIA_ROOT or the S3 bucket), by its storage name

The manifest is written last: a backup interrupted midway has none, and restore refuses it.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files import File
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from gallery import checksums, stored_files

FORMAT = "faces-and-places-backup"
FORMAT_VERSION = 1
MANIFEST = "MANIFEST.json"
MEDIA_TAR = "media.tar"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}

# What "an empty database" means for restore (also in the README): no tables at all, or only what
# `migrate` makes: no users, photographs, artists or communities, and no pages besides Wagtail's root
# and the home page the migrations create.
CONTENT_TABLES = {
    "auth_user": "users",
    "gallery_photograph": "photographs",
    "gallery_artist": "artists",
    "gallery_community": "communities",
}
PAGE_TABLE = "wagtailcore_page"
PAGES_MIGRATE_CREATES = 2


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class MediaSummary:
    files: int = 0
    bytes: int = 0


def database_engine(alias="default"):
    """'postgresql' or 'sqlite' for the configured database; anything else cannot be backed up here."""
    engine = settings.DATABASES[alias]["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def sha256_of(path):
    with open(path, "rb") as handle:
        return checksums.sha256_hex(handle)


def applied_migrations(alias="default"):
    """{app: latest applied migration name}; names sort in order because they are numbered."""
    latest = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


# ---- PostgreSQL: pg_dump / pg_restore with the connection settings Django uses ----


def _pg_program(name):
    program = shutil.which(name)
    if not program:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools "
            f"(Debian: apt-get install postgresql-client) of the server's major version or newer."
        )
    return program


def _pg_env(alias="default"):
    """libpq reads these, as psycopg does: the password never appears on a command line."""
    db = settings.DATABASES[alias]
    env = os.environ.copy()
    for variable, value in {
        "PGDATABASE": db.get("NAME"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGHOST": db.get("HOST"),
        "PGPORT": str(db.get("PORT") or ""),
    }.items():
        if value:
            env[variable] = value
    options = db.get("OPTIONS", {})
    for option, variable in {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "service": "PGSERVICE"}.items():
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _run(command, env, what):
    result = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} failed (exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}")


def dump_postgresql(target, alias="default"):
    connections[alias].close()
    _run([_pg_program("pg_dump"), "--format=custom", "--no-owner", f"--file={target}"], _pg_env(alias), "pg_dump")


def restore_postgresql(source, alias="default"):
    # One transaction: a restore that fails half-way leaves the database as it was.
    # --no-privileges: GRANTs name roles that a new machine may not have.
    connections[alias].close()
    _run(
        [
            _pg_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", f"--dbname={settings.DATABASES[alias]['NAME']}", str(source),
        ],
        _pg_env(alias),
        "pg_restore",
    )


# ---- SQLite: the online backup API, never a copy of a live file (it may be mid-write or in WAL) ----


def _sqlite_copy(source_path, target_path):
    source = sqlite3.connect(f"{Path(source_path).resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
        if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"The SQLite copy at {target_path} failed its integrity check.")
    finally:
        target.close()
        source.close()


def dump_sqlite(target, alias="default"):
    connections[alias].close()
    source = Path(settings.DATABASES[alias]["NAME"])
    if not source.is_file():
        raise BackupError(f"The SQLite database {source} does not exist.")
    _sqlite_copy(source, target)


def restore_sqlite(source, alias="default"):
    connections[alias].close()
    target = Path(settings.DATABASES[alias]["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    # The backup API replaces every page of the target, so nothing of its old content survives.
    _sqlite_copy(source, target)


DUMP = {"postgresql": dump_postgresql, "sqlite": dump_sqlite}
RESTORE = {"postgresql": restore_postgresql, "sqlite": restore_sqlite}


# ---- what is already in the configured database ----


def database_content(alias="default"):
    """
    What the configured database holds beyond an empty one, as readable phrases ([] = empty).
    Raw counts, not models: the database may be at another migration than this code.
    """
    connection = connections[alias]
    tables = set(connection.introspection.table_names())
    if not tables:
        return []
    if MigrationRecorder.Migration._meta.db_table not in tables:
        return [f"{len(tables)} tables that `migrate` did not make"]
    found = []
    with connection.cursor() as cursor:
        for table, label in CONTENT_TABLES.items():
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                count = cursor.fetchone()[0]
                if count:
                    found.append(f"{count} {label}")
        if PAGE_TABLE in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(PAGE_TABLE)}")
            pages = cursor.fetchone()[0]
            if pages > PAGES_MIGRATE_CREATES:
                found.append(f"{pages - PAGES_MIGRATE_CREATES} pages besides the root and home page")
    return found


def media_content(storage):
    """Names of the files already in media storage (a fresh checkout's .gitkeep does not count)."""
    names, skipped = media_files(storage)
    return {name for name in [*names, *skipped] if PurePosixPath(name).name != ".gitkeep"}


def _walk(storage, folder=""):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder not made yet holds nothing
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for name in sorted(folders):
        yield from _walk(storage, f"{folder}{name}/")


def _is_link(storage, name):
    """On local disk a symlink (the file or a folder above it) is skipped, not followed: it may point
    anywhere. Object storage has no links."""
    try:
        path, root = Path(storage.path(name)), Path(storage.path(""))
    except NotImplementedError:
        return False
    return not path.is_file() or any(
        link.is_symlink() for link in [path, *path.parents] if link != root and link.is_relative_to(root)
    )


def media_files(storage):
    """Every object in media storage (listed through the storage API, so the same for disk and S3) in a
    stable order, and on disk the links that were skipped rather than followed."""
    files, skipped = [], []
    for name in _walk(storage):
        (skipped if _is_link(storage, name) else files).append(name)
    return files, skipped


def write_media_tar(storage, names, target, progress=None):
    """Tar the named objects (from media_files), read through the storage API; progress(name) after each."""
    summary = MediaSummary()
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in names:
            handle, size, modified = stored_files.open_with_stat(storage, name)
            with handle:
                info = tarfile.TarInfo(name)
                info.size, info.mtime, info.mode = size, int(modified.timestamp()), 0o644
                tar.addfile(info, handle)
            summary.files += 1
            summary.bytes += size
            if progress:
                progress(name)
    return summary


def unsafe_member(member):
    """Why a tar member must not be extracted, or None. Only plain files and folders, inside the media root."""
    name = PurePosixPath(member.name)
    if name.is_absolute() or member.name.startswith(("/", "\\")) or ":" in name.parts[0]:
        return "an absolute path"
    if ".." in name.parts:
        return "'..' in its path"
    if not (member.isfile() or member.isdir()):
        return "not a plain file or folder (links and devices are refused)"
    return None


def check_media_tar(source):
    """Every member of the tar, after refusing the whole archive if any one is unsafe."""
    with tarfile.open(source, "r") as tar:
        members = tar.getmembers()
    for member in members:
        reason = unsafe_member(member)
        if reason:
            raise BackupError(f"{MEDIA_TAR} holds {member.name!r}, which has {reason}; nothing was restored.")
    return members


def extract_media_tar(source, storage, progress=None):
    """Write every file of the tar into media storage under its own name, replacing what is there.
    Folders need no writing: storage makes them (disk) or has none (S3)."""
    summary = MediaSummary()
    with tarfile.open(source, "r") as tar:
        for member in tar:
            if unsafe_member(member):  # checked before; checked again so this function is safe alone
                raise BackupError(f"Refusing unsafe member {member.name!r} in {MEDIA_TAR}.")
            if not member.isfile():
                continue
            name = PurePosixPath(member.name).as_posix()
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(tar.extractfile(member), name=name))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}: another process is writing to media storage.")
            summary.files += 1
            summary.bytes += member.size
            if progress:
                progress(member)
    return summary


# ---- manifest ----


def write_manifest(directory, engine, migrations, files, media):
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "engine": engine,
        "migrations": migrations,
        "media": {"files": media.files, "bytes": media.bytes},
        "files": {name: {"sha256": sha256_of(Path(directory, name)), "bytes": Path(directory, name).stat().st_size}
                  for name in files},
    }
    Path(directory, MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(directory):
    path = Path(directory, MANIFEST)
    if not path.is_file():
        raise BackupError(f"{path} is missing: this is not a complete backup (it is written last).")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} is not valid JSON: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a manifest of this site's backups.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has format version {manifest.get('format_version')}; "
            f"this code reads version {FORMAT_VERSION}."
        )
    return manifest


def verify_files(directory, manifest):
    """Every file the manifest lists exists and has its SHA-256; a list of problems ([] = all good)."""
    problems = []
    for name, facts in manifest.get("files", {}).items():
        path = Path(directory, name)
        if PurePosixPath(name).name != name:
            problems.append(f"{name}: not a plain file name")
        elif not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256_of(path) != facts.get("sha256"):
            problems.append(f"{name}: SHA-256 does not match the manifest (the file is damaged or was changed)")
    engine = manifest.get("engine")
    for required in (DATABASE_FILES.get(engine), MEDIA_TAR):
        if required and required not in manifest.get("files", {}):
            problems.append(f"{required}: not listed in the manifest")
    return problems


def migrations_unknown_here(migrations):
    """Migrations the backup's database has that this code does not: restoring would need newer code."""
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    installed = {app for app, _ in known}
    return [f"{app}.{name}" for app, name in migrations.items() if app in installed and (app, name) not in known]


def migrations_behind(migrations):
    """Apps whose latest migration in this code is newer than the backup's: run `migrate` after restoring."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaves = {app: name for app, name in loader.graph.leaf_nodes()}
    return sorted(app for app, name in leaves.items() if migrations.get(app) != name)
