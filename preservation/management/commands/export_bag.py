"""manage.py export_bag EXHIBITION_SLUG OUTDIR: the exhibition, its photographs and metadata as a BagIt bag."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from exhibit.models import ExhibitionPage
from preservation.bags.export import export_exhibition
from preservation.bags.layout import BagRefused


class Command(BaseCommand):
    help = "Write an exhibition as a BagIt bag: originals, a JSON metadata file per photograph, the exhibition, checksums."

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="EXHIBITION_SLUG")
        parser.add_argument("outdir", metavar="OUTDIR", help="a new or empty folder: it becomes the bag")

    def handle(self, *args, slug, outdir, **options):
        started = time.monotonic()
        page = ExhibitionPage.objects.filter(slug=slug).first()
        if page is None:
            known = ", ".join(ExhibitionPage.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no exhibition with the slug “{slug}” (exhibitions: {known}).", returncode=2)
        show_bar = options.get("verbosity", 1) > 0
        with tqdm(desc="Originals", unit="photo", disable=None if show_bar else True, file=sys.stderr) as bar:
            def progress(done, total):
                bar.total = total
                bar.update(done - bar.n)

            try:
                summary = export_exhibition(page, outdir, progress=progress)
            except BagRefused as refusal:
                raise CommandError(str(refusal), returncode=1) from None
        self.stdout.write(f"{summary.sentence()} ({time.monotonic() - started:.1f} s)")
