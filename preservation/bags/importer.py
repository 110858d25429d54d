"""Reading a bag back into the archive: validate everything first, then write."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import bagit
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Collection, CollectionViewRestriction, Site

from exhibit.models import (
    ChecklistEntry,
    Event,
    ExhibitionIndexPage,
    ExhibitionPage,
    ExhibitionPhotograph,
    HomePage,
    Showing,
    Venue,
)
from exhibit.page_translations import locale_for, translate
from gallery.ingest import intake
from gallery.ingest.folder_import import store_original
from gallery.ingest.upload_checks import UploadRejected
from gallery.models import Artist, Community, Photograph, PhotographTranslation
from preservation import bag_metadata

from .layout import EXHIBITION_FILE, FORMAT, PAGE_FIELDS, BagRefused, inside, map_images, read_json, values


@dataclass
class ImportSummary:
    page: ExhibitionPage | None = None
    photographs: int = 0
    already: int = 0
    created: dict = field(default_factory=dict)
    # Languages of the page's translations this site offers no content in: kept in the bag, not restored.
    languages_left_out: list = field(default_factory=list)

    def sentence(self):
        made = ", ".join(f"{count} {noun}" for noun, count in self.created.items())
        state = "published" if self.page.live else "saved as a draft"
        sentence = (f"Imported “{self.page.title}” ({state}, {self.page.url_path}): {self.photographs} photographs "
                    f"restored, {self.already} already in the archive; created {made or 'nothing else'}.")
        if self.languages_left_out:
            sentence += (f" Not restored: the page's translations into {', '.join(self.languages_left_out)}, languages "
                         f"this site does not offer (add them to WAGTAIL_CONTENT_LANGUAGES and import again).")
        return sentence


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
    exhibition = read_json(path, EXHIBITION_FILE, payload)
    if exhibition.get("format") != FORMAT:
        raise BagRefused(f"{EXHIBITION_FILE} is not an exhibition of format {FORMAT} (found {exhibition.get('format')!r}).")

    originals = []
    for entry in exhibition["photographs"]:
        record = read_json(path, entry["metadata"], payload)
        file_path = inside(path, record["archive:file"], payload)
        with open(file_path, "rb") as handle:
            try:
                prepared = intake.prepare(handle, file_path.name)
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
            if made:
                _restore_translations(community, data)
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
            _restore_translations(artist, data)
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
                venue = Venue.objects.create(**values(Venue, data, exclude=("translations",)))
                _restore_translations(venue, data)
            venues[venue.slug] = venue
            count("venues", made)
        summary.page = _restore_page(exhibition, photos, artists, communities, venues, summary.languages_left_out)
    counts["showings"] = summary.page.showings.count()
    counts["events"] = Event.objects.filter(showing__exhibition=summary.page).count()
    return summary


def _restore_translations(record, data):
    """The record's translations as the bag carries them (none in bags made before they were kept)."""
    # Through the row model, not record.translations: a ParentalKey's manager defers writes to a form.
    relation = record._meta.get_field("translations")
    for language, words in sorted((data.get("translations") or {}).items()):
        relation.related_model.objects.update_or_create(
            **{relation.field.name: record}, language=language,
            defaults={name: words.get(name, "") for name in record.translated_fields})


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
    intake.apply(photo, original.prepared)  # what the file says: hashes, EXIF, size
    for name, value in bag_metadata.field_values(record).items():  # then what the curators said
        setattr(photo, name, value)
    if record["archive:artist"]:
        photo.artist = artists[record["archive:artist"]["slug"]]
    if record["archive:collection"]:
        photo.collection = _collection(record["archive:collection"], record.get("archive:collection_private"))

    def relations(saved):
        saved.tags.set(record["dc:subject"])
        saved.communities.set([communities[c["slug"]] for c in record["archive:communities"]])
        for language, words in bag_metadata.translation_rows(record):
            PhotographTranslation.objects.update_or_create(photograph=saved, language=language, defaults=words)

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


def _restore_page(exhibition, photos, artists, communities, venues, languages_left_out):
    data = exhibition["page"]

    def photo(sha):
        return photos[sha] if sha else None

    def own_words(words):
        return {
            **{name: words[name] for name in PAGE_FIELDS if name != "live"},
            "hero_image": photo(words["hero_image"]),
            "body": json.dumps(map_images(
                ExhibitionPage.body.field.stream_block, words["body"],
                lambda ref: photos[ref.removeprefix("sha256:")].pk if ref and ref.removeprefix("sha256:") in photos else None,
            )),
        }

    page = ExhibitionPage(live=data["live"], **own_words(data))
    page.featured_artists = [artists[slug] for slug in data["featured_artists"]]
    page.communities = [communities[slug] for slug in data["communities"]]
    page.exhibition_photographs = [
        ExhibitionPhotograph(photograph=photos[item["photograph"]], caption=item["caption"], sort_order=item["sort_order"])
        for item in exhibition["items"]
    ]
    showings, checklists = [], []
    for showing_data in exhibition["showings"]:
        checklists.append(_checklist_of(showing_data))
        showing = Showing(**values(Showing, showing_data, exclude=("venue", "events", "checklist", *OLD_CHECKLIST_FIELDS)),
                          venue=venues[showing_data["venue"]])
        events = []
        for event_data in showing_data["events"]:
            event = Event(**values(Event, event_data, exclude=("speaker_artists",)))
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
    for showing, checklist in zip(page.showings.order_by("sort_order", "pk"), checklists):
        for item, done_at in checklist:
            ChecklistEntry.objects.create(showing=showing, item=item, done_at=done_at)
    for language, words in sorted(data.get("translations", {}).items()):
        locale = locale_for(language)
        if locale is None:
            languages_left_out.append(language)
        else:
            translate(page, locale, publish=words["live"], **own_words(words))
    return ExhibitionPage.objects.get(pk=page.pk)


# Bags written before the checklist had its own rows carry it as three booleans on the showing.
OLD_CHECKLIST_FIELDS = {
    "pre_exhibit_form_received": "pre_exhibit_form",
    "condition_report_on_arrival": "condition_report",
    "final_report": "final_report",
}


def _checklist_of(showing_data):
    entries = [(entry["item"], parse_datetime(entry["done_at"])) for entry in showing_data.get("checklist", [])]
    entries += [(item, timezone.now()) for name, item in OLD_CHECKLIST_FIELDS.items() if showing_data.get(name)]
    return entries
