"""
manage.py import_photos FOLDER [--metadata SHEET.csv] [--collection NAME] [--dry-run] [--keep-going] [--update]
                            [--create-communities]

One line per file (`imported|skipped|rejected <relative path> <photo id or -> <reason or public URL>`;
`would import` in a dry run), a progress bar with count and ETA on stderr, the background tasks' log
held until the files are done, a summary, and the rejected rows in a CSV report next to the sheet.

Other apps extend it through the `import_photos_extension` hook: a class whose instances add their own
arguments (`add_arguments(parser)`), check them before anything is imported (`start(options)`), see
every file's outcome (`outcome(outcome)`) and end with a line for the summary or None (`finish(dry_run)`),
which runs even when some files were rejected.
"""

import argparse
import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from wagtail import hooks
from wagtail.models import Collection

from gallery import base_url, db_stats
from gallery.ingest import folder_import, metadata_sheet
from gallery.ingest.folder_import import IMPORTED, REJECTED, SKIPPED, FolderImport
from gallery.ingest.progress import Progress, held_task_logs
from gallery.models import Community


class Command(BaseCommand):
    help = "Import a folder of photographs (recursively), with an optional CSV sheet of metadata."

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the column table as written
        parser.epilog = metadata_sheet.columns_help()
        return parser

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
        parser.add_argument("--create-communities", action="store_true",
                            help="create the sheet's communities the archive does not have yet (listed as created); "
                                 "without it an unknown community stops the import before anything is stored")
        parser.add_argument("--ignore-unknown-columns", action="store_true",
                            help="import even if the sheet has columns the import does not know (they are ignored)")

    def handle(self, *args, folder, metadata, collection, dry_run, keep_going, update, ignore_unknown_columns,
               create_communities=False, **options):
        started = time.monotonic()
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.", returncode=2)
        for extension in self.extensions:
            extension.start(options)
        sheet = self.read_sheet(metadata, ignore_unknown_columns)
        self.check_communities(sheet, create_communities, dry_run)
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
        progress = Progress(len(files), enabled=options.get("verbosity", 1) > 0)
        with held_task_logs() as task_logs:
            try:
                for relative in files:
                    outcome = importer.import_file(relative)
                    self.report(outcome, progress, counts, rejected)
                    progress.step()
            finally:
                progress.close()
        for outcome in missing:
            self.report(outcome, None, counts, rejected)
        self.report_tasks(task_logs)

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

    def check_communities(self, sheet, create, dry_run):
        """Communities are a curated list: a name the archive lacks is a typo until someone says otherwise."""
        unknown = folder_import.unknown_communities(sheet)
        if not unknown:
            return
        named = ", ".join(f"“{name}”" for name in unknown)
        if not create:
            known = ", ".join(Community.objects.order_by("name").values_list("name", flat=True)) or "none yet"
            raise CommandError(
                f"The sheet names communities the archive does not have: {named}. Nothing was imported. "
                f"Correct the sheet (communities: {known}), or pass --create-communities to create them.",
                returncode=2,
            )
        if dry_run:
            self.stdout.write(f"would create communities: {named}")
            return
        for community in folder_import.create_communities(unknown):
            self.stdout.write(f"created community “{community.name}”")

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

    def report(self, outcome, progress, counts, rejected):
        counts[outcome.status] += 1
        for extension in self.extensions:
            extension.outcome(outcome)
        if outcome.status == REJECTED:
            rejected.append(outcome)
        if progress is not None:
            progress.write(self.stdout, outcome.line())
        else:
            self.stdout.write(outcome.line())

    def report_tasks(self, task_logs):
        """The background work the saves set off, after the results instead of among them."""
        done = task_logs.photographs_done()
        if done:
            self.stdout.write(f"Background tasks: public sizes and zoom tiles made for {done} photographs.")
        for record in task_logs.problems():
            self.stderr.write(f"Background task {record.levelname.lower()}: {record.getMessage()}")

    def summary(self, counts, importer, sheet, report, dry_run, seconds):
        verb = "would be imported" if dry_run else "imported"
        parts = [f"{counts[IMPORTED]} {verb}", f"{counts[SKIPPED]} skipped", f"{counts[REJECTED]} rejected"]
        line = f"Summary: {', '.join(parts)} in {seconds:.1f} s."
        if dry_run:
            line += " Dry run: nothing was written."
        elif counts[REJECTED]:
            # Said outright: the command ends with an error, and the imported files must not look lost.
            line += (f" The {counts[IMPORTED]} imported are in the archive;"
                     f" the {counts[REJECTED]} rejected were not imported.")
        if sheet and sheet.unknown_columns:
            line += f" Ignored columns: {', '.join(sheet.unknown_columns)}."
        if report:
            line += f" Rejected rows: {report}"
        self.stdout.write(line)
