"""A photograph's own words in the site's other languages: what is translated reads in that language,
what is not falls back to the source words, each saying which language it is in."""

import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gallery.models import Photograph, PhotographTranslation

# A request under /es/ leaves Spanish active in the test's thread: each test starts and ends in English.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_between_requests")]


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


# ---- the edit page and the dashboard ----

def edit_fields(photo, **translation):
    """What the edit page posts: the photograph's own fields as they are, and the Spanish ones given."""
    fields = {"title": photo.title, "alt_text": photo.alt_text, "caption": photo.caption, "kind": "contemporary",
              "consent": "on_file", "collection": photo.collection_id, "is_published": "on",
              "translation-es-shown": "1"}
    fields.update({f"translation-es-{name}": value for name, value in translation.items()})
    return fields


def test_the_edit_page_shows_the_source_beside_each_spanish_field_and_what_is_untranslated(make_photo, admin_client):
    photo = make_photo(title="A wedding", alt_text="Two people under an arch", caption="Springfield, 1910.")
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda")
    html = admin_client.get(reverse("wagtailimages:edit", args=[photo.pk])).content.decode()
    assert "In Spanish" in html and "Alt text in Spanish" in html
    assert 'name="translation-es-title"' in html and 'value="Una boda"' in html
    assert "Two people under an arch" in html
    # Title translated; alt text and caption have English words and no Spanish ones.
    assert html.count("Not translated into Spanish yet") == 2
    assert "2 fields have words to translate and none in Spanish yet" in html


def test_translations_are_saved_with_the_photograph_exactly_as_typed(make_photo, admin_client):
    photo = make_photo(title="A wedding", alt_text="Two people under an arch")
    typed = "  Dos personas bajo un arco, «boda»  "
    response = admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]),
                                 edit_fields(photo, alt_text=typed, title="", caption="Línea uno\r\nLínea dos"))
    assert response.status_code == 302
    saved = PhotographTranslation.objects.get(photograph=photo, language="es")
    assert (saved.alt_text, saved.title, saved.caption) == (typed, "", "Línea uno\r\nLínea dos")


def test_blanking_every_spanish_field_leaves_the_photograph_untranslated(make_photo, admin_client):
    photo = make_photo(title="A wedding")
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda")
    assert admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]), edit_fields(photo, title="")).status_code == 302
    assert not PhotographTranslation.objects.filter(photograph=photo).exists()


def test_words_that_cannot_be_kept_as_typed_are_refused_and_nothing_is_saved(make_photo, admin_client):
    photo = make_photo(title="A wedding", caption="Old caption")
    fields = edit_fields(photo, alt_text="x" * 401, title="   ")
    fields["caption"] = "New caption"
    response = admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]), fields)
    html = response.content.decode()
    assert response.status_code == 200
    assert "The Spanish words could not be kept as typed" in html
    assert "At most 400 characters can be kept here; this has 401. Nothing was cut" in html
    assert "Only spaces: type the words, or leave the field empty" in html
    assert not PhotographTranslation.objects.exists()
    assert Photograph.objects.get(pk=photo.pk).caption == "Old caption"


def test_a_form_that_posts_no_spanish_fields_keeps_the_translation(make_photo, admin_client):
    photo = make_photo(title="A wedding")
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda")
    fields = {key: value for key, value in edit_fields(photo).items() if not key.startswith("translation-")}
    assert admin_client.post(reverse("wagtailimages:edit", args=[photo.pk]), fields).status_code == 302
    assert PhotographTranslation.objects.get(photograph=photo).title == "Una boda"


def test_the_dashboard_counts_missing_spanish_words_and_links_to_those_photographs(make_photo, admin_client):
    translated = make_photo(title="Translated", alt_text="A doorway")
    PhotographTranslation.objects.create(photograph=translated, language="es", alt_text="Una puerta")
    make_photo(title="Needs Spanish one", alt_text="A garden")
    make_photo(title="Needs Spanish two", alt_text="A street")
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    url = reverse("wagtailimages:index") + "?missing_translation=es%3Aalt_text"
    assert f'<a href="{url}">Alt text missing in Spanish: 2</a>' in html
    assert "Title missing in Spanish: 3" in html
    listing = admin_client.get(url).content.decode()
    assert "Needs Spanish one" in listing and "Needs Spanish two" in listing and "Translated" not in listing


