"""
A photograph's own words in the visitor's language: the curator's translation where there is one,
else the source words, each carrying the language it is in.

The source words are the photograph's fields, in settings.LANGUAGE_CODE (the archive is catalogued
in it); the translations are `PhotographTranslation` rows, one per other language. A page asks
`photo.words()` and marks with `{% content_lang %}` any word whose language is not the page's
(a screen reader then reads the English alt text with an English voice on a Spanish page).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

# The fields a curator translates, in the order the edit page shows them.
FIELDS = ("title", "alt_text", "caption", "credit_line", "place")
FIELD_LABELS = {
    "title": "Title", "alt_text": "Alt text", "caption": "Caption", "credit_line": "Credit line",
    "place": "Place depicted",
}


def source_language():
    return settings.LANGUAGE_CODE


def translation_languages():
    """(code, name) of every configured language other than the source's: those a curator translates into."""
    return [(code, name) for code, name in settings.LANGUAGES if code != source_language()]


def translated_language(language=None):
    """`language` (the active language when None) if photographs are translated into it, else None."""
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


class PhotographWords:
    """title, alt_text, caption, credit_line and place of one photograph in one language, each a Wording."""

    def __init__(self, photo, language, found):
        self.language = language
        source = source_language()
        for name in FIELDS:
            own = getattr(found, name, "") if found is not None else ""
            if own:
                setattr(self, name, Wording(own, language, translated=True))
            else:
                setattr(self, name, Wording(getattr(photo, name), source))


def translation_for(photo, language):
    """The photograph's PhotographTranslation in `language`, or None; reads prefetched rows when there are."""
    cache = getattr(photo, "_prefetched_objects_cache", {})
    if "translations" in cache:
        return next((row for row in cache["translations"] if row.language == language), None)
    if photo.pk is None:
        return None
    return photo.translations.filter(language=language).first()


def words_of(photo, language=None):
    wanted = translated_language(language)
    memo = photo.__dict__.setdefault("_words", {})
    if wanted not in memo:
        found = translation_for(photo, wanted) if wanted else None
        memo[wanted] = PhotographWords(photo, wanted or source_language(), found)
    return memo[wanted]


def all_translations(photo):
    """{language: PhotographTranslation} of every translation a photograph has (prefetched or one query)."""
    cache = getattr(photo, "_prefetched_objects_cache", {})
    rows = cache["translations"] if "translations" in cache else (photo.translations.all() if photo.pk else [])
    return {row.language: row for row in rows}


def language_maps(photo, name):
    """{"en": "source", "es": "translation", ...} of one field: the source and every language it is
    translated into (untranslated languages left out, so a viewer falls back to the source)."""
    maps = {}
    if getattr(photo, name):
        maps[source_language()] = getattr(photo, name)
    for code, row in sorted(all_translations(photo).items()):
        if getattr(row, name) and code in {code for code, _ in translation_languages()}:
            maps[code] = getattr(row, name)
    return maps


def caption_or_own(photo, caption, language):
    """The caption a page gives a photograph (in the page's `language`), else the photograph's own in
    the active language: an exhibition's wall label, with the language each came in."""
    return Wording(caption, language) if caption else words_of(photo).caption
