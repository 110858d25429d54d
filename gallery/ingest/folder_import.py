"""
Importing a folder of originals (and optionally a curator's sheet of metadata) into the archive.

Every file goes through gallery.ingest.intake, exactly like an upload in the admin. Each photograph is
stored in its own transaction; the stored file is recorded in PendingOriginal before it is
written and that record is deleted with the row's commit, so whatever moment the process dies
at, the next run knows which stored files have no row and removes them.
"""

import csv
import datetime
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from gallery.ingest import intake, metadata_sheet
from gallery.ingest.upload_checks import UploadRejected
from gallery.models import Artist, Community, PendingOriginal, Photograph

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif", ".gif"}
# Pictures the archive refuses: still picked up, so the curator gets a line saying why each was not
# imported instead of silence. (Other files, such as notes or XMP sidecars, are left out quietly.)
REFUSED_PICTURE_EXTENSIONS = {".svg", ".svgz", ".bmp", ".psd", ".jp2", ".jxl"}

IMPORTED, SKIPPED, REJECTED = "imported", "skipped", "rejected"


@dataclass
class Outcome:
    status: str
    path: str
    photo_id: int | None = None
    detail: str = ""
    row: metadata_sheet.SheetRow | None = None
    dry_run: bool = False

    def line(self):
        status = "would import" if self.dry_run and self.status == IMPORTED else self.status
        return f"{status} {self.path} {self.photo_id or '-'} {self.detail}".rstrip()


