"""
The archive: photographs (Wagtail's custom image model), the artists who made them and the
communities they show.
"""

import os
import uuid

from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _, gettext_lazy
from taggit.managers import TaggableManager
from taggit.models import ItemBase, NaturalKeyManager, TagBase
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    ImageQuerySet,
    WagtailImageField,
    WagtailImageFieldFile,
    get_upload_to,
)
from wagtail.models import CollectionViewRestriction
from wagtail.search import index

from gallery import approximate_dates, date_wording, photograph_words, rights, words
from gallery.community_chooser import CommunityChooser
from gallery.imaging import pyramid, renditions
from gallery.ingest.upload_checks import open_image

from .signals import original_stored
from .slugs import SlugFromName
from .translation_panels import TranslationsPanel, language_panel


class OriginalFieldFile(WagtailImageFieldFile):
    def get_image_dimensions(self):
        """From the header: Willow decodes the whole image for its size (400 MB for a 100 MP scan)."""
        close = self.closed
        try:
            self.open()
            return open_image(self).size
        except Exception:  # not something our allowlist opens: let Willow say what it is
            return super().get_image_dimensions()
        finally:
            if close:
                self.close()
            else:
                self.seek(0)


class OriginalField(WagtailImageField):
    attr_class = OriginalFieldFile


def _public(queryset, hook_name, own):
    """`queryset` narrowed to rows in `own` (pks, or a condition) or in what any `hook_name` hook
    returns: other apps name further reasons one is public (exhibit: named by a public exhibition), as
    querysets of pks."""
    public = own if isinstance(own, models.Q) else models.Q(pk__in=own)
    for source in hooks.get_hooks(hook_name):
        public |= models.Q(pk__in=source())
    return queryset.filter(public)


class Translation(models.Model):
    """A record's words in one of the site's other languages, as a curator wrote them (gallery.words).

    Wagtail-localize translates pages; these rows translate the archive's records in place, so a
    photograph, an artist or a community stays one row that everything links to and counts, whatever
    the language. A blank field is untranslated: pages show the source words there, marked with their
    language. The language is checked against settings.LANGUAGES by its validator, not by choices, so a
    deployment adding a language needs no migration.
    """

    language = models.CharField(max_length=15, validators=[words.validate_language])
    updated_at = models.DateTimeField(auto_now=True)

    # The source record's fields this row translates (each a blank=True field of the same name here).
    translated_fields = ()

    class Meta:
        abstract = True

    def __str__(self):
        return self.language

    @property
    def is_empty(self):
        return not any(getattr(self, name) for name in self.translated_fields)


class CommunityQuerySet(models.QuerySet):
    def public(self):
        """Communities on a public photograph, or public by a `public_communities` hook: anything
        else (say, a community only on a withheld photograph) has no public page."""
        # EXISTS per community: one public photograph is enough, not the list of every tagged one.
        tagged = TaggedCommunity.objects.filter(tag=models.OuterRef("pk"), content_object__in=Photograph.objects.public())
        return _public(self, "public_communities", models.Q(models.Exists(tagged)))


class Community(words.TranslatedRecord, TagBase, ClusterableModel):
    """A community photographs show: a tag of its own kind, never mixed with free keywords."""

    description = models.TextField(blank=True)

    objects = NaturalKeyManager.from_queryset(CommunityQuerySet)()

    translated_fields = ("description",)
    panels = [
        FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"),
        TranslationsPanel(heading="Description in other languages", label="Translation"),
    ]

    class Meta:
        verbose_name = "community"
        verbose_name_plural = "communities"
        ordering = ["name"]

    def get_absolute_url(self):
        return reverse("gallery:community", args=[self.slug])


class ArtistQuerySet(models.QuerySet):
    def public(self):
        """Artists with a public photograph, or public by a `public_artists` hook."""
        # EXISTS per artist (their photographs' index): one public photograph is enough, not the list
        # of every public photograph's artist.
        shown = Photograph.objects.public().filter(artist=models.OuterRef("pk"))
        return _public(self, "public_artists", models.Q(models.Exists(shown)))


