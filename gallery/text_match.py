"""
Matching what visitors type against a few text fields, forgiving accents and misspellings.

"Sinanagic" must find "Sinanagić" and "weding" must find "wedding". Both databases get the same two
SQL functions, so one queryset serves both:

- UNACCENT folds accents (and case): PostgreSQL's `unaccent` extension; on SQLite a Python function
  registered on each connection.
- WORD_SIMILARITY scores a typed word against the closest part of a word of a text, 0 to 1:
  PostgreSQL's `pg_trgm`; on SQLite the same trigram measure in Python.

The extensions are enabled by a migration (a no-op on SQLite). The tables searched this way are
small (artists, venues, events) or only scanned when the full-text index found nothing
(photographs), so no trigram index is needed.
"""

import difflib
import re
import unicodedata

from django.db.models import CharField, F, FloatField, Func, Q, Value
from django.db.models.functions import Coalesce, Greatest

# A typed word matches a word of the text at this trigram similarity ("weding"/"wedding" is 0.67);
# pg_trgm's own default for word similarity.
THRESHOLD = 0.6
# Shorter words only match as part of a word: their trigrams say too little.
FUZZY_MIN_LENGTH = 4
WORD = re.compile(r"\w+")


def fold(text):
    """Lower case without accents: "Sinanagić" -> "sinanagic" (what UNACCENT gives in SQL)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def words(text):
    return WORD.findall(fold(text or ""))


def trigram_sequence(word):
    # pg_trgm's padding: two spaces before a word, one after.
    padded = f"  {word} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def word_similarity(query, text):
    """pg_trgm's word_similarity for a one-word query: the best match between the query's trigrams and
    a run of consecutive trigrams within one word of the text (so "gardn" is near "garden", 0.67)."""
    if not query or not text:
        return 0.0
    wanted = set(trigram_sequence(fold(query)))
    best = 0.0
    for word in set(words(text)):
        sequence = trigram_sequence(word)
        for start in range(len(sequence)):
            extent = set()
            for trigram in sequence[start:]:
                extent.add(trigram)
                common = len(wanted & extent)
                best = max(best, common / (len(wanted) + len(extent) - common))
    return best


def register_sqlite_functions(sender, connection, **kwargs):
    """Connected to every new database connection (gallery.signal_handlers)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, fold, deterministic=True)
        connection.connection.create_function("WORD_SIMILARITY", 2, word_similarity, deterministic=True)


class Unaccent(Func):
    function = "UNACCENT"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context)


class WordSimilarity(Func):
    function = "WORD_SIMILARITY"
    output_field = FloatField()


def _best(expressions):
    return expressions[0] if len(expressions) == 1 else Greatest(*expressions)


def matching(queryset, fields, text):
    """`queryset` filtered to rows where every typed word is in, or close to a word of, one of `fields`,
    annotated with `match_score` (higher is closer). Fields may cross a relation (`artist__name`):
    the match is then a subquery, so rows are never repeated."""
    typed = words(text)
    if not typed:
        return queryset.none()
    annotations, conditions, scores = {}, [], []
    for w_index, word in enumerate(typed):
        alternatives = Q()
        similarities = []
        for f_index, field in enumerate(fields):
            folded = f"_folded_{f_index}"
            annotations.setdefault(folded, Unaccent(Coalesce(F(field), Value(""), output_field=CharField())))
            alternatives |= Q(**{f"{folded}__contains": word})
            if len(word) >= FUZZY_MIN_LENGTH:
                name = f"_similarity_{w_index}_{f_index}"
                annotations[name] = WordSimilarity(Value(word), annotations[folded])
                similarities.append(F(name))
                alternatives |= Q(**{f"{name}__gte": THRESHOLD})
        conditions.append(alternatives)
        scores.append(_best(similarities) if similarities else Value(1.0))
    model = queryset.model
    candidates = model._default_manager.annotate(**annotations)
    for condition in conditions:
        candidates = candidates.filter(condition)
    if any("__" in field for field in fields):
        return queryset.filter(pk__in=candidates.values("pk"))
    score = scores[0]
    for more in scores[1:]:
        score = score + more
    return queryset.annotate(**annotations).filter(*conditions).annotate(match_score=score).order_by("-match_score", "pk")


def suggestion(text, vocabulary):
    """A corrected form of `text`, each unknown word replaced by the closest word of `vocabulary`
    (an iterable of texts), or "" when there is nothing better to offer."""
    known = set()
    for entry in vocabulary:
        known.update(word for word in words(entry) if len(word) > 2 and not word.isdigit())
    corrected, changed = [], False
    for word in words(text):
        if word in known or word.isdigit():
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.7)
        if close:
            corrected.append(close[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""
