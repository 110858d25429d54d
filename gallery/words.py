"""
A record's own words in the visitor's language: the curator's translation where there is one, else
the source words, each carrying the language it is in.

A translated record (a photograph, an artist, a community, a venue) names its `translated_fields`
and has `translations`: rows of one language each, holding those fields (gallery.models.Translation).
Its own fields are the source words, in settings.LANGUAGE_CODE (the archive is catalogued in it). A
page asks `words_of(record)` and marks with `{% content_lang %}` any word whose language is not the
page's (a screen reader then reads English words with an English voice on a Spanish page).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation


def source_language():
    return settings.LANGUAGE_CODE


def translation_languages():
    """(code, name) of every configured language other than the source's: those a curator translates into."""
    return [(code, name) for code, name in settings.LANGUAGES if code != source_language()]


def translated_language(language=None):
    """`language` (the active language when None) if records are translated into it, else None."""
    language = language or translation.get_language() or source_language()
    codes = {code for code, _ in translation_languages()}
    if language in codes:
        return language
    general = language.split("-")[0]
    return general if general in codes else None


def validate_language(code):
    if code not in {code for code, _ in translation_languages()}:
        raise ValidationError(f"“{code}” is not one of the site's other languages.", code="language")


class Wording(str):
    """Words with the language they are in (`content_language`, as `{% content_lang %}` reads it)."""

    def __new__(cls, text, content_language, translated=False):
        words = super().__new__(cls, text or "")
        words.content_language = content_language
        words.translated = translated
        return words

    def __reduce__(self):
        # Pages and their parts are cached pickled: keep the language with the words.
        return type(self), (str(self), self.content_language, self.translated)


class Words:
    """Each of a record's translated fields in one language, as a Wording: the translation's words, or
    the source's where the translation leaves the field blank (or there is none)."""

    def __init__(self, record, language, found):
        self.language = language
        source = source_language()
        for name in record.translated_fields:
            own = getattr(found, name, "") if found is not None else ""
            if own:
                setattr(self, name, Wording(own, language, translated=True))
            else:
                setattr(self, name, Wording(getattr(record, name), source))


class TranslatedRecord:
    """A model mixin: `record.words(language)`, the record's `translated_fields` in `language` (the
    active language when none is given), each the curator's translation or else the source words, each
    saying its language so a page can mark `lang` where it differs. Reads prefetched translations
    (a listing's one query); otherwise one query, once per record and language."""

    translated_fields = ()

    def words(self, language=None):
        return words_of(self, language)


def translation_for(record, language):
    """The record's translation row in `language`, or None; reads prefetched rows when there are."""
    cache = getattr(record, "_prefetched_objects_cache", {})
    if "translations" in cache:
        return next((row for row in cache["translations"] if row.language == language), None)
    if record.pk is None:
        return None
    return record.translations.filter(language=language).first()


def words_of(record, language=None):
    """The record's Words in `language` (the active language when None), made once per record."""
    wanted = translated_language(language)
    memo = record.__dict__.setdefault("_words", {})
    if wanted not in memo:
        found = translation_for(record, wanted) if wanted else None
        memo[wanted] = Words(record, wanted or source_language(), found)
    return memo[wanted]


def all_translations(record):
    """{language: translation row} of every translation a record has (prefetched or one query)."""
    cache = getattr(record, "_prefetched_objects_cache", {})
    rows = cache["translations"] if "translations" in cache else (record.translations.all() if record.pk else [])
    return {row.language: row for row in rows}


def language_maps(record, name):
    """{"en": "source", "es": "translation", ...} of one field: the source and every language it is
    translated into (untranslated languages left out, so a reader falls back to the source)."""
    maps = {}
    if getattr(record, name):
        maps[source_language()] = getattr(record, name)
    offered = {code for code, _ in translation_languages()}
    for code, row in sorted(all_translations(record).items()):
        if getattr(row, name) and code in offered:
            maps[code] = getattr(row, name)
    return maps


def translations_as_data(record):
    """{language: {field: words}} of every translation the record has, blank fields included: what a
    bag carries so a restore brings every language back."""
    return {
        row.language: {name: getattr(row, name) for name in record.translated_fields}
        for row in sorted(all_translations(record).values(), key=lambda row: row.language)
    }


def missing_translation(queryset, language, field):
    """Records of `queryset` whose `field` has source words but none in `language` (blank or no row)."""
    relation = queryset.model._meta.get_field("translations")
    done = relation.related_model.objects.filter(language=language).exclude(**{field: ""}).values(relation.field.attname)
    return queryset.exclude(**{field: ""}).exclude(pk__in=done)
