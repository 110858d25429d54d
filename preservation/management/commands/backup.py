"""`manage.py backup DEST_DIR`: the database, the media files (disk or S3) and a manifest with checksums."""

import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from preservation import backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or SQLite's backup API) and every media file (originals and renditions, "
        "from MEDIA_ROOT or the S3 bucket) "
        "into a new folder, with a MANIFEST.json of SHA-256 checksums. Restore with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest_dir", help="a new or empty folder to write the backup into")

    def handle(self, *args, dest_dir, **options):
        dest = Path(dest_dir)
        if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise CommandError(f"{dest} exists and is not an empty folder: give each backup a new folder, "
                               f"e.g. backups/$(date +%Y-%m-%d).")
        created_dir = not dest.exists()
        dest.mkdir(parents=True, exist_ok=True)
        written = []
        started = time.monotonic()
        try:
            engine = backups.database_engine()
            database_file = backups.DATABASE_FILES[engine]
            migrations = backups.applied_migrations()
            self.stdout.write(f"Database ({engine}) -> {dest / database_file}")
            written.append(dest / database_file)
            backups.DUMP[engine](dest / database_file)

            files, skipped = backups.media_files(default_storage)
            written.append(dest / backups.MEDIA_TAR)
            with tqdm(total=len(files), desc="Media files", unit="file", disable=None) as bar:
                media = backups.write_media_tar(default_storage, files, dest / backups.MEDIA_TAR,
                                                progress=lambda name: bar.update(1))
            for name in skipped:
                self.stderr.write(self.style.WARNING(f"Skipped {name}: not a regular file (links are not followed)."))

            written.append(dest / backups.MANIFEST)
            manifest = backups.write_manifest(dest, engine, migrations, [database_file, backups.MEDIA_TAR], media)
        except (backups.BackupError, DatabaseError, OSError) as error:
            self.remove_partial(dest, written, created_dir)
            raise CommandError(f"Backup failed, nothing was kept: {error}") from error
        except BaseException:
            self.remove_partial(dest, written, created_dir)
            raise

        database_bytes = manifest["files"][database_file]["bytes"]
        self.stdout.write(self.style.SUCCESS(
            f"Backup written to {dest}: {engine} database ({megabytes(database_bytes)}), "
            f"{media.files} media files ({megabytes(media.bytes)}), manifest with SHA-256 checksums; "
            f"{time.monotonic() - started:.1f} s."
        ))

    @staticmethod
    def remove_partial(dest, written, created_dir):
        for path in written:
            path.unlink(missing_ok=True)
        if created_dir and not any(dest.iterdir()):
            dest.rmdir()


def megabytes(count):
    return f"{count / 1_000_000:.1f} MB"
