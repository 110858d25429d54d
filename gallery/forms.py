"""The photograph form Wagtail's image admin uses (WAGTAILIMAGES_IMAGE_FORM_BASE)."""

import hashlib

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import cached_property
from wagtail.images.forms import BaseImageForm

from gallery import approximate_dates
from gallery.imaging import perceptual
from gallery.ingest import intake
from gallery.ingest.upload_checks import UploadRejected

from .community_chooser import HELP as COMMUNITY_HELP, CommunityChooser
from .models import Community, Photograph, PhotographTranslation
from .photograph_words import FIELDS as TRANSLATED_FIELDS
from .translation_forms import translation_forms

# The multiple uploader's first step posts only these; everything else keeps the model's default.
UPLOAD_STEP_FIELDS = {"title", "file", "collection"}

FIELD_GROUPS = (
    ("Photograph", ("title", "file", "alt_text", "caption")),
    ("Creator and date", ("artist", "creator_credit", "date_edtf", "kind")),
    ("Subject", ("place", "communities", "tags")),
    ("Provenance, rights and consent", ("source", "credit_line", "rights", "consent", "is_published", "collection")),
    ("Camera (from EXIF)", ("camera_make", "camera_model", "lens", "exposure_time", "f_number", "iso",
                            "focal_length", "date_taken", "exif_artist", "exif_copyright")),
    ("Location (private: never shown publicly)", ("gps_latitude", "gps_longitude")),
)


# Django capitalises only the first letter of a field's name ("Gps latitude"); these are acronyms.
FIELD_LABELS = {"gps_latitude": "GPS latitude", "gps_longitude": "GPS longitude"}


class PhotographFileField(forms.FileField):
    """Checks an upload from its content with the archive's one upload check, and reads it."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", "JPEG, PNG, TIFF, WebP, HEIC or AVIF.")
        super().__init__(*args, **kwargs)
        # Wagtail's multiple uploader reads these from the file field to check files in the browser.
        self.max_upload_size = settings.PHOTO_MAX_UPLOAD_BYTES
        limit = filesizeformat(self.max_upload_size)
        self.error_messages["file_too_large_unknown_size"] = f"This file is too big. The limit is {limit}."
        self.error_messages["invalid_image_extension"] = (
            "Not a photograph in a format the archive accepts (JPEG, PNG, TIFF, WebP, HEIC, AVIF or GIF)."
        )

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded is None:
            return None
        try:
            uploaded.prepared = intake.prepare(uploaded, uploaded.name)
        except UploadRejected as rejection:
            raise ValidationError(str(rejection), code="invalid_image") from None
        uploaded.name = uploaded.prepared.checked.safe_name
        return uploaded



def community_field(**kwargs):
    """Communities picked from the curated list (never created by typing)."""
    kwargs.setdefault("required", False)
    kwargs.setdefault("help_text", COMMUNITY_HELP)
    return forms.ModelMultipleChoiceField(queryset=Community.objects.order_by("name"), widget=CommunityChooser, **kwargs)

def edit_version(photo_id):
    """A digest of what a curator can edit, as stored now: a second curator's save changes it."""
    names = sorted(field.attname for field in Photograph._meta.concrete_fields if field.editable)
    row = Photograph.objects.filter(pk=photo_id).values_list(*names).first()
    tags = Photograph.objects.filter(pk=photo_id).values_list("communities__name", "tags__name")
    translations = PhotographTranslation.objects.filter(photograph_id=photo_id).order_by("language").values_list(
        "language", *TRANSLATED_FIELDS)
    return hashlib.sha256(repr((row, sorted(tags, key=repr), list(translations))).encode()).hexdigest()[:32]