def test_venue_staff_see_no_translation_counts(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", "s@example.org", "pw", is_staff=True)
    from django.contrib.auth.models import Permission
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert "missing in Spanish" not in client.get(reverse("wagtailadmin_home"), follow=True).content.decode()


# ---- the Spanish pages ----

def img_alts(html):
    """(alt, lang or None) of every <img> of the page's photographs (the IIIF logo's empty alt left out)."""
    return [(alt, lang) for alt, lang in re.findall(r'<img [^>]*?alt="([^"]*)"(?: lang="([^"]*)")?', html) if alt]


def test_the_spanish_photograph_page_shows_the_spanish_words_and_marks_the_english_ones(make_photo, client):
    photo = make_photo(title="A wedding", alt_text="Two people under an arch", caption="Springfield, 1910.",
                       credit_line="Courtesy of the family", place="Springfield, Missouri")
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda",
                                         alt_text="Dos personas bajo un arco", place="Springfield, Misuri")
    path = photo.get_absolute_url()
    html = client.get(f"/es{path}").content.decode()
    assert img_alts(html) == [("Dos personas bajo un arco", "")]
    assert "<h1>Una boda</h1>" in html and "<title>Una boda" in html
    assert "<dd>Springfield, Misuri</dd>" in html
    assert '<div class="caption" lang="en"><p>Springfield, 1910.</p></div>' in html
    assert '<dd lang="en">Courtesy of the family</dd>' in html
    english = client.get(path).content.decode()
    assert img_alts(english) == [("Two people under an arch", "")] and "<h1>A wedding</h1>" in english


def test_an_untranslated_alt_text_is_marked_english_on_the_spanish_gallery(make_photo, client):
    translated = make_photo(title="A wedding", alt_text="Two people under an arch")
    PhotographTranslation.objects.create(photograph=translated, language="es", alt_text="Dos personas bajo un arco")
    make_photo(title="A street", alt_text="A street in the snow")
    alts = dict(img_alts(client.get("/es/photographs/").content.decode()))
    assert alts == {"Dos personas bajo un arco": "", "A street in the snow": "en"}
    html = client.get("/es/photographs/").content.decode()
    assert '<span class="photo-title" lang="en">A wedding</span>' in html


def test_a_translation_of_a_withheld_photograph_shows_nowhere(make_photo, client):
    photo = make_photo(title="A wedding", consent=Photograph.Consent.WITHHELD)
    PhotographTranslation.objects.create(photograph=photo, language="es", title="Boda retenida",
                                         alt_text="Alt retenido")
    path = photo.get_absolute_url()
    assert client.get(f"/es{path}").status_code == 404
    for path in ("/es/photographs/", "/es/photographs/?q=boda", "/es/search/?q=boda", "/es/"):
        html = client.get(path).content.decode()
        assert "Boda retenida" not in html and "Alt retenido" not in html, path


def test_words_keep_their_language_through_a_cache(make_photo):
    import pickle

    photo = make_photo(title="A wedding")
    title = pickle.loads(pickle.dumps(Photograph.objects.get(pk=photo.pk).words("es").title))
    assert (title, title.content_language, title.translated) == ("A wedding", "en", False)


def test_previous_and_next_name_the_neighbours_in_spanish_where_translated(make_photo, client):
    first = make_photo(title="A wedding", date_edtf="1905")
    second = make_photo(title="A street", date_edtf="1910")
    third = make_photo(title="A garden", date_edtf="1915")
    PhotographTranslation.objects.create(photograph=first, language="es", title="Una boda")
    path = second.get_absolute_url() + "?from="
    html = client.get(f"/es{path}").content.decode()
    names = re.findall(r'<span class="visually-hidden">: <span([^>]*)>([^<]*)</span>', html)
    assert sorted(names) == sorted([("", "Una boda"), (' lang="en"', "A garden")]), (names, third.pk)


def test_a_search_in_spanish_finds_a_spanish_caption_as_soon_as_it_is_saved(make_photo, client, run_tasks):
    photo = make_photo(title="A wedding", caption="The couple under the arch.")
    assert "A wedding" not in client.get("/es/photographs/?q=novios").content.decode()

    PhotographTranslation.objects.create(photograph=photo, language="es", title="Una boda",
                                         caption="Los novios bajo el arco.")

    for path in ("/es/photographs/?q=novios", "/es/search/?q=novios"):
        html = client.get(path).content.decode()
        assert "Una boda" in html, path
    PhotographTranslation.objects.filter(photograph=photo).delete()
    assert "Una boda" not in client.get("/es/photographs/?q=novios").content.decode()
