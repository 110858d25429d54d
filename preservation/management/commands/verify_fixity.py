"""manage.py verify_fixity: re-hash every original against its recorded SHA-256; non-zero exit on any problem."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gallery.models import Photograph
from preservation import fixity


class Command(BaseCommand):
    help = "Re-hash originals, report missing and changed files, and record when each was verified."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-ok", action="store_true", help="print only problems, not one line per good file")

    def handle(self, *args, quiet_ok=False, **options):
        started = time.monotonic()
        photos = Photograph.objects.only("pk", "file", "sha256").order_by("pk")
        counts = {fixity.OK: 0, fixity.CHANGED: 0, fixity.MISSING: 0, fixity.UNRECORDED: 0}
        show_bar = sys.stderr.isatty() and options.get("verbosity", 1) > 0
        with tqdm(total=photos.count(), unit="file", disable=not show_bar, file=sys.stderr) as bar:
            for photo in photos.iterator(chunk_size=500):
                result = fixity.check(photo)
                counts[result.status] += 1
                if result.status != fixity.OK or not quiet_ok:
                    with bar.external_write_mode():
                        self.stdout.write(result.line())
                bar.update(1)
        problems = counts[fixity.CHANGED] + counts[fixity.MISSING]
        self.stdout.write(
            f"Summary: {sum(counts.values())} originals checked: {counts[fixity.OK]} ok, "
            f"{counts[fixity.CHANGED]} changed, {counts[fixity.MISSING]} missing, "
            f"{counts[fixity.UNRECORDED]} without a recorded SHA-256, in {time.monotonic() - started:.1f} s."
        )
        if problems:
            raise CommandError(f"{problems} originals failed the fixity check.", returncode=1)
