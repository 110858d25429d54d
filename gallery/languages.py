"""
The languages the public pages are served in, and their addresses.

The address decides the language: a page without a prefix is in settings.LANGUAGE_CODE, /es/... in
Spanish (Django's LocaleMiddleware with i18n_patterns(prefix_default_language=False) at the root).
So one URL is always one language, and every cache in front of the site (the page cache, a CDN)
may key on the URL alone.

An app's URLconf may mix pages (prefixed) and machine endpoints (IIIF, media, feeds: never
prefixed) under one namespace; Django's i18n_patterns is only allowed in the root URLconf, so the
apps wrap their pages in `language_prefixed()`, which matches and reverses exactly as it does.
"""

from django.conf import settings
from django.urls import URLResolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site


class LanguagePrefix:
    """The active language's path prefix ("es/"; none for the default language), for an app's URLconf.

    A wrapper, not a subclass, of Django's LocalePrefixPattern: include() refuses that class outside
    the root URLconf, although it resolves and reverses the same anywhere.
    """

    def __init__(self):
        self.pattern = LocalePrefixPattern(prefix_default_language=False)
        self.converters = {}

    @property
    def regex(self):
        return self.pattern.regex

    def match(self, path):
        return self.pattern.match(path)

    def check(self):
        return []

    def describe(self):
        return self.pattern.describe()

    def __str__(self):
        return str(self.pattern)


def language_prefixed(patterns):
    """URL patterns served under every language's prefix (/photographs/, /es/photographs/)."""
    return URLResolver(LanguagePrefix(), patterns)


def codes():
    return [code for code, _ in settings.LANGUAGES]


def prefix(code):
    """"/es" for Spanish, "" for the default language."""
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


def language_of_path(path):
    """The language a path is served in: its prefix's, else the default language."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def unprefixed(path):
    """The path as the default language serves it ("/es/photographs/" -> "/photographs/")."""
    code = translation.get_language_from_path(path)
    if not code:
        return path
    rest = path[len(f"/{code}"):]
    return rest if rest.startswith("/") else "/" + rest


def path_in(path, code):
    """The same page in another language: the path under that language's prefix."""
    return prefix(code) + unprefixed(path)


def path_alternates(path):
    """{language code: path} of one page in every language the site serves."""
    return {code: path_in(path, code) for code in codes()}


def default_content_language():
    """The language code of Wagtail's default Locale (the pages' original language)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_content_language():
    """The language code of the Locale pages are shown in now (the default where there is no such Locale)."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_content_language()


def has_own_tree(code):
    """Whether the site's root page is translated into this language, so /code/... routes its own pages.

    Without one, Wagtail routes /es/... through the default language's pages (Site.root_page.localized).
    Read from Wagtail's cached site root paths: no query.
    """
    return any(root.language_code == code for root in Site.get_site_root_paths())


class ServedInEveryLanguage:
    """A Wagtail page mixin: an untranslated page keeps the visitor's language in its links.

    Wagtail addresses a page in its own locale's language. While the active language has no page tree
    of its own, /es/<path> serves the default language's page with the Spanish interface, so a link to
    it from a Spanish page stays under /es/ instead of dropping the visitor back into English.
    """

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if not parts or parts[2] is None:
            return parts
        active = translation.get_language() or settings.LANGUAGE_CODE
        if active not in codes() or active == settings.LANGUAGE_CODE or has_own_tree(active):
            return parts
        roots = self._get_relevant_site_root_paths(request)
        if not roots or roots[0].language_code != default_content_language():
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, path_in(page_path, active)


def page_paths(page):
    """{language code: path} of a Wagtail page in every language it can be read in, without queries
    beyond one for its translations.

    A live translation is addressed as Wagtail addresses it; a language without one reads the page at
    the same path under its prefix, while that language has no page tree of its own (ServedInEveryLanguage).
    """
    translations = {
        other.locale.language_code: other
        for other in page.get_translations(inclusive=True).live().select_related("locale")
    }
    own_path = page.get_url()
    paths = {}
    for code in codes():
        version = translations.get(get_content_variant(code))
        if version is not None:
            with translation.override(code):
                path = version.get_url()
            if path:
                paths[code] = path
        elif own_path and not has_own_tree(code):
            paths[code] = path_in(own_path, code)
    return paths


def get_content_variant(code):
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return code


def versions(path, page=None, query=""):
    """What the language switcher and the hreflang links show for the page at `path`: one entry per
    language, {code, name, path (no query), url (the switcher's, with the query), current, exists}.

    A language the page cannot be read in (its tree lacks a translation) links to that language's
    home page and is left out of the hreflang links.
    """
    paths = page_paths(page) if page is not None else path_alternates(path)
    current = language_of_path(path)
    names = dict(settings.LANGUAGES)
    entries = []
    for code in codes():
        found = paths.get(code)
        entries.append({
            "code": code,
            "name": names[code],
            "path": found,
            "url": (found + (f"?{query}" if query else "")) if found else prefix(code) + "/",
            "current": code == current,
            "exists": found is not None,
        })
    return entries


def page_language(page):
    """The language code of a Wagtail page's own words (its locale), without a query once its locale is
    loaded (listings select it with the page)."""
    return page.locale.language_code


def language_of(thing):
    """The language of a record's own words: a Wagtail page's locale; anything else may say its
    `content_language`; otherwise the site's default language (the archive is catalogued in it)."""
    if hasattr(thing, "locale_id") and hasattr(thing, "get_translations"):
        return page_language(thing)
    return getattr(thing, "content_language", None) or settings.LANGUAGE_CODE
