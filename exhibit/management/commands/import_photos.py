"""
gallery's import_photos with `--exhibition SLUG`: every photograph imported, or found already in the
archive, is appended to that exhibition's ordered photographs in the folder's sorted order.

It lives here because gallery never imports exhibit; Django runs this one because exhibit comes
before gallery in INSTALLED_APPS.
"""

from django.core.management.base import CommandError

from exhibit.exhibition_photographs import add_photographs
from exhibit.models import ExhibitionPage
from gallery.folder_import import IMPORTED, SKIPPED
from gallery.management.commands import import_photos as gallery_import
from gallery.models import Photograph


class Command(gallery_import.Command):
    help = gallery_import.Command.help + " With --exhibition, add them to that exhibition too."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--exhibition", metavar="SLUG",
                            help="append the imported (and already archived) photographs to this exhibition")

    def handle(self, *args, exhibition=None, **options):
        self.exhibition = self.find_exhibition(exhibition) if exhibition else None
        self.photo_ids = []
        try:
            super().handle(*args, **options)
        except CommandError:
            # Some files were rejected: those that made it in still join the exhibition, so a
            # corrected re-run only adds the rest.
            self.add_to_exhibition(options["dry_run"])
            raise
        self.add_to_exhibition(options["dry_run"])

    def find_exhibition(self, slug):
        page = ExhibitionPage.objects.filter(slug=slug).first()
        if page is None:
            known = ", ".join(ExhibitionPage.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no exhibition with the slug “{slug}” (exhibitions: {known}). "
                               "Nothing was imported.", returncode=2)
        return page

    def report(self, outcome, bar, counts, rejected):
        super().report(outcome, bar, counts, rejected)
        if outcome.status in (IMPORTED, SKIPPED) and outcome.photo_id and outcome.photo_id not in self.photo_ids:
            self.photo_ids.append(outcome.photo_id)

    def add_to_exhibition(self, dry_run):
        if self.exhibition is None:
            return
        by_id = Photograph.objects.in_bulk(self.photo_ids)
        photos = [by_id[pk] for pk in self.photo_ids if pk in by_id]
        if dry_run:
            present = set(self.exhibition.exhibition_photographs.values_list("photograph_id", flat=True))
            new = [photo for photo in photos if photo.pk not in present]
            self.stdout.write(f"Exhibition: {len(new)} photographs already in the archive would be added to "
                              f"“{self.exhibition.title}” (newly imported ones too, on a real run).")
            return
        self.stdout.write(f"Exhibition: {add_photographs(self.exhibition, photos).sentence()}")