class FolderImport:
    def __init__(self, folder, *, sheet=None, sheet_path=None, collection=None, dry_run=False, update=False,
                 base_url=""):
        self.folder = Path(folder)
        self.sheet = sheet
        self.sheet_path = Path(sheet_path) if sheet_path else None
        self.collection = collection
        self.dry_run = dry_run
        self.update = update
        self.base_url = base_url.rstrip("/")
        self._seen = {}  # sha256 -> relative path, for duplicates inside one dry run

    # What there is to do

    def files(self):
        """Relative paths of the pictures under the folder, and of any other file the sheet names."""
        named = set(self.sheet.rows) if self.sheet else set()
        found = []
        for root, dirs, names in os.walk(self.folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in names:
                # macOS's "._" companions (on USB sticks and shares) carry a picture's extension but no
                # picture. Other names starting with a dot are still pictures when their extension says
                # so: skipping them would lose a photograph in silence.
                if name.startswith("._"):
                    continue
                relative = metadata_sheet.normalise_path(os.path.relpath(os.path.join(root, name), self.folder))
                suffix = Path(name).suffix.lower()
                if suffix in IMAGE_EXTENSIONS or suffix in REFUSED_PICTURE_EXTENSIONS or relative in named:
                    found.append(relative)
        return sorted(found)

    def missing_rows(self, files):
        """Sheet rows naming a file that is not in the folder, and rows repeating an earlier row."""
        if not self.sheet:
            return []
        present = {path.casefold() for path in files}
        missing = [
            Outcome(REJECTED, row.path, detail=f"no such file in the folder (sheet row {row.line})", row=row)
            for key, row in sorted(self.sheet.rows.items(), key=lambda item: item[1].line)
            if key.casefold() not in present
        ]
        repeated = [
            Outcome(REJECTED, row.path, detail="; ".join(row.errors), row=row) for row in self.sheet.duplicate_rows
        ]
        return missing + repeated

    # Cleaning up after a killed run

    def remove_orphans(self, storage):
        """Delete originals stored by an import that died before committing their row. Returns their names."""
        removed = []
        host = socket.gethostname()
        # Another machine's process cannot be asked whether it still runs: its entries are an
        # orphan's only once older than any import takes to commit one file.
        cutoff = timezone.now() - datetime.timedelta(seconds=settings.ORPHAN_ORIGINAL_GRACE_SECONDS)
        for pending in PendingOriginal.objects.all():
            if pending.host == host and pending.pid != os.getpid() and _alive(pending.pid):
                continue  # another import is running right now; its files are not orphans
            if pending.host != host and pending.created_at >= cutoff:
                continue  # maybe an import running on another server
            if not Photograph.objects.filter(file=pending.name).exists():
                storage.delete(pending.name)
                removed.append(pending.name)
            pending.delete()
        return removed

    # One file

    def import_file(self, relative):
        row = self.sheet.row_for(relative) if self.sheet else None
        if row and row.errors:
            return Outcome(REJECTED, relative, detail="; ".join(row.errors), row=row)
        path = self.folder / relative
        try:
            handle = open(path, "rb")
        except OSError as error:
            return Outcome(REJECTED, relative, detail=f"cannot be read: {error.strerror}", row=row)
        with handle:
            try:
                prepared = intake.prepare(handle, relative)
            except UploadRejected as rejection:
                return Outcome(REJECTED, relative, detail=str(rejection), row=row)

            existing = Photograph.objects.filter(sha256=prepared.sha256).first()
            if existing:
                return self._already_there(relative, existing, row)
            if self.dry_run:
                if prepared.sha256 in self._seen:
                    return Outcome(SKIPPED, relative, detail=f"same file as {self._seen[prepared.sha256]}", row=row)
                self._seen[prepared.sha256] = relative
                return Outcome(IMPORTED, relative, row=row, dry_run=True)
            try:
                photo = self._store(handle, relative, prepared, row)
            except Exception as error:  # the row and its file are both gone again: report, don't crash
                return Outcome(REJECTED, relative, detail=f"could not be saved: {error}", row=row)
        return Outcome(IMPORTED, relative, photo.pk, self._public_url(photo), row=row)

    def _already_there(self, relative, existing, row):
        detail = f"already in the archive as “{existing.title}”"
        if row and row.has_metadata:
            if self.update and not self.dry_run:
                with transaction.atomic():
                    apply_row(existing, row)
                    existing.save()
                    apply_lists(existing, row)
                detail += "; metadata updated from the sheet"
            elif self.update:
                detail += "; metadata would be updated from the sheet"
            else:
                detail += "; sheet metadata not applied (use --update)"
        return Outcome(SKIPPED, relative, existing.pk, detail, row=row)

    def _store(self, handle, relative, prepared, row):
        photo = Photograph(title=Path(relative).stem[:255])
        if self.collection:
            photo.collection = self.collection
        intake.apply(photo, prepared)
        apply_row(photo, row)
        return store_original(photo, handle, prepared, after_save=lambda saved: apply_lists(saved, row))

    def _public_url(self, photo):
        url = f"{self.base_url}{photo.get_absolute_url()}"
        blockers = photo.public_blockers
        return f"{url} (not public yet: {', '.join(blockers)})" if blockers else url

    # The report

    def report_path(self):
        if self.sheet_path:
            return self.sheet_path.with_name(f"{self.sheet_path.stem}-rejected.csv")
        return self.folder / "import-rejected.csv"

    def write_report(self, rejected):
        """The rejected rows with why, in the sheet's own columns: fixed, it can be imported as a sheet."""
        path = self.report_path()
        columns = ["filename", metadata_sheet.REPORT_COLUMN, *[c for c in metadata_sheet.COLUMNS if c != "filename"]]
        with open(path, "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, columns)
            writer.writeheader()
            for outcome in rejected:
                record = dict(outcome.row.raw) if outcome.row else {}
                record["filename"] = outcome.path
                record[metadata_sheet.REPORT_COLUMN] = outcome.detail
                writer.writerow({column: record.get(column, "") for column in columns})
        return path


def store_original(photo, handle, prepared, *, after_save=None):
    """
    Store the checked original and save `photo` (already filled in by intake.apply) with it, journaled
    so a killed process leaves no orphan file. `after_save(photo)` runs in the row's transaction
    (tags and other relations that need a primary key).
    """
    field = photo.file.field
    storage = field.storage
    wanted = storage.get_available_name(field.generate_filename(photo, prepared.checked.safe_name))
    pending = PendingOriginal.objects.create(name=wanted, host=socket.gethostname(), pid=os.getpid())
    stored = None
    try:
        stored = storage.save(wanted, File(handle, name=prepared.checked.safe_name))
        if stored != wanted:
            PendingOriginal.objects.filter(pk=pending.pk).update(name=stored)
        with transaction.atomic():
            # Hand over the size the check already read: assigning a bare name makes Wagtail decode the
            # whole original (through Willow) just to learn its width and height.
            stored_file = field.attr_class(photo, field, stored)
            stored_file._dimensions_cache = (prepared.checked.width, prepared.checked.height)
            photo.file = stored_file
            photo.save()
            if after_save:
                after_save(photo)
            PendingOriginal.objects.filter(pk=pending.pk).delete()
    except BaseException:
        if stored:
            storage.delete(stored)
        PendingOriginal.objects.filter(pk=pending.pk).delete()
        raise
    return photo


def apply_row(photo, row):
    """Put the sheet's filled-in values on the photograph (the row has been checked already)."""
    if not row:
        return
    for field_name, value in row.values.items():
        setattr(photo, field_name, value)
    if row.creator:
        photo.artist = artist_named(row.creator)


def unknown_communities(sheet):
    """The sheet's community names the archive does not have (any case), in the sheet's order."""
    if sheet is None:
        return []
    known = {name.casefold() for name in Community.objects.values_list("name", flat=True)}
    unknown = {}
    for row in sheet.rows.values():
        for name in row.communities:
            if name.casefold() not in known:
                unknown.setdefault(name.casefold(), name)
    return list(unknown.values())


def create_communities(names):
    return [Community.objects.create(name=name) for name in names]


def apply_lists(photo, row):
    """Communities and keywords, once the photograph has a primary key."""
    if not row:
        return
    if row.communities:
        # Only communities that exist: the import checked (and, if asked, created) them up front.
        wanted = {name.casefold() for name in row.communities}
        photo.communities.set([c for c in Community.objects.all() if c.name.casefold() in wanted])
    if row.keywords:
        photo.tags.set(row.keywords)


def artist_named(name):
    """The artist of that name (any case), created if the archive has none yet."""
    artist = Artist.objects.filter(name__iexact=name).first()
    if artist:
        return artist
    return Artist.objects.create(name=name)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
