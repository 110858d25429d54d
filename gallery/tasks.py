"""Background work on photographs: run at once when embedded, by a worker in production."""

import logging

from django_tasks import task

from .imaging import codec, perceptual, pyramid
from .imaging.sizes import STANDARD_SPECS
from .models import Photograph

logger = logging.getLogger(__name__)


@task()
def make_public_sizes(photograph_id):
    """
    Build the photograph's pyramid (the original decoded once), then every standard public size
    from it, so neither a page nor a deep-zoom viewer ever waits for the original to be decoded.
    """
    photo = Photograph.objects.filter(pk=photograph_id).first()
    if photo is None:
        return 0
    built = None
    if photo.sha256:
        built = pyramid.build(photo)
        pyramid.purge(photo, keep_current=True)
    if not photo.perceptual_hash:
        _backfill_perceptual_hash(photo, built)
    made = photo.get_renditions(*STANDARD_SPECS)
    logger.info("Made the pyramid and %d public sizes of photograph %s", len(made), photograph_id)
    return len(made)


def _backfill_perceptual_hash(photo, built=None):
    """Photographs stored before perceptual hashes existed get one: from the pyramid's smallest
    level when there is one (a TIFF cannot be decoded reduced: 100 MP would cost 400 MB here)."""
    try:
        if built is not None:
            decoded = built.decoded((64, 64))
        else:
            with photo.open_file() as handle:
                decoded = codec.decode(handle, needed=(64, 64))
        photo.perceptual_hash = perceptual.dhash(decoded.image)
    except Exception:
        logger.warning("No perceptual hash for photograph %s", photo.pk, exc_info=True)
        return
    type(photo).objects.filter(pk=photo.pk).update(perceptual_hash=photo.perceptual_hash)
