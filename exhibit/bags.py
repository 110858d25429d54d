"""
An exhibition as a BagIt bag (Library of Congress), and back.

    data/exhibition.json          the exhibition page, its ordered photographs, showings, events,
                                  venues, artists and communities (photographs named by SHA-256)
    data/metadata/<name>.json     one gallery.bag_metadata record per photograph (Dublin Core names)
    data/originals/<name>         the originals, byte for byte
    data/iiif/manifest.json       the exhibition's IIIF manifest, when the site can build one
    manifest-sha256.txt, tagmanifest-sha256.txt, bag-info.txt, bagit.txt

Importing validates the whole bag first (every checksum, no missing or extra file) and checks every
original through gallery.ingest before writing anything; a bag that fails is refused with the reason.
Photographs are matched by SHA-256, artists, communities and venues by slug: what the archive already
holds is kept as it is and linked to, not duplicated.

The bag is the organisation's archival copy, not a public file: staff logistics, consent and GPS travel
in it. Venue staff logins and page revisions do not (they belong to one installation).
"""

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import bagit
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Collection, CollectionViewRestriction, Site

from gallery import bag_metadata, base_url, ingest
from gallery.folder_import import store_original
from gallery.models import Artist, Community, Photograph
from gallery.upload_checks import UploadRejected

from .models import Event, ExhibitionIndexPage, ExhibitionPage, ExhibitionPhotograph, HomePage, Showing, Venue

FORMAT = "faces-and-places/exhibition/1"
EXHIBITION_FILE = "data/exhibition.json"
MANIFEST_FILE = "data/iiif/manifest.json"
PAGE_FIELDS = ("title", "slug", "seo_title", "search_description", "show_in_menus", "summary", "live")
CHUNK = 1024 * 1024


class BagRefused(Exception):
    """The bag cannot be imported; the message says why. Nothing has been written."""


# ---- Photograph records: the site's part ----


def _exhibitions_of(photo):
    items = photo.exhibition_items.select_related("page").order_by("page__slug", "sort_order")
    return [{"slug": item.page.slug, "caption": item.caption, "sort_order": item.sort_order} for item in items] or None


bag_metadata.register_section("exhibit:exhibitions", _exhibitions_of)


# ---- Export ----


@dataclass
class ExportSummary:
    path: Path
    photographs: int = 0
    bytes: int = 0
    showings: int = 0
    events: int = 0
    manifest: bool = False

    def sentence(self):
        manifest = "with its IIIF manifest" if self.manifest else "without a IIIF manifest (the site builds none yet)"
        return (f"Bag written to {self.path}: {self.photographs} photographs ({self.bytes / 1e6:.1f} MB of originals), "
                f"{self.showings} showings, {self.events} events, {manifest}; validated.")


def photographs_of(page):
    """Every photograph the exhibition needs, ordered: its items, hero, body, and its artists' portraits."""
    ordered = [item.photograph for item in page.exhibition_photographs.select_related("photograph").order_by("sort_order", "pk")]
    extra_ids = [page.hero_image_id, *body_photograph_ids(page)]
    artists = artists_of(page, ordered)
    extra_ids += [artist.portrait_id for artist in artists]
    seen = {photo.pk for photo in ordered}
    by_id = Photograph.objects.in_bulk([pk for pk in extra_ids if pk and pk not in seen])
    for pk in extra_ids:
        if pk in by_id and pk not in seen:
            seen.add(pk)
            ordered.append(by_id[pk])
    return ordered


def artists_of(page, photographs):
    slugs = set(page.featured_artists.values_list("slug", flat=True))
    slugs |= {photo.artist.slug for photo in photographs if photo.artist_id}
    for showing in page.showings.all():
        for event in showing.events.all():
            slugs |= set(event.speaker_artists.values_list("slug", flat=True))
    return list(Artist.objects.filter(slug__in=slugs).order_by("slug"))


def body_photograph_ids(page):
    ids = []
    _map_images(page.body.stream_block, _raw_body(page), lambda pk: ids.append(pk) or pk)
    return ids


