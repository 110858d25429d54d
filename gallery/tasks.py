"""Background work on photographs: run at once when embedded, by a worker in production."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def make_public_sizes(photograph_id):
    """
    Build the photograph's pyramid (the original decoded once), then every standard public size
    from it, so neither a page nor a deep-zoom viewer ever waits for the original to be decoded.
    """
    from . import pyramid
    from .image_sizes import STANDARD_SPECS
    from .models import Photograph

    photo = Photograph.objects.filter(pk=photograph_id).first()
    if photo is None:
        return 0
    if not photo.perceptual_hash:
        _backfill_perceptual_hash(photo)
    if photo.sha256:
        pyramid.build(photo)
        pyramid.purge(photo, keep_current=True)
    made = photo.get_renditions(*STANDARD_SPECS)
    logger.info("Made the pyramid and %d public sizes of photograph %s", len(made), photograph_id)
    return len(made)


def _backfill_perceptual_hash(photo):
    """Photographs stored before perceptual hashes existed get one from a reduced decode."""
    from . import imaging, perceptual

    try:
        with photo.open_file() as handle:
            decoded = imaging.decode(handle, needed=(64, 64))
        photo.perceptual_hash = perceptual.dhash(decoded.image)
    except Exception:
        logger.warning("No perceptual hash for photograph %s", photo.pk, exc_info=True)
        return
    type(photo).objects.filter(pk=photo.pk).update(perceptual_hash=photo.perceptual_hash)