class Artist(words.TranslatedRecord, SlugFromName, index.Indexed, ClusterableModel):
    slug_fallback = "artist"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, blank=True, help_text="Leave blank to make one from the name.")
    bio = models.TextField(blank=True)
    portrait = models.ForeignKey(
        "gallery.Photograph", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(blank=True)
    communities = models.ManyToManyField(Community, blank=True, related_name="artists")

    objects = ArtistQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("bio"),
        FieldPanel("portrait"),
        FieldPanel("website"),
        FieldPanel("communities", widget=CommunityChooser),
        TranslationsPanel(heading="Bio in other languages", label="Translation"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("bio"), index.AutocompleteField("name")]
    translated_fields = ("bio",)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("gallery:artist", args=[self.slug])


class ArtistTranslation(Translation):
    artist = ParentalKey(Artist, on_delete=models.CASCADE, related_name="translations")
    bio = models.TextField(blank=True)

    translated_fields = Artist.translated_fields
    panels = [language_panel(), FieldPanel("bio")]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["artist", "language"], name="one_artist_translation_per_language")]
        ordering = ["artist", "language"]


class CommunityTranslation(Translation):
    community = ParentalKey(Community, on_delete=models.CASCADE, related_name="translations")
    description = models.TextField(blank=True)

    translated_fields = Community.translated_fields
    panels = [language_panel(), FieldPanel("description")]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "language"], name="one_community_translation_per_language"),
        ]
        ordering = ["community", "language"]


class TaggedCommunity(ItemBase):
    tag = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="tagged_photographs")
    content_object = models.ForeignKey("gallery.Photograph", on_delete=models.CASCADE, related_name="+")

    class Meta:
        unique_together = [("content_object", "tag")]
        # A community's photographs read from this index alone (the unique pair leads with the photograph).
        indexes = [models.Index(fields=["tag", "content_object"], name="community_photographs")]


class DuplicateOriginal(IntegrityError):
    """The same original (same SHA-256) is already in the archive."""

    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"This file is already in the archive as “{existing.title}” (photograph #{existing.pk}).")


class Visibility:
    """One condition of the rule that decides what the public may see, written once for both sides:
    `allows` as a filter on rows, `holds` for one photograph in memory, and the reason a curator reads
    when it fails. `public()` filters on every condition; `public_blockers` names the failing ones."""

    def __init__(self, name, allows, holds, reason):
        self.name, self.allows, self.holds, self.reason = name, allows, holds, reason


def _in_private_collection(photo):
    return bool(photo.collection_id) and CollectionViewRestriction.objects.filter(
        collection_id=photo.collection_id).exists()


PUBLIC_CONSENT = ("on_file", "not_needed")
VISIBILITY_RULE = (
    Visibility("published", lambda: models.Q(is_published=True), lambda photo: photo.is_published,
               lambda photo: "not published"),
    Visibility("consent", lambda: models.Q(consent__in=PUBLIC_CONSENT), lambda photo: photo.consent in PUBLIC_CONSENT,
               lambda photo: f"consent {photo.get_consent_display().lower()}"),
    Visibility("alt_text", lambda: ~models.Q(alt_text=""), lambda photo: bool(photo.alt_text),
               lambda photo: "no alt text"),
    Visibility("collection",
               lambda: ~models.Q(collection_id__in=CollectionViewRestriction.objects.values("collection_id")),
               lambda photo: not _in_private_collection(photo), lambda photo: "private collection"),
)


class PhotographQuerySet(ImageQuerySet):
    def public(self):
        """What the public may see: every condition of the visibility rule holds."""
        condition = models.Q()
        for rule in VISIBILITY_RULE:
            condition &= rule.allows()
        return self.filter(condition)

    def not_public_because(self, name):
        """The photographs one condition of the rule keeps from the public (by its name)."""
        rule = next(rule for rule in VISIBILITY_RULE if rule.name == name)
        return self.exclude(rule.allows())

    def not_public(self):
        """The photographs some condition of the rule keeps from the public."""
        return self.exclude(pk__in=self.model.objects.public().values("pk"))

    def with_words(self, language=None):
        """Prefetches the translations `Photograph.words()` reads, when the language (the active one by
        default) is one photographs are translated into: one query for a whole listing."""
        if words.translated_language(language) is None:
            return self
        return self.prefetch_related("translations")

    def missing_translation(self, language, field):
        """Photographs whose `field` has source words but none in `language` (blank or no translation)."""
        return words.missing_translation(self, language, field)


# A photograph whose date ends this many years ago or earlier is historical when nobody said otherwise.
HISTORICAL_YEARS = 30


def new_iiif_identifier():
    return str(uuid.uuid4())


