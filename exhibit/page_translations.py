"""A page's translation into another locale, made as Wagtail (and wagtail-localize) make one: copied
for translation once, then its fields set and published. The demo's Spanish pages and a restored
bag's translations are both made here."""

from wagtail.coreutils import get_content_languages
from wagtail.models import Locale


def locale_for(language):
    """The Locale of `language`, made if the site offers it for content; None where it does not."""
    if language not in get_content_languages():
        return None
    return Locale.objects.get_or_create(language_code=language)[0]


def translate(page, locale, *, publish=True, **fields):
    """The page's translation into `locale`, with these fields (slugs stay the source's unless given,
    so /es/ addresses mirror the English), published unless `publish` is False."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return translation


def translations_of(page):
    """{language code: the page's version in it} of every other locale the page is translated into."""
    return {
        other.locale.language_code: other.specific
        for other in page.get_translations().select_related("locale").order_by("locale__language_code")
    }