def export_exhibition(page, outdir, *, progress=None):
    """Write `page` as a bag in `outdir` (new or empty). Returns an ExportSummary."""
    outdir = Path(outdir)
    if outdir.exists() and any(outdir.iterdir()):
        raise BagRefused(f"{outdir} is not empty: give a new or empty folder for the bag.")
    created = not outdir.exists()
    outdir.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary(path=outdir)
    try:
        photographs = photographs_of(page)
        names = _bag_names(photographs)
        (outdir / "originals").mkdir()
        (outdir / "metadata").mkdir()
        listed = []
        for done, photo in enumerate(photographs, 1):
            name = names[photo.pk]
            summary.bytes += _copy_original(photo, outdir / "originals" / name)
            record = bag_metadata.photograph_record(photo, file_path=f"data/originals/{name}")
            metadata_path = f"metadata/{Path(name).stem}.json"
            _write_json(outdir / metadata_path, record)
            listed.append({"sha256": photo.sha256, "metadata": f"data/{metadata_path}"})
            if progress:
                progress(done, len(photographs))
        exhibition = exhibition_record(page, photographs)
        exhibition["photographs"] = listed
        _write_json(outdir / "exhibition.json", exhibition)
        manifest = exhibition_manifest(page)
        if manifest is not None:
            (outdir / "iiif").mkdir()
            _write_json(outdir / "iiif" / "manifest.json", manifest)
            summary.manifest = True
        bag = bagit.make_bag(str(outdir), bag_info=_bag_info(page, len(photographs)), checksums=["sha256"])
        bag = declare_bagit_1_0(bag)
        bag.validate()
    except BaseException:
        _remove_contents(outdir, remove_dir=created)
        raise
    summary.photographs = len(photographs)
    summary.showings = len(exhibition["showings"])
    summary.events = sum(len(showing["events"]) for showing in exhibition["showings"])
    return summary


