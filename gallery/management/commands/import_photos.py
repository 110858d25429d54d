"""
manage.py import_photos FOLDER [--metadata SHEET.csv] [--collection NAME] [--dry-run] [--keep-going] [--update]

One line per file (`imported|skipped|rejected <relative path> <photo id or -> <reason or public URL>`),
a progress bar on a terminal, a summary, and the rejected rows in a CSV report next to the sheet.

Other apps extend it through the `import_photos_extension` hook: a class whose instances add their own
arguments (`add_arguments(parser)`), check them before anything is imported (`start(options)`), see
every file's outcome (`outcome(outcome)`) and end with a line for the summary or None (`finish(dry_run)`),
which runs even when some files were rejected.
"""

import sys
import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail import hooks
from wagtail.models import Collection

from gallery import base_url, db_stats
from gallery.ingest import metadata_sheet
from gallery.ingest.folder_import import IMPORTED, REJECTED, SKIPPED, FolderImport


class Command(BaseCommand):
    help = "Import a folder of photographs (recursively), with an optional CSV sheet of metadata."

    def add_arguments(self, parser):
        self.extensions = [extension() for extension in hooks.get_hooks("import_photos_extension")]
        for extension in self.extensions:
            extension.add_arguments(parser)
        parser.add_argument("folder", help="folder of originals; walked recursively")
        parser.add_argument("--metadata", metavar="SHEET.csv", help="CSV with a header row; rows match files by relative path")
        parser.add_argument("--collection", metavar="NAME", help="an existing Wagtail collection to put the photographs in")
        parser.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
        parser.add_argument("--keep-going", action="store_true", help="exit 0 even if some files were rejected")
        parser.add_argument("--update", action="store_true",
                            help="for files already in the archive, update their metadata from the sheet")
        parser.add_argument("--ignore-unknown-columns", action="store_true",
                            help="import even if the sheet has columns the import does not know (they are ignored)")

    def handle(self, *args, folder, metadata, collection, dry_run, keep_going, update, ignore_unknown_columns, **options):
        started = time.monotonic()
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.", returncode=2)
        for extension in self.extensions:
            extension.start(options)
        sheet = self.read_sheet(metadata, ignore_unknown_columns)
        importer = FolderImport(
            folder, sheet=sheet, sheet_path=metadata, collection=self.find_collection(collection),
            dry_run=dry_run, update=update, base_url=base_url.base_url(),
        )
        if not dry_run:
            for name in importer.remove_orphans(default_storage):
                self.stdout.write(f"removed {name}, left by an import that was interrupted")

        files = importer.files()
        counts = {IMPORTED: 0, SKIPPED: 0, REJECTED: 0}
        rejected = []
        missing = importer.missing_rows(files)
        show_bar = sys.stderr.isatty() and options.get("verbosity", 1) > 0
        with tqdm(total=len(files), unit="file", disable=not show_bar, file=sys.stderr, dynamic_ncols=True) as bar:
            for relative in files:
                outcome = importer.import_file(relative)
                self.report(outcome, bar, counts, rejected)
                bar.update(1)
        for outcome in missing:
            self.report(outcome, None, counts, rejected)

        if counts[IMPORTED] and not dry_run:
            db_stats.refresh_planner_statistics()
        report = importer.write_report(rejected) if rejected and not dry_run else None
        self.summary(counts, importer, sheet, report, dry_run, time.monotonic() - started)
        for extension in self.extensions:
            line = extension.finish(dry_run)
            if line:
                self.stdout.write(line)
        if rejected and not keep_going:
            raise CommandError(
                f"{len(rejected)} rejected; fix them and run again (files already imported are skipped), "
                "or pass --keep-going to accept the rest as they are.",
                returncode=1,
            )

    def read_sheet(self, path, ignore_unknown_columns):
        if not path:
            return None
        try:
            sheet = metadata_sheet.read(path)
        except metadata_sheet.SheetError as error:
            raise CommandError(str(error), returncode=2) from None
        if sheet.unknown_columns:
            named = ", ".join(f"“{column}”{metadata_sheet.suggestion(column)}" for column in sheet.unknown_columns)
            if not ignore_unknown_columns:
                # A misspelt column would silently lose a whole column of metadata: stop before anything is stored.
                raise CommandError(
                    f"The sheet has columns the import does not know: {named}. Nothing was imported. "
                    f"Rename them to one of: {', '.join(metadata_sheet.COLUMNS)}; "
                    "or pass --ignore-unknown-columns to import without them.",
                    returncode=2,
                )
            self.stdout.write(f"warning: ignoring columns the import does not know: {named}")
        return sheet

    def find_collection(self, name):
        if not name:
            return None
        collection = Collection.objects.filter(name__iexact=name).first()
        if collection is None:
            known = ", ".join(Collection.objects.exclude(depth=1).values_list("name", flat=True)) or "none yet"
            raise CommandError(
                f"There is no collection called “{name}” (collections: {known}). Create it in the admin first.",
                returncode=2,
            )
        return collection

    def report(self, outcome, bar, counts, rejected):
        counts[outcome.status] += 1
        for extension in self.extensions:
            extension.outcome(outcome)
        if outcome.status == REJECTED:
            rejected.append(outcome)
        if bar is not None and not bar.disable:
            with bar.external_write_mode():
                self.stdout.write(outcome.line())
        else:
            self.stdout.write(outcome.line())

    def summary(self, counts, importer, sheet, report, dry_run, seconds):
        verb = "would be imported" if dry_run else "imported"
        parts = [f"{counts[IMPORTED]} {verb}", f"{counts[SKIPPED]} skipped", f"{counts[REJECTED]} rejected"]
        line = f"Summary: {', '.join(parts)} in {seconds:.1f} s."
        if dry_run:
            line += " Dry run: nothing was written."
        if sheet and sheet.unknown_columns:
            line += f" Ignored columns: {', '.join(sheet.unknown_columns)}."
        if report:
            line += f" Rejected rows: {report}"
        self.stdout.write(line)
