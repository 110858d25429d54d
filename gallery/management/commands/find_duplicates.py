"""manage.py find_duplicates: groups of photographs whose perceptual hashes are within a distance."""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from gallery.imaging import perceptual
from gallery.models import Photograph


class Command(BaseCommand):
    help = "List near-duplicate photographs (perceptual hash within --threshold bits of 64)."

    def add_arguments(self, parser):
        parser.add_argument("--threshold", type=int, default=perceptual.DEFAULT_THRESHOLD,
                            help=f"most bits (of 64) that may differ; default {perceptual.DEFAULT_THRESHOLD}")

    def handle(self, *args, threshold, **options):
        photos = list(Photograph.objects.exclude(perceptual_hash="").only("pk", "title", "perceptual_hash")
                      .order_by("pk"))
        values = [int(photo.perceptual_hash, 16) for photo in photos]
        pairs = []
        show_bar = sys.stderr.isatty() and options.get("verbosity", 1) > 0
        # All pairs: fine for tens of thousands (an int XOR and popcount each); a BK-tree if it ever is not.
        for i in tqdm(range(len(photos)), unit="photo", disable=not show_bar, file=sys.stderr):
            for j in range(i + 1, len(photos)):
                gap = (values[i] ^ values[j]).bit_count()
                if gap <= threshold:
                    pairs.append((gap, photos[i], photos[j]))
        for gap, first, second in sorted(pairs, key=lambda pair: (pair[0], pair[1].pk, pair[2].pk)):
            self.stdout.write(f"{gap:2d} #{first.pk} “{first.title}”  ~  #{second.pk} “{second.title}”")
        unhashed = Photograph.objects.filter(perceptual_hash="").count()
        summary = f"Summary: {len(pairs)} near-duplicate pairs among {len(photos)} photographs (threshold {threshold})."
        if unhashed:
            summary += f" {unhashed} photographs have no perceptual hash yet and were not compared."
        self.stdout.write(summary)