def declare_bagit_1_0(bag):
    """bagit-python writes `BagIt-Version: 0.97`; the bag it makes is a valid RFC 8493 (1.0) bag, so say so.

    bagit.txt is covered by the tag manifest, which is written again for the new bytes.
    """
    Path(bag.path, "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    bag = bagit.Bag(bag.path)
    bag.save()
    return bag


BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def exhibition_record(page, photographs):
    sha_of = {photo.pk: photo.sha256 for photo in photographs}
    artists = artists_of(page, photographs)
    venues = Venue.objects.filter(showings__exhibition=page).distinct().order_by("slug")
    communities = set(page.communities.all())
    for artist in artists:
        communities |= set(artist.communities.all())
    return {
        "format": FORMAT,
        "page": {
            **{name: getattr(page, name) for name in PAGE_FIELDS},
            "hero_image": sha_of.get(page.hero_image_id),
            "body": _map_images(page.body.stream_block, _raw_body(page), lambda pk: f"sha256:{sha_of[pk]}" if pk in sha_of else None),
            "featured_artists": sorted(page.featured_artists.values_list("slug", flat=True)),
            "communities": sorted(page.communities.values_list("slug", flat=True)),
        },
        "items": [
            {"photograph": item.photograph.sha256, "caption": item.caption, "sort_order": item.sort_order}
            for item in page.exhibition_photographs.select_related("photograph").order_by("sort_order", "pk")
        ],
        "showings": [
            {
                **_plain(showing, exclude=("exhibition", "venue")), "venue": showing.venue.slug,
                "events": [
                    {**_plain(event, exclude=("showing",)),
                     "speaker_artists": sorted(event.speaker_artists.values_list("slug", flat=True))}
                    for event in showing.events.order_by("sort_order", "pk")
                ],
            }
            for showing in page.showings.select_related("venue").order_by("sort_order", "pk")
        ],
        "venues": [_plain(venue) for venue in venues],
        "artists": [
            {"name": artist.name, "slug": artist.slug, "bio": artist.bio, "website": artist.website,
             "portrait": sha_of.get(artist.portrait_id),
             "communities": sorted(artist.communities.values_list("slug", flat=True))}
            for artist in artists
        ],
        "communities": [{"name": c.name, "slug": c.slug, "description": c.description}
                        for c in sorted(communities, key=lambda c: c.slug)],
    }


def exhibition_manifest(page):
    """The exhibition's IIIF Presentation 3.0 manifest as the public site serves it, or None when it
    has no public photograph (IIIF allows no empty manifest)."""
    from .iiif import exhibition_manifest as build

    manifest = build(page, _site_base_url())
    return manifest if manifest.get("items") else None


def _site_base_url():
    return base_url.base_url()


def _bag_info(page, count):
    return {
        "Source-Organization": getattr(settings, "BAG_SOURCE_ORGANIZATION", "") or settings.WAGTAIL_SITE_NAME,
        "External-Identifier": page.slug,
        "External-Description": f"The exhibition “{page.title}”: {count} photographs with their metadata, "
                                "the itinerary and events.",
        "Internal-Sender-Identifier": f"exhibition/{page.slug}",
        "Internal-Sender-Description": f"Exported from {settings.WAGTAIL_SITE_NAME} by manage.py export_bag.",
        "Bag-Group-Identifier": f"exhibition-{page.slug}",
        # bagit-python's default names its project page; the bag names no host but the site's own.
        "Bag-Software-Agent": f"{settings.WAGTAIL_SITE_NAME} export_bag (bagit-python {bagit.VERSION})",
    }


def _bag_names(photographs):
    """A file name per photograph inside originals/, unique in the bag (the stored name if it is free)."""
    names, taken = {}, set()
    for photo in photographs:
        name = Path(photo.file.name).name
        if name.casefold() in taken:
            stem, suffix = Path(name).stem, Path(name).suffix
            name = f"{stem}-{photo.sha256[:12]}{suffix}"
        taken.add(name.casefold())
        names[photo.pk] = name
    return names


def _copy_original(photo, target):
    """Copy the stored original and check it is still the file that was archived (fixity)."""
    if not photo.sha256:
        raise BagRefused(f"“{photo.title}” (#{photo.pk}) has no SHA-256 on record, so its copy could not be "
                         "checked: save it again in the admin or re-import it first.")
    digest, size = hashlib.sha256(), 0
    with photo.file.open("rb") as source, open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    if digest.hexdigest() != photo.sha256:
        raise BagRefused(f"The stored original of “{photo.title}” (#{photo.pk}) no longer matches its SHA-256: "
                         "run verify_fixity and restore it before exporting.")
    return size


# ---- Import ----


@dataclass
class ImportSummary:
    page: ExhibitionPage | None = None
    photographs: int = 0
    already: int = 0
    created: dict = field(default_factory=dict)

    def sentence(self):
        made = ", ".join(f"{count} {noun}" for noun, count in self.created.items())
        state = "published" if self.page.live else "saved as a draft"
        return (f"Imported “{self.page.title}” ({state}, {self.page.url_path}): {self.photographs} photographs "
                f"restored, {self.already} already in the archive; created {made or 'nothing else'}.")


@dataclass
class _Original:
    record: dict
    path: Path
    prepared: object


def read_bag(path, *, on_validating=None):
    """Validate the bag and everything in it, without writing. Returns (exhibition, [_Original])."""
    try:
        return _read_bag(path, on_validating)
    except (KeyError, TypeError, AttributeError) as error:
        raise BagRefused(f"The bag's JSON lacks something this archive needs ({error!r}); "
                         f"is it an exhibition bag of format {FORMAT}?") from None


def _read_bag(path, on_validating):
    path = Path(path)
    if not path.is_dir():
        raise BagRefused(f"{path} is not a folder (a bag is a folder with bagit.txt in it).")
    bag = None
    try:
        bag = bagit.Bag(str(path))
        if on_validating:
            on_validating(len(bag.payload_entries()))
        bag.validate()
    except bagit.BagError as error:
        raise BagRefused(f"The bag is not valid: {error}{_which_files(bag, error)}") from None
    if "sha256" not in bag.algorithms:
        raise BagRefused("The bag has no SHA-256 manifest; this archive only accepts bags with one.")
    payload = set(bag.payload_entries())
    exhibition = _read_json(path, EXHIBITION_FILE, payload)
    if exhibition.get("format") != FORMAT:
        raise BagRefused(f"{EXHIBITION_FILE} is not an exhibition of format {FORMAT} (found {exhibition.get('format')!r}).")

    originals = []
    for entry in exhibition["photographs"]:
        record = _read_json(path, entry["metadata"], payload)
        file_path = _inside(path, record["archive:file"], payload)
        with open(file_path, "rb") as handle:
            try:
                prepared = ingest.prepare(handle, file_path.name)
            except UploadRejected as rejection:
                raise BagRefused(f"{record['archive:file']} is refused by the archive: {rejection}") from None
        if prepared.sha256 != record["archive:sha256"] or prepared.sha256 != entry["sha256"]:
            raise BagRefused(f"{record['archive:file']} does not have the SHA-256 its metadata gives.")
        originals.append(_Original(record, file_path, prepared))

    parent = exhibition_parent()
    if parent is None:
        raise BagRefused("The site has no home page to put the exhibition under: run migrate first.")
    slug = exhibition["page"]["slug"]
    if parent.get_children().filter(slug=slug).exists():
        raise BagRefused(f"There is already a page with the slug “{slug}” under “{parent.title}”.")
    return exhibition, originals


def _which_files(bag, error):
    """The Payload-Oxum check fails first and names no file: name the missing and unexpected ones."""
    if bag is None or getattr(error, "details", None):
        return ""
    try:
        missing, extra = bag.compare_manifests_with_fs()
    except bagit.BagError:
        return ""
    parts = [f"{name} exists in manifest but was not found on filesystem" for name in sorted(missing)]
    parts += [f"{name} exists on filesystem but is not in the manifest" for name in sorted(extra)]
    return f" ({'; '.join(parts)})" if parts else ""


def import_bag(path, *, progress=None, on_validating=None):
    exhibition, originals = read_bag(path, on_validating=on_validating)
    summary = ImportSummary()
    counts = summary.created

    def count(noun, was_created):
        counts[noun] = counts.get(noun, 0) + (1 if was_created else 0)

    communities = {}
    everything = [*exhibition["communities"], *(c for o in originals for c in o.record["archive:communities"])]
    for data in everything:
        if data["slug"] not in communities:
            community, made = Community.objects.get_or_create(
                slug=data["slug"], defaults={"name": data["name"], "description": data["description"]})
            communities[data["slug"]] = community
            count("communities", made)

    artists = {}
    artist_data = {a["slug"]: a for o in originals if o.record["archive:artist"] for a in [o.record["archive:artist"]]}
    artist_data.update({a["slug"]: a for a in exhibition["artists"]})
    for slug, data in artist_data.items():
        artist, made = Artist.objects.get_or_create(
            slug=slug, defaults={"name": data["name"], "bio": data["bio"], "website": data["website"]})
        if made:
            artist.communities.set([communities[c] for c in data["communities"] if c in communities])
        artists[slug] = artist
        count("artists", made)

    photos = {}
    for done, original in enumerate(originals, 1):
        existing = Photograph.objects.filter(sha256=original.prepared.sha256).first()
        if existing:
            photos[existing.sha256] = existing
            summary.already += 1
        else:
            photos[original.prepared.sha256] = _restore_photograph(original, artists, communities)
            summary.photographs += 1
        if progress:
            progress(done, len(originals))

    for slug, data in artist_data.items():
        if data.get("portrait") and artists[slug].portrait_id is None and data["portrait"] in photos:
            artists[slug].portrait = photos[data["portrait"]]
            artists[slug].save(update_fields=["portrait"])

    with transaction.atomic():
        venues = {}
        for data in exhibition["venues"]:
            venue = Venue.objects.filter(slug=data["slug"]).first()
            made = venue is None
            if made:
                venue = Venue.objects.create(**_values(Venue, data))
            venues[venue.slug] = venue
            count("venues", made)
        summary.page = _restore_page(exhibition, photos, artists, communities, venues)
    counts["showings"] = summary.page.showings.count()
    counts["events"] = Event.objects.filter(showing__exhibition=summary.page).count()
    return summary


def exhibition_parent():
    """Where a restored exhibition goes: the exhibitions index if there is one, else the home page."""
    index = ExhibitionIndexPage.objects.first()
    if index:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    return HomePage.objects.first()


def _restore_photograph(original, artists, communities):
    record = original.record
    photo = Photograph()
    ingest.apply(photo, original.prepared)  # what the file says: hashes, EXIF, size
    for name, value in bag_metadata.field_values(record).items():  # then what the curators said
        setattr(photo, name, value)
    if record["archive:artist"]:
        photo.artist = artists[record["archive:artist"]["slug"]]
    if record["archive:collection"]:
        photo.collection = _collection(record["archive:collection"], record.get("archive:collection_private"))

    def relations(saved):
        saved.tags.set(record["dc:subject"])
        saved.communities.set([communities[c["slug"]] for c in record["archive:communities"]])

    with open(original.path, "rb") as handle:
        return store_original(photo, handle, original.prepared, after_save=relations)


def _collection(name, private):
    collection = Collection.objects.filter(name=name).exclude(depth=1).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=name)
    if private and not CollectionViewRestriction.objects.filter(collection=collection).exists():
        # The bag does not carry who may see it; logged-in staff only is the safe reading.
        CollectionViewRestriction.objects.create(collection=collection,
                                                 restriction_type=CollectionViewRestriction.LOGIN)
    return collection


