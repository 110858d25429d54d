"""
Originals in storage that no photograph names: left by a server that died between writing one and
committing its photograph's row (an app server killed mid-upload, its machine lost). The admin saves
the row in a transaction, so a journal row written beside it would be rolled back with it: instead
the stored originals are compared with the rows, and one no row names is deleted once it is older
than any upload can take to commit (a file younger than that may belong to an upload in flight).
The task worker runs this every ORPHAN_SWEEP_SECONDS (workers.lease).

One listing of the originals' folder (a paged LIST on S3) and one query of their names; a date is
asked only of the few files no row names.
"""

import datetime
import logging

from django.utils import timezone

from gallery.models import Photograph

logger = logging.getLogger(__name__)

FOLDER = "original_images"


def remove_orphans(storage, older_than_seconds):
    """Delete every stored original no photograph names that is older than `older_than_seconds`;
    returns their names."""
    try:
        _folders, files = storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return []
    stored = {f"{FOLDER}/{name}" for name in files}
    named = set(Photograph.objects.filter(file__startswith=f"{FOLDER}/").values_list("file", flat=True))
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    removed = []
    for name in sorted(stored - named):
        if storage.get_modified_time(name) >= cutoff:
            continue  # maybe an upload whose row is about to commit
        if Photograph.objects.filter(file=name).exists():
            continue
        storage.delete(name)
        removed.append(name)
        logger.warning("Removed %s: an original no photograph names (its upload died before saving it)", name)
    return removed
