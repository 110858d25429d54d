"""Background work on photographs: run at once when embedded, by a worker in production."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def make_public_sizes(photograph_id):
    """Make every standard public size of a photograph, so no page waits for a decode."""
    from .models import Photograph
    from .image_sizes import STANDARD_SPECS

    photo = Photograph.objects.filter(pk=photograph_id).first()
    if photo is None:
        return 0
    made = photo.get_renditions(*STANDARD_SPECS)
    logger.info("Made %d public sizes of photograph %s", len(made), photograph_id)
    return len(made)