def _restore_page(exhibition, photos, artists, communities, venues):
    data = exhibition["page"]

    def photo(sha):
        return photos[sha] if sha else None

    page = ExhibitionPage(**{name: data[name] for name in PAGE_FIELDS})
    page.hero_image = photo(data["hero_image"])
    page.body = json.dumps(_map_images(
        ExhibitionPage.body.field.stream_block, data["body"],
        lambda ref: photos[ref.removeprefix("sha256:")].pk if ref and ref.removeprefix("sha256:") in photos else None,
    ))
    page.featured_artists = [artists[slug] for slug in data["featured_artists"]]
    page.communities = [communities[slug] for slug in data["communities"]]
    page.exhibition_photographs = [
        ExhibitionPhotograph(photograph=photos[item["photograph"]], caption=item["caption"], sort_order=item["sort_order"])
        for item in exhibition["items"]
    ]
    showings = []
    for showing_data in exhibition["showings"]:
        showing = Showing(**_values(Showing, showing_data, exclude=("venue", "events")), venue=venues[showing_data["venue"]])
        events = []
        for event_data in showing_data["events"]:
            event = Event(**_values(Event, event_data, exclude=("speaker_artists",)))
            event.speaker_artists = [artists[slug] for slug in event_data["speaker_artists"]]
            events.append(event)
        showing.events = events
        showings.append(showing)
    page.showings = showings
    exhibition_parent().add_child(instance=page)
    page = ExhibitionPage.objects.get(pk=page.pk)
    revision = page.save_revision()
    if data["live"]:
        revision.publish()
    return ExhibitionPage.objects.get(pk=page.pk)


