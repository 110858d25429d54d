"""
The photograph's translations on its edit page: one form per language the site offers besides the
source's, shown beside the source words and saved with the photograph (PhotographForm holds them).

What a curator types is kept exactly (no stripping, no normalising): a value the archive cannot keep
as typed is refused with a message saying why, and nothing of the photograph is saved. A blank field
is untranslated: the public pages show the source words there.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import get_language_info

from .models import PhotographTranslation
from .photograph_words import FIELD_LABELS, FIELDS
from .words import all_translations, translation_languages

# Posted by the edit page with each language's fields: a form that posts none of them (the multiple
# uploader's, an API client) leaves the translations as they are instead of blanking them.
SHOWN = "shown"


class PhotographTranslationForm(forms.ModelForm):
    shown = forms.CharField(widget=forms.HiddenInput, required=False, initial="1")

    class Meta:
        model = PhotographTranslation
        fields = FIELDS
        widgets = {"caption": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, photo, language, language_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo, self.language, self.language_name = photo, language, language_name
        for name in FIELDS:
            field = self.fields[name]
            field.strip = False
            field.required = False
            field.label = f"{FIELD_LABELS[name]} in {language_name}"
            # The browser's spelling check and a screen reader read the field in its own language.
            field.widget.attrs["lang"] = language
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = (
                    f"At most %(limit_value)d characters can be kept here; this has %(show_value)d. Nothing was "
                    f"cut: shorten it, or leave it empty to show the {source_name()} words."
                )

    def clean(self):
        cleaned = super().clean()
        for name in FIELDS:
            value = cleaned.get(name) or ""
            if value and not value.strip():
                self.add_error(name, ValidationError(
                    "Only spaces: type the words, or leave the field empty to leave it untranslated.",
                    code="blank",
                ))
        return cleaned

    def _post_clean(self):
        # The model's own validation, but not its unique check on (photograph, language): the form
        # sets both itself, on the one row per language it edits.
        self.instance.photograph = self.photo
        self.instance.language = self.language
        super()._post_clean()

    def validate_unique(self):
        pass

    source_language = property(lambda self: settings.LANGUAGE_CODE)
    source_name = property(lambda self: source_name())

    @cached_property
    def rows(self):
        """(label, source words, bound field, translated?) for each field, as the edit page shows them."""
        saved = self.instance
        return [
            {
                "label": FIELD_LABELS[name],
                "source": getattr(self.photo, name),
                "field": self[name],
                "translated": bool(getattr(saved, name)) if saved.pk else False,
            }
            for name in FIELDS
        ]

    @property
    def untranslated_count(self):
        return sum(1 for row in self.rows if row["source"] and not row["translated"])

    def save_translation(self):
        """Saves the row, or deletes it when every field is blank (untranslated throughout)."""
        row = self.instance
        if row.is_empty:
            if row.pk:
                row.delete()
            return None
        row.save()
        return row


def english_name(code):
    """"Spanish", not "Español": the admin speaks English to curators."""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return dict(settings.LANGUAGES).get(code, code)


def source_name():
    return english_name(settings.LANGUAGE_CODE)


def translation_forms(photo, data=None, prefix=None):
    """One PhotographTranslationForm per other language, bound to `data` only where it posts that
    language's marker field; unbound forms are shown and never saved."""
    saved = all_translations(photo) if photo.pk else {}
    forms_ = []
    for code, _ in translation_languages():
        form_prefix = f"{prefix}-translation-{code}" if prefix else f"translation-{code}"
        instance = saved.get(code) or PhotographTranslation(photograph=photo, language=code)
        posted = data is not None and f"{form_prefix}-{SHOWN}" in data
        forms_.append(PhotographTranslationForm(
            data if posted else None, instance=instance, prefix=form_prefix, photo=photo, language=code,
            language_name=english_name(code),
        ))
    return forms_
