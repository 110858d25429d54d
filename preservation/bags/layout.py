"""What export and import of a bag share: where things are in it, the refusal, and the JSON helpers."""

import json
import os
import shutil
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

FORMAT = "faces-and-places/exhibition/1"
EXHIBITION_FILE = "data/exhibition.json"
MANIFEST_FILE = "data/iiif/manifest.json"
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "show_in_menus", "summary", "live")


class BagRefused(Exception):
    """The bag cannot be imported; the message says why. Nothing has been written."""


def plain(instance, exclude=()):
    """The instance's own column values as JSON-able data (no primary key, foreign keys named apart)."""
    values = {}
    for model_field in type(instance)._meta.concrete_fields:
        if model_field.primary_key or model_field.name in exclude or model_field.is_relation:
            continue
        value = model_field.value_from_object(instance)
        values[model_field.name] = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return values


def values(model, data, exclude=()):
    """Model field values from `plain` data."""
    values = {}
    for name, value in data.items():
        if name in exclude:
            continue
        model_field = model._meta.get_field(name)
        values[name] = model_field.to_python(value) if value is not None and not isinstance(model_field, models.JSONField) else value
    return values


def raw_body(page):
    return json.loads(json.dumps(page.body.get_prep_value(), cls=DjangoJSONEncoder))


def map_images(block, value, convert):
    """The raw stream `value` with every image chooser's value passed through `convert`."""
    if isinstance(block, ImageChooserBlock):
        return convert(value) if value is not None else None
    if isinstance(block, blocks.StreamBlock):
        return [{**child, "value": map_images(block.child_blocks[child["type"]], child["value"], convert)}
                for child in value or [] if child.get("type") in block.child_blocks]
    if isinstance(block, blocks.ListBlock):
        return [{**item, "value": map_images(block.child_block, item["value"], convert)}
                if isinstance(item, dict) and item.get("type") == "item" and "value" in item
                else map_images(block.child_block, item, convert) for item in value or []]
    if isinstance(block, blocks.StructBlock):
        return {name: map_images(block.child_blocks[name], child, convert) if name in block.child_blocks else child
                for name, child in (value or {}).items()}
    return value


def inside(root, relative, payload):
    """The path of a payload file named by the bag's own JSON, refusing anything outside the payload."""
    if relative not in payload:
        raise BagRefused(f"The bag names {relative!r}, which is not in its manifest.")
    path = Path(root, relative)
    if path.is_symlink() or not path.resolve().is_relative_to(Path(root).resolve()):
        raise BagRefused(f"{relative} is a link or lies outside the bag.")
    return path


def read_json(root, relative, payload):
    try:
        return json.loads(inside(root, relative, payload).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BagRefused(f"{relative} is not valid JSON: {error}") from None


def write_json(path, data):
    Path(path).write_text(json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")


def remove_contents(folder, *, remove_dir):
    if remove_dir:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else os.remove(child)