# ---- Helpers ----


def _plain(instance, exclude=()):
    """The instance's own column values as JSON-able data (no primary key, foreign keys named apart)."""
    values = {}
    for model_field in type(instance)._meta.concrete_fields:
        if model_field.primary_key or model_field.name in exclude or model_field.is_relation:
            continue
        value = model_field.value_from_object(instance)
        values[model_field.name] = json.loads(json.dumps(value, cls=DjangoJSONEncoder))
    return values


def _values(model, data, exclude=()):
    """Model field values from `_plain` data."""
    values = {}
    for name, value in data.items():
        if name in exclude:
            continue
        model_field = model._meta.get_field(name)
        values[name] = model_field.to_python(value) if value is not None and not isinstance(model_field, models.JSONField) else value
    return values


def _raw_body(page):
    return json.loads(json.dumps(page.body.get_prep_value(), cls=DjangoJSONEncoder))


def _map_images(block, value, convert):
    """The raw stream `value` with every image chooser's value passed through `convert`."""
    if isinstance(block, ImageChooserBlock):
        return convert(value) if value is not None else None
    if isinstance(block, blocks.StreamBlock):
        return [{**child, "value": _map_images(block.child_blocks[child["type"]], child["value"], convert)}
                for child in value or [] if child.get("type") in block.child_blocks]
    if isinstance(block, blocks.ListBlock):
        return [{**item, "value": _map_images(block.child_block, item["value"], convert)}
                if isinstance(item, dict) and item.get("type") == "item" and "value" in item
                else _map_images(block.child_block, item, convert) for item in value or []]
    if isinstance(block, blocks.StructBlock):
        return {name: _map_images(block.child_blocks[name], child, convert) if name in block.child_blocks else child
                for name, child in (value or {}).items()}
    return value


def _inside(root, relative, payload):
    """The path of a payload file named by the bag's own JSON, refusing anything outside the payload."""
    if relative not in payload:
        raise BagRefused(f"The bag names {relative!r}, which is not in its manifest.")
    path = Path(root, relative)
    if path.is_symlink() or not path.resolve().is_relative_to(Path(root).resolve()):
        raise BagRefused(f"{relative} is a link or lies outside the bag.")
    return path


def _read_json(root, relative, payload):
    try:
        return json.loads(_inside(root, relative, payload).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BagRefused(f"{relative} is not valid JSON: {error}") from None


def _write_json(path, data):
    Path(path).write_text(json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                          encoding="utf-8")


def _remove_contents(folder, *, remove_dir):
    if remove_dir:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else os.remove(child)