class PhotographForm(BaseImageForm):
    file = PhotographFileField(label="File")
    edit_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and self.files.get("file") and not set(self.data) - UPLOAD_STEP_FIELDS:
            for name in set(self.fields) - UPLOAD_STEP_FIELDS:
                del self.fields[name]
        if "file" in (self._meta.exclude or ()):
            # The multiple uploader's edit form excludes the file; a declared field survives Meta.exclude.
            del self.fields["file"]
        for name, label in FIELD_LABELS.items():
            if name in self.fields:
                self.fields[name].label = label
        if self.instance.pk and "edit_version" in self.fields:
            self.initial["edit_version"] = edit_version(self.instance.pk)
        if "communities" in self.fields:
            self.fields["communities"] = community_field(label="Communities")
        if "date_edtf" in self.fields and self.instance.approximate_date:
            saved = self.instance.approximate_date
            self.fields["date_edtf"].help_text = (
                f"Saved as {saved.display()} (EDTF: {saved.edtf}). {self.fields['date_edtf'].help_text}")
        if "tags" in self.fields:
            self.fields["tags"].label = "Keywords"
            self.fields["tags"].help_text = "Free keywords; communities have their own field."
        # The photograph's words in the site's other languages, beside the source on the edit page.
        self.translation_forms = (
            translation_forms(self.instance, self.data if self.is_bound else None, self.prefix)
            if self.instance.pk and "title" in self.fields else []
        )

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        prepared = getattr(uploaded, "prepared", None)
        if prepared is None:
            return uploaded
        duplicate = Photograph.objects.filter(sha256=prepared.sha256).exclude(pk=self.instance.pk).first()
        if duplicate:
            raise ValidationError(
                f"This file is already in the archive as “{duplicate.title}” (photograph #{duplicate.pk}).",
                code="duplicate",
            )
        return uploaded

    def clean(self):
        cleaned_data = super().clean()
        submitted = cleaned_data.get("edit_version")
        if submitted and self.instance.pk and submitted != edit_version(self.instance.pk):
            self.add_error(None, ValidationError(
                "Someone else saved this photograph while you were editing it. Nothing was overwritten: "
                "open it again to see their changes, then make yours.",
                code="edit_conflict",
            ))
        for form in self.translation_forms:
            if form.is_bound and not form.is_valid():
                self.add_error(None, ValidationError(
                    f"The {form.language_name} words could not be kept as typed: see the messages under "
                    "them. Nothing was saved.", code="translation",
                ))
        return cleaned_data

    def clean_date_edtf(self):
        value = self.cleaned_data.get("date_edtf", "").strip()
        if value:
            try:
                return approximate_dates.parse(value).edtf
            except approximate_dates.InvalidApproximateDate as error:
                raise ValidationError(str(error)) from None
        return value

    def save(self, commit=True):
        if self.cleaned_data.get("kind"):
            # A kind a curator saved is theirs, even when it is the one the date suggested.
            self.instance.kind_inferred = False
        uploaded = self.cleaned_data.get("file")
        if "file" in self.changed_data and getattr(uploaded, "prepared", None):
            intake.apply(self.instance, uploaded.prepared)
        photo = super().save(commit=commit)
        if commit:
            self.save_translations()
        return photo

    def save_translations(self):
        for form in self.translation_forms:
            if form.is_bound:
                form.save_translation()
        self.instance.__dict__.pop("_words", None)

    @cached_property
    def field_groups(self):
        """(heading, bound fields) for the edit page; fields no group names come last."""
        placed = set()
        groups = []
        for heading, names in FIELD_GROUPS:
            fields = [self[name] for name in names if name in self.fields and not self[name].is_hidden]
            placed.update(names)
            if fields:
                groups.append((heading, fields))
        rest = [field for field in self if field.name not in placed and not field.is_hidden]
        if rest:
            groups.append(("More", rest))
        return groups

    @cached_property
    def near_duplicates(self):
        """(bits that differ, photograph) for the photographs that look almost the same, nearest first."""
        photo = self.instance
        if not photo.pk or not photo.perceptual_hash:
            return []
        others = type(photo).objects.exclude(pk=photo.pk).exclude(perceptual_hash="").only(
            "pk", "title", "perceptual_hash"
        )
        return perceptual.near(photo.perceptual_hash, others)[:12]

    @property
    def kind_note(self):
        return self.instance.kind_note if self.instance.pk else ""

    @property
    def exif_warnings(self):
        return self.instance.exif_warnings if self.instance.pk else []
