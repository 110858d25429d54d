"""`manage.py restore SRC_DIR`: check a backup's checksums, then restore its database and media."""

import time
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from preservation import backups
from preservation.management.commands.backup import megabytes


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into the configured database and media storage "
        "(MEDIA_ROOT, or the S3 bucket with MEDIA_STORAGE=s3). "
        "Every checksum is verified first. Refuses a database or media storage that already has content "
        "(see the README's Backups section) unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("src_dir", help="a folder written by `manage.py backup`")
        parser.add_argument(
            "--force", action="store_true",
            help="replace the content of a database that is not empty, and write over media files of the same name",
        )

    def handle(self, *args, src_dir, force, **options):
        started = time.monotonic()
        try:
            self.restore(Path(src_dir), force, started)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(f"The configured database could not be read: {error}".strip()) from error

    def restore(self, src, force, started):
        manifest = backups.read_manifest(src)
        problems = backups.verify_files(src, manifest)
        if problems:
            raise CommandError(
                f"Refusing to restore {src}: it does not match its manifest, nothing was changed.\n  "
                + "\n  ".join(problems)
            )
        self.stdout.write(
            f"Checksums verified: {len(manifest['files'])} files of the backup made {manifest['created_at']}."
        )

        engine = backups.database_engine()
        if manifest["engine"] != engine:
            raise CommandError(
                f"Refusing to restore: this backup holds a {manifest['engine']} database, but the site is configured "
                f"for {engine} (DATABASE_URL). Restore it into a {manifest['engine']} database."
            )
        unknown = backups.migrations_unknown_here(manifest["migrations"])
        if unknown:
            raise CommandError(
                "Refusing to restore: the backup was made by a newer version of the site, with migrations this "
                f"code does not have ({', '.join(unknown)}). Install that version first."
            )
        members = backups.check_media_tar(src / backups.MEDIA_TAR)

        content = backups.database_content()
        existing_media = backups.media_content(default_storage)
        if existing_media:
            content.append(f"{len(existing_media)} media files ({media_place()})")
        if content and not force:
            raise CommandError(
                f"Refusing to restore into a site that is not empty: it already has {', '.join(content)}. "
                "Restore into an empty database (no tables, or only what `migrate` creates) and an empty "
                "media storage, or add --force to replace what is there."
            )

        database_file = backups.DATABASE_FILES[engine]
        self.stdout.write(f"Database ({engine}) <- {src / database_file}")
        backups.RESTORE[engine](src / database_file)

        media_total = sum(1 for member in members if member.isfile())
        with tqdm(total=media_total, desc="Media files", unit="file", disable=None) as bar:
            media = backups.extract_media_tar(src / backups.MEDIA_TAR, default_storage,
                                              progress=lambda member: bar.update(1))
        if media.files != manifest["media"]["files"]:
            raise CommandError(
                f"{backups.MEDIA_TAR} held {media.files} files; the manifest says {manifest['media']['files']}."
            )

        self.stdout.write(self.style.SUCCESS(
            f"Restored the backup of {manifest['created_at']}: {engine} database "
            f"{settings.DATABASES['default']['NAME']}, {media.files} media files ({megabytes(media.bytes)}) "
            f"into {media_place()}; {time.monotonic() - started:.1f} s."
        ))
        left_over = existing_media - {member.name for member in members}
        if left_over:
            self.stdout.write(f"Left in place: {len(left_over)} media files ({media_place()}) that are not in the backup.")
        behind = backups.migrations_behind(manifest["migrations"])
        if behind:
            self.stdout.write(self.style.WARNING(
                f"This code has newer migrations than the backup for: {', '.join(behind)}. Run `manage.py migrate`."
            ))


def media_place():
    """Where media is kept, as the restore's messages name it: a folder on disk, or a bucket."""
    try:
        return f"media folder {default_storage.path('')}"
    except NotImplementedError:
        bucket, prefix = getattr(default_storage, "bucket_name", "?"), getattr(default_storage, "location", "")
        return f"bucket {bucket}" + (f", prefix {prefix}/" if prefix else "")
