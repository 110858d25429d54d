"""
Originals left in storage by a process that died between writing one and saving its photograph's row
(an app server killed in the middle of an upload, its machine lost). Every original is journaled
(PendingOriginal) before its bytes are written; an entry older than any upload can take belongs to
a process that is gone: its file is deleted unless a photograph names it, and the entry with it.
The task worker runs this in the background (sitewide.task_worker).
"""

import datetime
import logging

from django.utils import timezone

from gallery.models import PendingOriginal, Photograph

logger = logging.getLogger(__name__)


def remove_orphans(storage, older_than_seconds):
    """Delete the originals of journal entries older than `older_than_seconds` that no photograph
    names, and those entries; returns the names of the files deleted."""
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than_seconds)
    removed = []
    for pending in PendingOriginal.objects.filter(created_at__lt=cutoff):
        if not Photograph.objects.filter(file=pending.name).exists():
            storage.delete(pending.name)
            removed.append(pending.name)
            logger.warning("Removed %s: stored by an upload whose process died before saving its photograph",
                           pending.name)
        pending.delete()
    return removed
