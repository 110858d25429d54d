"""A photograph's own words in the site's other languages: what is translated reads in that language,
what is not falls back to the source words, each saying which language it is in."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from gallery.models import Photograph, PhotographTranslation

pytestmark = pytest.mark.django_db


def test_translated_words_are_in_spanish_and_the_rest_falls_back_to_english(make_photo):
    photo = make_photo(title="A wedding", alt_text="Two people under an arch", caption="Springfield, 1910.",
                       credit_line="Courtesy of the family", place="Springfield, Missouri")
    PhotographTranslation.objects.create(photograph=photo, language="es", alt_text="Dos personas bajo un arco",
                                         title="Una boda")
    words = Photograph.objects.get(pk=photo.pk).words("es")
    assert (words.title, words.title.content_language) == ("Una boda", "es")
    assert (words.alt_text, words.alt_text.content_language) == ("Dos personas bajo un arco", "es")
    assert (words.caption, words.caption.content_language) == ("Springfield, 1910.", "en")
    assert (words.credit_line.content_language, words.place.content_language) == ("en", "en")
    assert not words.caption.translated and words.alt_text.translated


def test_words_follow_the_active_language_and_english_reads_the_source(make_photo):
    photo = make_photo(title="A wedding")
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda")
    with translation.override("es"):
        assert Photograph.objects.get(pk=photo.pk).words().title == "Una boda"
    with translation.override("en"):
        english = Photograph.objects.get(pk=photo.pk).words()
    assert (english.title, english.title.content_language) == ("A wedding", "en")


def test_one_translation_per_photograph_and_language(make_photo):
    photo = make_photo()
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Uno")
    with pytest.raises(IntegrityError), transaction.atomic():
        PhotographTranslation.objects.create(photograph=photo, language="es", title="Otro")


def test_a_listing_reads_every_translation_in_one_query(make_photo):
    for number in range(5):
        photo = make_photo(title=f"Photo {number}")
        PhotographTranslation.objects.create(photograph=photo, language="es", title=f"Foto {number}")
    with translation.override("es"):
        photos = list(Photograph.objects.order_by("pk").with_words())
        with CaptureQueriesContext(connection) as queries:
            titles = [photo.words().title for photo in photos]
    assert titles == [f"Foto {number}" for number in range(5)]
    assert len(queries) == 0


def test_missing_translations_are_counted_only_where_there_are_source_words(make_photo):
    translated = make_photo(alt_text="A doorway")
    PhotographTranslation.objects.create(photograph=translated, language="es", alt_text="Una puerta")
    blank_translation = make_photo(alt_text="A garden")
    PhotographTranslation.objects.create(photograph=blank_translation, language="es", title="Un jardín")
    untranslated = make_photo(alt_text="A street")
    make_photo(alt_text="")
    missing = Photograph.objects.missing_translation("es", "alt_text")
    assert set(missing.values_list("pk", flat=True)) == {blank_translation.pk, untranslated.pk}
