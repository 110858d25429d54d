"""
The one way an original enters the archive, whoever brings it (admin upload, multiple upload,
import command, demo loader): check the bytes, hash them, read EXIF, pre-fill what is empty.
"""

import hashlib
import os
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from gallery import approximate_dates, checksums
from gallery.imaging import perceptual
from gallery.ingest.exif import ExifFacts, read_exif
from gallery.ingest.upload_checks import CheckedUpload, check_upload

logger = logging.getLogger(__name__)


@dataclass
class PreparedOriginal:
    checked: CheckedUpload
    sha256: str
    size: int
    facts: ExifFacts
    sha1: str = ""  # Wagtail's own file_hash, made in the same pass so nothing reads the file twice
    perceptual_hash: str = ""
    original_name: str = ""  # as uploaded: private, for curators (see Photograph.original_filename)

    @property
    def warnings(self):
        return [*self.checked.warnings, *self.facts.warnings]


def digests_of(fileobj):
    """SHA-256 (ours: duplicates, fixity), SHA-1 (Wagtail's file_hash) and size, in one streaming pass."""
    sha256, sha1 = hashlib.sha256(), hashlib.sha1(usedforsecurity=False)
    fileobj.seek(0)
    size = checksums.stream(fileobj, sha256, sha1)
    fileobj.seek(0)
    return sha256.hexdigest(), sha1.hexdigest(), size


def prepare(fileobj, name):
    """Check, hash and read an original. Raises UploadRejected with a sentence for the curator."""
    fingerprint = perceptual.Collector()
    checked = check_upload(
        fileobj, name, max_pixels=settings.PHOTO_MAX_PIXELS, max_bytes=settings.PHOTO_MAX_UPLOAD_BYTES,
        on_decoded=fingerprint,
    )
    sha256, sha1, size = digests_of(fileobj)
    facts = read_exif(fileobj)
    fileobj.seek(0)
    for warning in facts.warnings:
        logger.warning("EXIF of %s: %s", checked.safe_name, warning)
    return PreparedOriginal(
        checked=checked, sha256=sha256, size=size, facts=facts, sha1=sha1, perceptual_hash=fingerprint.hash,
        original_name=os.path.basename((name or "").replace("\\", "/"))[:255],
    )


def apply(photo, prepared):
    """Record what the original says on `photo`, and fill the curator's fields only where empty."""
    facts = prepared.facts
    photo.original_filename = prepared.original_name or photo.original_filename
    photo.sha256 = prepared.sha256
    photo.original_size = prepared.size
    photo.file_size = min(prepared.size, 2**31 - 1)  # Wagtail's own field: a 32-bit integer
    photo.perceptual_hash = prepared.perceptual_hash
    if prepared.sha1:
        photo.file_hash = prepared.sha1
    photo.camera_make = facts.camera_make
    photo.camera_model = facts.camera_model
    photo.lens = facts.lens
    photo.exposure_time = facts.exposure_time
    photo.f_number = facts.f_number
    photo.iso = facts.iso
    photo.focal_length = facts.focal_length
    photo.date_taken = timezone.make_aware(facts.date_taken) if facts.date_taken else None
    photo.orientation = facts.orientation
    photo.exif_artist = facts.artist
    photo.exif_copyright = facts.copyright
    photo.gps_latitude = facts.gps_latitude
    photo.gps_longitude = facts.gps_longitude
    photo.exif_raw = facts.raw
    photo.exif_warnings = prepared.warnings
    if not photo.date_edtf and facts.date_taken:
        photo.date_edtf = approximate_dates.from_datetime(facts.date_taken).edtf
    if not photo.creator_credit and not photo.artist_id and facts.artist:
        photo.creator_credit = facts.artist[: type(photo)._meta.get_field("creator_credit").max_length]
    photo.file_changed = True
    return photo
