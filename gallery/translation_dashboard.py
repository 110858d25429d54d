"""
The dashboard panel that lists what is not yet translated: for each of the site's other languages and
each of the photograph's own words, how many photographs have the words in the source language and
none in that language, each count linking to the photograph listing filtered to those photographs;
then the same for the other translated records (artists' bios, communities' descriptions, venues'
hours and accessibility notes), linking to their snippet listings.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from . import translation_filters, words
from .models import Photograph, PhotographTranslation, Translation
from .permissions import can_handle_photographs
from .photograph_words import FIELD_LABELS, FIELDS
from .translation_forms import english_name

FILTER = translation_filters.FILTER
filter_value = translation_filters.filter_value


def missing_choices():
    """(filter value, label) of every language and field, for the photograph listing's filter."""
    return [
        (filter_value(code, field), _("%(field)s in %(language)s") % {
            "field": FIELD_LABELS[field], "language": english_name(code)})
        for code, _name in words.translation_languages()
        for field in FIELDS
    ]


def parse_filter_value(value):
    """(language, field) of a photograph listing's filter value, or None."""
    return translation_filters.parse_filter_value(Photograph, value)


def missing_counts(photographs=None):
    """{language name, rows: [{label, count, url}]} per language; fields with nothing missing left out."""
    photographs = photographs if photographs is not None else Photograph.objects.all()
    languages = []
    for code, _name in words.translation_languages():
        rows = []
        for field in FIELDS:
            count = photographs.missing_translation(code, field).count()
            if count:
                rows.append({
                    "label": _("%(field)s missing in %(language)s") % {
                        "field": FIELD_LABELS[field], "language": english_name(code)},
                    "count": count,
                    "url": f"{reverse('wagtailimages:index')}?{urlencode({FILTER: filter_value(code, field)})}",
                })
        languages.append({"code": code, "name": english_name(code), "rows": rows, "records": record_rows(code)})
    return languages


def translated_records():
    """Every model other than the photograph whose rows are translated (gallery.models.Translation),
    found from the translation models, so another app's (exhibit's venues) need not be named here."""
    models = []
    for row_model in Translation.__subclasses__():
        if row_model is PhotographTranslation or row_model._meta.abstract:
            continue
        parent = next(field for field in row_model._meta.get_fields()
                      if field.is_relation and field.many_to_one and field.remote_field.related_name == "translations")
        models.append(parent.related_model)
    return sorted(models, key=lambda model: model._meta.verbose_name)


def record_rows(code):
    """[{label, count, url}] of the translated records' fields with source words not yet in `code`."""
    rows = []
    for model in translated_records():
        viewset = getattr(model, "snippet_viewset", None)
        for field in model.translated_fields:
            count = words.missing_translation(model.objects.all(), code, field).count()
            if count and viewset is not None:
                rows.append({
                    "label": f"{model._meta.verbose_name.capitalize()} {translation_filters.field_label(model, field).lower()} "
                             f"missing in {english_name(code)}",
                    "count": count,
                    "url": f"{reverse(viewset.get_url_name('list'))}?"
                           f"{urlencode({translation_filters.FILTER: translation_filters.filter_value(code, field)})}",
                })
    return rows


class MissingTranslationsPanel(Component):
    name = "missing_translations"
    template_name = "gallery/admin/missing_translations_panel.html"
    order = 15

    def get_context_data(self, parent_context=None):
        return {"languages": missing_counts()}


def add_missing_translations_panel(request, panels):
    if can_handle_photographs(request.user) and words.translation_languages():
        panels.append(MissingTranslationsPanel())
