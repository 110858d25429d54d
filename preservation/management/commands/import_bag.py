"""manage.py import_bag BAG: restore an exhibition bag made by export_bag (refused, writing nothing, if invalid)."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gallery import db_stats
from preservation.bags.importer import import_bag
from preservation.bags.layout import BagRefused


class Command(BaseCommand):
    help = "Restore an exhibition from a BagIt bag: photographs, metadata, communities, artists, venues, showings, events."

    def add_arguments(self, parser):
        parser.add_argument("bag", metavar="BAG", help="the bag's folder")

    def handle(self, *args, bag, **options):
        started = time.monotonic()
        show_bar = options.get("verbosity", 1) > 0
        with tqdm(desc="Photographs", unit="photo", disable=None if show_bar else True, file=sys.stderr) as bar:
            def validating(count):
                with bar.external_write_mode():
                    self.stdout.write(f"Validating {count} files of the bag (every SHA-256)...")

            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            try:
                summary = import_bag(bag, progress=progress, on_validating=validating)
            except BagRefused as refusal:
                raise CommandError(f"{refusal} Nothing was imported.", returncode=1) from None
        db_stats.refresh_planner_statistics()
        self.stdout.write(f"{summary.sentence()} ({time.monotonic() - started:.1f} s)")
