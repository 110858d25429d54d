"""
The "… in other languages" section of a translated record's edit page (an artist, a community, a
venue): an InlinePanel of its translation rows, one per language, whose words are kept exactly as the
curator typed them. Only spaces is refused with a message (leave the field empty to leave it
untranslated), as on the photograph's edit page.
"""

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, get_form_for_model

from . import words


class TranslationRowForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._meta.model.translated_fields:
            if name in self.fields:
                self.fields[name].strip = False

    def clean(self):
        cleaned = super().clean()
        for name in self._meta.model.translated_fields:
            value = cleaned.get(name) or ""
            if value and not value.strip():
                self.add_error(name, ValidationError(
                    "Only spaces: type the words, or leave the field empty to leave it untranslated.", code="blank"))
        return cleaned


class TranslationsPanel(InlinePanel):
    """InlinePanel("translations") with TranslationRowForm as its rows' form."""

    def __init__(self, relation_name="translations", **kwargs):
        super().__init__(relation_name, **kwargs)

    def get_form_options(self):
        options = super().get_form_options()
        # As InlinePanel builds its rows' form (with the fields a draft may leave blank), on our base.
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        options["formsets"][self.relation_name]["form"] = get_form_for_model(
            self.db_field.related_model, form_class=TranslationRowForm,
            **({"defer_required_on_fields": deferred} if deferred else {}),
        )
        return options


def language_panel():
    """The language of a translation row, chosen among the site's other languages (read when the form
    is built, so LANGUAGES is the running site's)."""
    return FieldPanel("language", widget=forms.Select(choices=lambda: [("", "---------"), *words.translation_languages()]))
