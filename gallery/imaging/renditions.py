"""
Wagtail renditions made by our own pipeline instead of Willow's.

Wagtail's Filter still decides *what* a rendition is (crop, size, format, quality); gallery.imaging.codec
decides *how*: decoded at reduced scale, upright, stripped of metadata.
"""

from contextlib import nullcontext

from django.core.files.base import ContentFile
from django.urls import get_script_prefix
from django.utils.encoding import filepath_to_uri
from wagtail.images.image_operations import BackgroundColorOperation
from willow.plugins.pillow import PillowImage

from gallery.imaging import codec
from gallery.imaging.formats import DEFAULT_OUTPUT, OUTPUT_FORMATS
from gallery.imaging.pyramid import Pyramid


def stored_path(photo_id, name):
    """Where a rendition file is stored, grouped by photograph so the media view can check the
    photograph before serving a byte: the one place both the model and that view take it from."""
    return f"renditions/{photo_id}/{name}"


def public_url(stored_name):
    """The media view's URL of a stored rendition (gallery/urls.py routes media/renditions/<id>/<name>
    to it), whatever the storage: built here rather than by reverse(), which cost ~7x as much for each
    of the hundreds of srcset entries a gallery page has."""
    return f"{get_script_prefix()}media/{filepath_to_uri(stored_name)}"


def plan(photo, filter, upright):
    """The crop box (upright full-resolution pixels) and output size `filter` asks of `photo`."""
    transform = filter.get_transform(photo, upright)
    return transform.get_rect().round(), transform.size


def needed_pixels(photo, filters, upright):
    """Enough decoded pixels (of the whole upright image) to fill every filter's size without upscaling."""
    needed = [0, 0]
    for filter in filters:
        box, size = plan(photo, filter, upright)
        needed[0] = max(needed[0], upright[0] * size[0] / max(1, box.width))
        needed[1] = max(needed[1], upright[1] * size[1] / max(1, box.height))
    return tuple(needed)


def decode_for(photo, filters, source=None):
    """
    Pixels once for all of `filters`, at the smallest scale that serves them: the smallest pyramid
    level that is big enough when the pyramid exists, else the original decoded at reduced scale.
    """
    built = Pyramid.of(photo) if source is None else None
    if built is not None:
        upright = (built.width, built.height)
        return built.decoded(needed_pixels(photo, filters, upright)), upright
    with nullcontext(source) if source is not None else photo.open_file() as fp:
        upright = codec.upright_size(fp)
        fp.seek(0)
        return codec.decode(fp, needed=needed_pixels(photo, filters, upright)), upright


def create_many(photo, filters):
    """Renditions for several filters from one decode, without Wagtail's read-the-original-into-memory."""
    Rendition = photo.get_rendition_model()
    shared = decode_for(photo, filters)
    made = {}
    for filter in filters:
        made[filter] = Rendition(
            image=photo,
            filter_spec=filter.spec,
            focal_point_key=filter.get_cache_key(photo),
            file=rendition_file(photo, filter, shared=shared),
        )
    del shared
    # As Wagtail does: if another process made some meanwhile, keep theirs and drop ours.
    result = {}
    existing = {
        (rendition.filter_spec, rendition.focal_point_key): rendition
        for rendition in photo.renditions.filter(filter_spec__in=[filter.spec for filter in filters])
    }
    to_create = []
    for filter, rendition in made.items():
        found = existing.get((rendition.filter_spec, rendition.focal_point_key))
        if found is not None:
            result[filter] = found
        else:
            to_create.append(rendition)
            result[filter] = rendition
    Rendition.objects.bulk_create(to_create, ignore_conflicts=True)
    return result


def render(photo, filter, decoded, upright):
    """Make the bytes of one rendition from a decoded original; returns (bytes, output format name)."""
    box, size = plan(photo, filter, upright)
    image = codec.resize(decoded, box.as_tuple(), size)
    image, env = run_filter_operations(filter, photo, image, decoded.source_format)
    output_format = env.get("output-format") or DEFAULT_OUTPUT.get(decoded.source_format, "jpeg")
    if output_format not in OUTPUT_FORMATS:
        output_format = "png" if image.mode == "RGBA" else "jpeg"
    output = OUTPUT_FORMATS[output_format]
    quality = env.get(f"{output_format}-quality") or output.rendition_quality()
    background = env.get("background-color", (255, 255, 255))
    data = codec.encode(
        image, output_format, quality=quality, icc_profile=decoded.icc_profile, background=background
    )
    return data, output_format


def run_filter_operations(filter, photo, image, source_format):
    """Run Wagtail's filter operations (format-*, *quality-*, bgcolor-*) for what they set."""
    env = {"original-format": source_format.lower()}
    willow = PillowImage(image)
    for operation in filter.filter_operations:
        if isinstance(operation, BackgroundColorOperation):
            # Applied when encoding, where we know whether the output can hold transparency.
            env["background-color"] = operation.color
            continue
        willow = operation.run(willow, photo, env) or willow
    return willow.image, env


def rendition_file(photo, filter, source=None, shared=None):
    """A named ContentFile for the rendition (see rendition_name).

    `shared` is a (decoded, upright) pair from decode_for() when several renditions are made at once.
    """
    decoded, upright = shared or decode_for(photo, [filter], source)
    data, output_format = render(photo, filter, decoded, upright)
    name = rendition_name(photo.iiif_identifier, filter.spec, filter.get_cache_key(photo), output_format, photo.sha256)
    return ContentFile(data, name=name)


def rendition_name(identifier, spec, cache_key, output_format, sha256=""):
    """
    Named after the photograph's public IIIF identifier, never the original's file name (Wagtail's
    way), which can hold a family name or an address, and after the original's SHA-256, so a new
    original gets new URLs and the old ones answer 404: `<identifier>-<sha256>.<spec>.<ext>`, both
    shortened as Wagtail shortens its stems so the path fits the 100-character file column.
    """
    suffix = spec.replace("|", ".")
    if cache_key:
        suffix = f"{cache_key}.{suffix}"
    suffix = f"{suffix}.{OUTPUT_FORMATS[output_format].extension}"
    version = f"-{sha256[:10]}" if sha256 else ""
    return f"{identifier[: max(8, 59 - len(suffix) - len(version))]}{version}.{suffix}"
