"""
Fixity: does each stored original still hash to the SHA-256 recorded at ingest? (NDSA Levels of
Digital Preservation, level 2, "integrity".) Streaming, so a 200 MB scan costs 1 MB of memory.
"""

from dataclasses import dataclass

from django.utils import timezone

from gallery import checksums

OK, CHANGED, MISSING, UNRECORDED = "ok", "changed", "missing", "unrecorded"


@dataclass
class FixityResult:
    photo: object
    status: str
    found: str = ""  # the SHA-256 the file has now, when it could be read

    def line(self):
        name = self.photo.file.name
        if self.status == CHANGED:
            return f"changed {self.photo.pk} {name} recorded {self.photo.sha256} now {self.found}"
        if self.status == MISSING:
            return f"missing {self.photo.pk} {name}"
        if self.status == UNRECORDED:
            return f"unrecorded {self.photo.pk} {name} no SHA-256 was recorded at ingest; now {self.found}"
        return f"ok {self.photo.pk} {name}"


def check(photo):
    """Re-hash one original, and record on the photograph when it was checked and whether it passed."""
    storage = photo.file.storage
    try:
        with storage.open(photo.file.name, "rb") as handle:
            found = checksums.sha256_hex(handle)
    except (FileNotFoundError, OSError):
        result = FixityResult(photo, MISSING)
    else:
        if not photo.sha256:
            result = FixityResult(photo, UNRECORDED, found)
        else:
            result = FixityResult(photo, OK if found == photo.sha256 else CHANGED, found)
    photo.fixity_checked_at = timezone.now()
    photo.fixity_ok = result.status == OK if result.status != UNRECORDED else None
    # update(), not save(): checking must not touch modified dates, search or renditions.
    type(photo).objects.filter(pk=photo.pk).update(
        fixity_checked_at=photo.fixity_checked_at, fixity_ok=photo.fixity_ok
    )
    return result
