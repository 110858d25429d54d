"""
`import_photos --exhibition SLUG`: every photograph imported, or found already in the archive, is
appended to that exhibition's ordered photographs in the folder's sorted order. Registered on
gallery's command through the `import_photos_extension` hook, since gallery never imports exhibit.
"""

from django.core.management.base import CommandError

from gallery.ingest.folder_import import IMPORTED, SKIPPED
from gallery.models import Photograph

from .exhibition_photographs import add_photographs
from .models import ExhibitionPage


class ExhibitionImport:
    def __init__(self):
        self.exhibition = None
        self.photo_ids = []

    def add_arguments(self, parser):
        parser.add_argument("--exhibition", metavar="SLUG",
                            help="append the imported (and already archived) photographs to this exhibition")

    def start(self, options):
        slug = options.get("exhibition")
        if not slug:
            return
        self.exhibition = ExhibitionPage.objects.filter(slug=slug).first()
        if self.exhibition is None:
            known = ", ".join(ExhibitionPage.objects.order_by("slug").values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"There is no exhibition with the slug “{slug}” (exhibitions: {known}). "
                               "Nothing was imported.", returncode=2)

    def outcome(self, outcome):
        if outcome.status in (IMPORTED, SKIPPED) and outcome.photo_id and outcome.photo_id not in self.photo_ids:
            self.photo_ids.append(outcome.photo_id)

    def finish(self, dry_run):
        """Runs even when some files were rejected: those that made it in still join the exhibition, so
        a corrected re-run only adds the rest."""
        if self.exhibition is None:
            return None
        by_id = Photograph.objects.in_bulk(self.photo_ids)
        photos = [by_id[pk] for pk in self.photo_ids if pk in by_id]
        if dry_run:
            present = set(self.exhibition.exhibition_photographs.values_list("photograph_id", flat=True))
            new = [photo for photo in photos if photo.pk not in present]
            return (f"Exhibition: {len(new)} photographs already in the archive would be added to "
                    f"“{self.exhibition.title}” (newly imported ones too, on a real run).")
        return f"Exhibition: {add_photographs(self.exhibition, photos).sentence()}"