class Photograph(words.TranslatedRecord, AbstractImage):
    class Kind(models.TextChoices):
        CONTEMPORARY = "contemporary", gettext_lazy("Contemporary")
        HISTORICAL = "historical", gettext_lazy("Historical")

    class Consent(models.TextChoices):
        ON_FILE = "on_file", "On file"
        NOT_NEEDED = "not_needed", "Not needed (historical or public event)"
        PENDING = "pending", "Pending"
        WITHHELD = "withheld", "Withheld"

    PUBLIC_CONSENT = PUBLIC_CONSENT

    file = OriginalField(verbose_name="file", upload_to=get_upload_to, width_field="width", height_field="height")

    # Description
    alt_text = models.CharField(
        max_length=400,
        blank=True,
        help_text="What the photograph shows, for people who cannot see it. Required before it can be public.",
    )
    caption = models.TextField(blank=True)
    artist = models.ForeignKey(
        Artist, null=True, blank=True, on_delete=models.SET_NULL, related_name="photographs",
        verbose_name="creator (artist)",
    )
    creator_credit = models.CharField(
        "creator (free text)", max_length=255, blank=True,
        help_text="When the creator is not an artist in the archive, e.g. “Unknown photographer”.",
    )
    date_edtf = models.CharField(
        "date", max_length=64, blank=True,
        help_text="As you would write it (ca 1905, 1920s, 1905-1910, spring 1910, March 1914) or in EDTF "
                  "(1905~, 192X, 1905/1910); it is stored as EDTF.",
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False, db_index=True)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    kind = models.CharField(
        max_length=20, choices=Kind.choices, blank=True, default="",
        help_text="Leave blank to let the date decide: a photograph dated before "
                  f"{HISTORICAL_YEARS} years ago is historical.",
    )
    kind_inferred = models.BooleanField(default=False, editable=False)
    place = models.CharField("place depicted", max_length=255, blank=True)
    communities = TaggableManager(
        through=TaggedCommunity, blank=True, related_name="photographs", verbose_name="communities",
        help_text="Communities the photograph shows.",
    )

    # Provenance and rights
    source = models.CharField("source or lender", max_length=255, blank=True)
    credit_line = models.CharField(max_length=255, blank=True)
    rights = models.CharField(max_length=200, blank=True, choices=rights.CHOICES)
    consent = models.CharField(
        max_length=20, choices=Consent.choices, default=Consent.PENDING,
        help_text="Pending and withheld photographs are never shown publicly.",
    )
    is_published = models.BooleanField(
        "show on the public site", default=True,
        help_text="Untick to keep the photograph in the archive but off every public page.",
    )

    # The public name of the photograph in IIIF URLs: not its database id, so ids reveal nothing.
    iiif_identifier = models.CharField(
        "IIIF identifier", max_length=64, unique=True, default=new_iiif_identifier, editable=False,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", "Letters, digits, - and _ only.")],
    )

    # The uploaded file's own name, for curators only: it can hold a family name or an address, so no
    # public file or URL is named after it (renditions are named after iiif_identifier).
    original_filename = models.CharField("original file name", max_length=255, blank=True, editable=False)

    # Integrity: Wagtail's file_hash is SHA-1 and file_size a 32-bit integer.
    sha256 = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    original_size = models.BigIntegerField(null=True, blank=True, editable=False)
    perceptual_hash = models.CharField(max_length=16, blank=True, editable=False, db_index=True)
    fixity_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    fixity_ok = models.BooleanField(null=True, editable=False)
    # When the record last changed: the sitemap's lastmod, so crawlers re-read only what changed.
    updated_at = models.DateTimeField(auto_now=True, editable=False)

    # Camera facts read from EXIF; GPS and the raw block never leave the admin.
    camera_make = models.CharField(max_length=255, blank=True)
    camera_model = models.CharField(max_length=255, blank=True)
    lens = models.CharField(max_length=255, blank=True)
    exposure_time = models.CharField(max_length=32, blank=True)
    f_number = models.CharField("f-number", max_length=16, blank=True)
    iso = models.PositiveIntegerField("ISO", null=True, blank=True)
    focal_length = models.CharField(max_length=32, blank=True)
    date_taken = models.DateTimeField(
        null=True, blank=True, help_text="The camera's clock, read as local time where the venue is."
    )
    orientation = models.PositiveSmallIntegerField(default=1, editable=False)
    exif_artist = models.CharField("EXIF artist", max_length=255, blank=True)
    exif_copyright = models.CharField("EXIF copyright", max_length=255, blank=True)
    gps_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    gps_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    exif_raw = models.JSONField(default=dict, blank=True, editable=False)
    exif_warnings = models.JSONField(default=list, blank=True, editable=False)

    objects = PhotographQuerySet.as_manager()

    admin_form_fields = (
        "title", "file", "alt_text", "caption", "artist", "creator_credit", "date_edtf", "kind", "place",
        "communities", "tags", "collection",
        "source", "credit_line", "rights", "consent", "is_published",
        "camera_make", "camera_model", "lens", "exposure_time", "f_number", "iso", "focal_length",
        "date_taken", "exif_artist", "exif_copyright", "gps_latitude", "gps_longitude",
        "focal_point_x", "focal_point_y", "focal_point_width", "focal_point_height",
    )

    translated_fields = photograph_words.FIELDS
    search_fields = AbstractImage.search_fields + [
        index.SearchField("caption"),
        index.SearchField("creator_credit"),
        index.SearchField("credit_line"),
        index.SearchField("place"),
        index.RelatedFields("artist", [index.SearchField("name")]),
        index.RelatedFields("communities", [index.SearchField("name")]),
        # A search in Spanish finds Spanish captions: every language's words are in the record.
        index.RelatedFields("translations", [index.SearchField("title"), index.SearchField("caption"),
                                             index.SearchField("credit_line"), index.SearchField("place")]),
        index.FilterField("is_published"),
        index.FilterField("consent"),
        index.FilterField("kind"),
        index.FilterField("alt_text"),
        index.FilterField("artist_id"),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "photograph"
        verbose_name_plural = "photographs"
        # The gallery's default order (oldest first, gallery.browse.SORTS) as one index: its first page
        # and a photograph's neighbours in it are read from the index, not sorted from every row.
        indexes = [models.Index(fields=["date_earliest", "title", "id"], name="photograph_date_order")]
        permissions = [("choose_photograph", "Can choose photograph")]

    def save(self, *args, **kwargs):
        self.set_date_range()
        self.infer_kind()
        replacing = self.pk is not None and getattr(self, "file_changed", True)
        storing_new_file = bool(self.file) and not self.file._committed
        if storing_new_file and not self.original_filename:
            self.original_filename = os.path.basename(self.file.name or "")[:255]
        try:
            with transaction.atomic():
                super().save(*args, **kwargs)
        except IntegrityError:
            # Two uploads of one file at the same moment: the unique SHA-256 lets one through. The
            # other must leave no stored file behind, and says why.
            if storing_new_file and self.file.name:
                self.file.storage.delete(self.file.name)
            duplicate = type(self).objects.filter(sha256=self.sha256).exclude(pk=self.pk).first()
            if self.sha256 and duplicate:
                raise DuplicateOriginal(duplicate) from None
            raise
        if getattr(self, "file_changed", True):
            self.file_changed = False
            if replacing:
                self.forget_derivatives()
            original_stored.send(sender=type(self), instance=self)

    def forget_derivatives(self):
        """A new original: every size, tile and stored answer made from the old one goes."""
        for rendition in self.renditions.all():
            rendition.purge_from_cache()
            # Now, not on commit as Wagtail's handler would: an old file must not answer meanwhile.
            rendition.file.delete(save=False)
        self.renditions.all().delete()
        # Pyramid and stored IIIF answers sit under the old SHA-256, which nothing reads any more.
        pyramid.purge(self, keep_current=True)

    def set_date_range(self):
        if self.date_edtf:
            parsed = approximate_dates.parse(self.date_edtf)
            # Written forms ("ca 1905") are kept as the EDTF they mean, whichever path set them.
            self.date_edtf = parsed.edtf
            self.date_earliest, self.date_latest = parsed.earliest, parsed.latest
        else:
            self.date_earliest = self.date_latest = None

    def infer_kind(self):
        """No kind given: an old date makes the photograph historical (and says it was inferred); else it stays unset."""
        if self.kind:
            return
        import datetime

        if self.date_latest and self.date_latest.year <= datetime.date.today().year - HISTORICAL_YEARS:
            self.kind, self.kind_inferred = self.Kind.HISTORICAL, True

    @property
    def kind_note(self):
        """Why the kind is what it is, when nobody chose it: for the edit page."""
        if self.kind_inferred and self.kind == self.Kind.HISTORICAL:
            return (f"Historical: inferred from its date ({self.date_display}). "
                    "Choose a kind and save to confirm or change it.")
        if not self.kind:
            return "No kind yet: choose historical or contemporary, or give a date."
        return ""

    @cached_property
    def approximate_date(self):
        if not self.date_edtf:
            return None
        try:
            return approximate_dates.parse(self.date_edtf)
        except approximate_dates.InvalidApproximateDate:
            return None

    @property
    def date_display(self):
        """The date in the active language's words ("ca. 1905", "hacia 1905")."""
        return self.approximate_date.display(date_wording.ACTIVE) if self.approximate_date else ""

    @property
    def creator_name(self):
        return self.artist.name if self.artist_id else self.creator_credit

    @property
    def rights_statement(self):
        return rights.lookup(self.rights)

    @property
    def is_public(self):
        return type(self).objects.public().filter(pk=self.pk).exists()

    @property
    def curator_flags(self):
        """What a curator must still settle before the public can see it (no query: for listings)."""
        flags = []
        if not self.alt_text:
            flags.append("No alt text")
        if self.consent not in self.PUBLIC_CONSENT:
            flags.append(f"Consent {self.get_consent_display().lower()}")
        return flags

    @property
    def curator_flags_text(self):
        return ", ".join(self.curator_flags)

    @property
    def public_blockers(self):
        """Why the public cannot see this photograph, in a curator's words; empty when it is public."""
        return [rule.reason(self) for rule in VISIBILITY_RULE if not rule.holds(self)]

    @property
    def exif_describes_photograph(self):
        """Whether the camera in the file took this picture, rather than copied an older one.

        A historical photograph's file holds the scanner's or copy camera's EXIF; so does one whose
        camera clock falls outside the photograph's own date range."""
        if self.kind == self.Kind.HISTORICAL:
            return False
        if self.date_taken and self.date_earliest and self.date_latest:
            return self.date_earliest <= self.date_taken.date() <= self.date_latest
        return True

    @property
    def camera_facts(self):
        """Camera facts a visitor may see, only where they describe the photograph; never GPS."""
        if not self.exif_describes_photograph:
            return []
        camera = " ".join(part for part in (self.camera_make, self.camera_model) if part)
        facts = [
            (_("Camera"), camera), (_("Lens"), self.lens), (_("Exposure"), self.exposure_time),
            (_("Aperture"), self.f_number), (_("ISO"), self.iso or ""), (_("Focal length"), self.focal_length),
        ]
        return [(label, value) for label, value in facts if value]

    @property
    def default_alt_text(self):
        return self.alt_text or self.title

    def get_absolute_url(self):
        return reverse("gallery:photograph", args=[self.pk])

    # Every rendition, whatever asks for it (templates, admin, the background task), is written here.
    def generate_rendition_file(self, filter, *, source=None):
        return renditions.rendition_file(self, filter, source)

    def create_renditions(self, *filters):
        if len(filters) < 2:
            return super().create_renditions(*filters)
        # Wagtail reads the whole original into memory and decodes it once per filter in three
        # threads; decode once (from the pyramid when there is one) and make them in turn instead.
        return renditions.create_many(self, filters)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.file_changed = False
        return instance


class PhotographTranslation(Translation):
    """A photograph's own words in one of the site's other languages (Translation): Wagtail-localize
    translates pages and snippets, not images."""

    photograph = models.ForeignKey(Photograph, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(max_length=255, blank=True)
    alt_text = models.CharField(max_length=400, blank=True)
    caption = models.TextField(blank=True)
    credit_line = models.CharField(max_length=255, blank=True)
    place = models.CharField("place depicted", max_length=255, blank=True)

    translated_fields = photograph_words.FIELDS

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["photograph", "language"], name="one_translation_per_language"),
        ]
        ordering = ["photograph", "language"]

    def __str__(self):
        return f"{self.language}: {self.title or self.photograph_id}"


class PhotographRendition(AbstractRendition):
    image = models.ForeignKey(Photograph, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = [("image", "filter_spec", "focal_point_key")]

    def get_upload_to(self, filename):
        return renditions.stored_path(self.image_id, self.file.field.storage.get_valid_name(filename))

    @property
    def url(self):
        """Always the site's media view, never the storage's own URL: the view checks that the photograph
        is public before a byte goes out, and an S3 bucket's URL would skip that check."""
        return renditions.public_url(self.file.name)


class StoredImageAnswer(models.Model):
    """
    One IIIF image answer kept in storage (gallery.iiif.derivatives), so the stored answers can be
    counted per photograph and in all, and the least recently used evicted past the caps.
    """

    photograph = models.ForeignKey(Photograph, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=500, unique=True)
    size = models.BigIntegerField()
    last_used = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.name


class PendingOriginal(models.Model):
    """
    An original stored by an import whose photograph row is not committed yet. Written before the
    file and deleted in the row's own transaction, so a file left by a killed import is known by
    name and removed by the next run: no orphan originals, whatever moment the process died.
    """

    name = models.CharField(max_length=255, unique=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name
