"""
Renditions made before renditions were named after the IIIF identifier carry the original's file
name (`renditions/59/hadzic-family-home-1421-elm-s.max-1600x1600...avif`). Each is moved to its
opaque name, so the old URL answers 404, and dropped from Wagtail's rendition cache, which would
otherwise keep handing out the old URL. Photographs get their original file name recorded (the
stored original's name: the uploaded name, as Wagtail kept it) for curators.
"""

import os

from django.core.cache import DEFAULT_CACHE_ALIAS, InvalidCacheBackendError, caches
from django.db import migrations



def rendition_name(identifier, spec, cache_key, extension):
    """As gallery's rendition pipeline names renditions (kept here: a migration does not follow code moves)."""
    suffix = spec.replace("|", ".")
    if cache_key:
        suffix = f"{cache_key}.{suffix}"
    suffix = f"{suffix}.{extension}"
    return f"{identifier[: max(8, 59 - len(suffix))]}.{suffix}"


def rendition_cache():
    try:
        return caches["renditions"]
    except InvalidCacheBackendError:
        return caches[DEFAULT_CACHE_ALIAS]


def rename_renditions(apps, schema_editor):
    Photograph = apps.get_model("gallery", "Photograph")
    Rendition = apps.get_model("gallery", "PhotographRendition")
    for photo in Photograph.objects.filter(original_filename="").exclude(file="").iterator():
        Photograph.objects.filter(pk=photo.pk).update(original_filename=os.path.basename(photo.file.name)[:255])
    cache = rendition_cache()
    renditions = Rendition.objects.select_related("image").iterator()
    for count, rendition in enumerate(renditions, 1):
        old = rendition.file.name
        folder, old_name = os.path.split(old)
        extension = os.path.splitext(old_name)[1].lstrip(".")
        wanted = rendition_name(rendition.image.iiif_identifier, rendition.filter_spec, rendition.focal_point_key,
                                extension)
        storage = rendition.file.storage
        if old_name.startswith(wanted.split(".")[0]) or not storage.exists(old):
            continue
        with storage.open(old, "rb") as handle:
            new = storage.save(f"{folder}/{wanted}", handle)
        Rendition.objects.filter(pk=rendition.pk).update(file=new)
        storage.delete(old)
        image = rendition.image
        cache.delete("wagtail-rendition-" + "-".join(
            [str(image.id), image.file_hash, rendition.focal_point_key, rendition.filter_spec]))
        if count % 500 == 0:
            print(f"  renamed {count} renditions")


class Migration(migrations.Migration):
    dependencies = [("gallery", "0006_original_filename")]

    operations = [migrations.RunPython(rename_renditions, migrations.RunPython.noop)]
