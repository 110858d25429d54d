"""The "Not translated" filter of the admin listings of translated records (artists, communities,
venues): the records whose words in one field are not yet in one of the site's other languages, as
the dashboard's counts link to them."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from . import words
from .translation_forms import english_name

FILTER = "missing_translation"


def filter_value(language, field):
    return f"{language}:{field}"


def field_label(model, field):
    return model._meta.get_field(field).verbose_name.capitalize()


def missing_choices(model):
    """(filter value, label) of every language and translated field of `model`."""
    return [
        (filter_value(code, field), f"{field_label(model, field)} in {english_name(code)}")
        for code, _name in words.translation_languages()
        for field in model.translated_fields
    ]


def parse_filter_value(model, value):
    """(language, field) of a filter value, or None when it names no language or field `model` has."""
    language, _sep, field = (value or "").partition(":")
    if field in model.translated_fields and language in {code for code, _name in words.translation_languages()}:
        return language, field
    return None


def missing_translation_filterset(model):
    """A listing filterset for `model` with the "Not translated" filter."""

    def filter_missing(self, queryset, name, value):
        wanted = parse_filter_value(model, value)
        return words.missing_translation(queryset, *wanted) if wanted else queryset

    meta = type("Meta", (), {"model": model, "fields": []})
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), {
        FILTER: django_filters.ChoiceFilter(label="Not translated", choices=lambda: missing_choices(model),
                                            method="filter_missing"),
        "filter_missing": filter_missing,
        "Meta": meta,
    })
