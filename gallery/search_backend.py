"""
Wagtail's PostgreSQL search in the languages the site speaks.

Each record is indexed with the text search configuration of its own language (a page's locale; the
archive's records are catalogued in the default language), and a search is read with the visitor's
language's configuration and the default language's: on /es/, "fotografia" finds a Spanish page's
"fotografías" by Spanish stems, and "garden" still finds an English caption by English ones. Every
configuration folds accents first (PostgreSQL's unaccent), so what visitors type without them matches;
a language PostgreSQL has no stemmer for (Bosnian, Vietnamese) is matched word for word, unaccented.
The configurations are made by a migration (exhibit 0010); `manage.py update_index` re-indexes what
was indexed before them.

PostgreSQL only: SQLite's search (FTS5) has one tokenizer for every language and folds accents itself.
"""

import copy

from django.conf import settings
from django.utils import translation
from wagtail.search.backends.database.postgres import postgres

from . import languages

# Made by the migration from PostgreSQL's own english, spanish and simple configurations.
CONFIGURATIONS = {"en": "archive_english", "es": "archive_spanish"}
SIMPLE = "archive_simple"


def configuration(code):
    """The text search configuration of a language code ("es", "es-mx"): its own, else word for word."""
    return CONFIGURATIONS.get((code or "").split("-")[0].lower(), SIMPLE)


def search_configurations():
    """The configurations a search is read with now: the visitor's language's, then the default's."""
    return list(dict.fromkeys([configuration(translation.get_language() or settings.LANGUAGE_CODE),
                               configuration(settings.LANGUAGE_CODE)]))


class LanguageIndex(postgres.PostgresIndex):
    def add_items(self, model, objs):
        by_configuration = {}
        for obj in objs:
            by_configuration.setdefault(configuration(languages.language_of(obj)), []).append(obj)
        for config, group in by_configuration.items():
            # Wagtail's indexer reads the backend's one configuration: each language's records are
            # written through a copy of the backend set to theirs.
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = config
            super(LanguageIndex, index).add_items(model, group)


class LanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        queries = [self.build_tsquery_content(query, config=each) for each in search_configurations()]
        queries = [each for each in queries if each is not None]
        if not queries:
            return None
        combined = queries[0]
        for each in queries[1:]:
            combined = combined | each
        return combined


class LanguageSearchBackend(postgres.PostgresSearchBackend):
    query_compiler_class = LanguageQueryCompiler
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        # What a record without a language of its own is indexed with.
        self.config = configuration(settings.LANGUAGE_CODE)


SearchBackend = LanguageSearchBackend
