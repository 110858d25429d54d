"""Writing an exhibition as a bag."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

import bagit
from django.conf import settings

from exhibit import iiif
from exhibit.models import Venue
from exhibit.page_translations import translations_of
from gallery import base_url, checksums, words
from gallery.models import Artist, Photograph
from preservation import bag_metadata

from .layout import FORMAT, PAGE_FIELDS, BagRefused, map_images, plain, raw_body, remove_contents, write_json


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
    map_images(page.body.stream_block, raw_body(page), lambda pk: ids.append(pk) or pk)
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
            write_json(outdir / metadata_path, record)
            listed.append({"sha256": photo.sha256, "metadata": f"data/{metadata_path}"})
            if progress:
                progress(done, len(photographs))
        exhibition = exhibition_record(page, photographs)
        exhibition["photographs"] = listed
        write_json(outdir / "exhibition.json", exhibition)
        manifest = exhibition_manifest(page)
        if manifest is not None:
            (outdir / "iiif").mkdir()
            write_json(outdir / "iiif" / "manifest.json", manifest)
            summary.manifest = True
        bag = bagit.make_bag(str(outdir), bag_info=_bag_info(page, len(photographs)), checksums=["sha256"])
        bag = declare_bagit_1_0(bag)
        bag.validate()
    except BaseException:
        remove_contents(outdir, remove_dir=created)
        raise
    summary.photographs = len(photographs)
    summary.showings = len(exhibition["showings"])
    summary.events = sum(len(showing["events"]) for showing in exhibition["showings"])
    return summary


def page_words(page, sha_of):
    """The page's own fields as a bag restores them (its photographs named by their SHA-256)."""
    return {
        **{name: getattr(page, name) for name in PAGE_FIELDS},
        "hero_image": sha_of.get(page.hero_image_id),
        "body": map_images(page.body.stream_block, raw_body(page), lambda pk: f"sha256:{sha_of[pk]}" if pk in sha_of else None),
    }


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
            **page_words(page, sha_of),
            "featured_artists": sorted(page.featured_artists.values_list("slug", flat=True)),
            "communities": sorted(page.communities.values_list("slug", flat=True)),
            # Its versions in the site's other languages (wagtail-localize's or the demo's copies).
            "translations": {language: page_words(other, sha_of) for language, other in translations_of(page).items()},
        },
        "items": [
            {"photograph": item.photograph.sha256, "caption": item.caption, "sort_order": item.sort_order}
            for item in page.exhibition_photographs.select_related("photograph").order_by("sort_order", "pk")
        ],
        "showings": [
            {
                **plain(showing, exclude=("exhibition", "venue")), "venue": showing.venue.slug,
                # Who ticked stays behind with the logins; what was ticked and when travels.
                "checklist": [
                    {"item": entry.item, "done_at": entry.done_at.isoformat()}
                    for entry in showing.checklist_entries.order_by("item")
                ],
                "events": [
                    {**plain(event, exclude=("showing",)),
                     "speaker_artists": sorted(event.speaker_artists.values_list("slug", flat=True))}
                    for event in showing.events.order_by("sort_order", "pk")
                ],
            }
            for showing in page.showings.select_related("venue").order_by("sort_order", "pk")
        ],
        "venues": [{**plain(venue), "translations": words.translations_as_data(venue)} for venue in venues],
        "artists": [
            {"name": artist.name, "slug": artist.slug, "bio": artist.bio, "website": artist.website,
             "portrait": sha_of.get(artist.portrait_id),
             "communities": sorted(artist.communities.values_list("slug", flat=True)),
             "translations": words.translations_as_data(artist)}
            for artist in artists
        ],
        "communities": [{"name": c.name, "slug": c.slug, "description": c.description,
                         "translations": words.translations_as_data(c)}
                        for c in sorted(communities, key=lambda c: c.slug)],
    }


def exhibition_manifest(page):
    """The exhibition's IIIF Presentation 3.0 manifest as the public site serves it, or None when it
    has no public photograph (IIIF allows no empty manifest)."""
    manifest = iiif.exhibition_manifest(page, base_url.base_url())
    return manifest if manifest.get("items") else None


BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def declare_bagit_1_0(bag):
    """bagit-python writes `BagIt-Version: 0.97`; the bag it makes is a valid RFC 8493 (1.0) bag, so say so.

    bagit.txt is covered by the tag manifest, which is written again for the new bytes.
    """
    Path(bag.path, "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    bag = bagit.Bag(bag.path)
    bag.save()
    return bag


def _bag_info(page, count):
    return {
        "Source-Organization": settings.BAG_SOURCE_ORGANIZATION or settings.WAGTAIL_SITE_NAME,
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
    digest = hashlib.sha256()
    with photo.file.open("rb") as source, open(target, "wb") as out:
        size = checksums.stream(source, digest, sink=out)
    if digest.hexdigest() != photo.sha256:
        raise BagRefused(f"The stored original of “{photo.title}” (#{photo.pk}) no longer matches its SHA-256: "
                         "run verify_fixity and restore it before exporting.")
    return size
