"""Many photographs fast, for query-count tests and benchmarks.

Clones share one original and one set of rendition files (the rows are distinct, the bytes are
not), so a test can have 60 or 100,000 public photographs, each with every standard rendition row,
without decoding or encoding an image per photograph. Everything is inserted in bulk, a few
queries per thousand photographs: signals do not fire for bulk_create, so the search index is
filled explicitly when asked. On PostgreSQL one clone per artist is indexed by the backend and the
other clones' rows are copied from it in SQL (they differ only in title), checked against what the
backend would store; elsewhere, and for clones that differ in more, the backend's own bulk add, fed
photographs with their artist, communities and keywords already fetched.
"""

import hashlib

from django.db import connection
from django.db.models import Min

from gallery import approximate_dates, db_stats, generation
from gallery.models import Artist, Photograph, PhotographRendition, TaggedCommunity

# Unique per photograph: each clone gets its own (iiif_identifier from the field default).
SKIP_FIELDS = {"id", "sha256", "perceptual_hash", "iiif_identifier"}
BATCH = 1000


def batches(items, size=BATCH):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def index_photos(pks):
    """Search index rows for these photographs, a batch at a time through the backend's bulk add."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    for batch in batches(list(pks)):
        photos = Photograph.objects.filter(pk__in=batch).select_related("artist").prefetch_related("communities", "tags")
        backend.add_bulk(Photograph, list(photos))


def _vector_sql(indexer, name, compiler, title):
    """One of the backend's index vectors for a photograph as SQL, its title read from `p.title`."""
    from wagtail.search.models import IndexEntry

    value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(indexer, name))
    sql, params = value.as_sql(compiler, compiler.connection)
    pieces = sql.split("%s")
    out, kept = [pieces[0]], []
    for param, piece in zip(params, pieces[1:], strict=True):
        if param == title:
            out.append('"p"."title"')
        else:
            out.append("%s")
            kept.append(param)
        out.append(piece)
    return "".join(out), kept


def index_clones_like(representative, pks):
    """Index rows for clones that differ from `representative` (already indexed) only in their title.

    On PostgreSQL one INSERT ... SELECT: the body is the representative's, the title vectors are the
    backend's own expressions applied to each clone's title column. One clone is then checked against
    what the backend itself would store, so a backend that indexes differently fails loudly here.
    Elsewhere the backend's bulk add.
    """
    from django.db.models.sql import InsertQuery
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    if connection.vendor != "postgresql" or not pks:
        index_photos(pks)
        return
    backend = get_search_backend()
    photo = Photograph.objects.select_related("artist").prefetch_related("communities", "tags")
    representative = photo.get(pk=representative.pk)
    compiler = InsertQuery(IndexEntry).get_compiler(connection=connection)
    indexer = ObjectIndexer(representative, backend)
    title_sql, title_params = _vector_sql(indexer, "title", compiler, representative.title)
    auto_sql, auto_params = _vector_sql(indexer, "autocomplete", compiler, representative.title)
    table, photos = IndexEntry._meta.db_table, Photograph._meta.db_table
    with connection.cursor() as cursor:
        for batch in batches(list(pks), 10 * BATCH):
            cursor.execute(
                f"""INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                SELECT r.content_type_id, p.id::text, {title_sql}, {auto_sql}, r.body, r.title_norm, p.title, r.body_text
                FROM {photos} p, {table} r
                WHERE p.id = ANY(%s) AND r.object_id = %s AND r.content_type_id = %s""",
                [*title_params, *auto_params, list(batch), str(representative.pk), _content_type_id()],
            )
        sample = photo.get(pk=pks[-1])
        expected = ObjectIndexer(sample, backend)
        # The body compared without positions: the backend itself lists a photograph's communities in
        # no fixed order, so two fresh indexings of one photograph can differ in positions alone.
        checks, params = [], []
        for name in ("title", "autocomplete", "body"):
            value = compiler.prepare_value(IndexEntry._meta.get_field(name), getattr(expected, name))
            sql, more = value.as_sql(compiler, connection)
            checks.append(f"strip({name}) = strip({sql})" if name == "body" else f"{name} = {sql}")
            params += more
        checks += ["title_text = %s", "strip(to_tsvector('simple', body_text)) = strip(to_tsvector('simple', %s))"]
        cursor.execute(
            f"SELECT {', '.join(checks)} FROM {table} WHERE object_id = %s AND content_type_id = %s",
            [*params, expected.title_text, expected.body_text, str(sample.pk), _content_type_id()],
        )
        same = cursor.fetchone()
        assert same == (True,) * 5, f"index rows copied from a representative differ from the backend's: {same}"


def _content_type_id():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Photograph).pk


def index_clones(photos):
    """Index freshly made clones: one representative per artist through the backend, the rest like it."""
    by_artist = {}
    for photo in photos:
        by_artist.setdefault(photo.artist_id, []).append(photo.pk)
    for pks in by_artist.values():
        representative, others = pks[0], pks[1:]
        index_photos([representative])
        index_clones_like(Photograph(pk=representative), others)


def clone_photos(template, count, communities=(), index=False, **overrides):
    """`count` public photographs copied from `template`; overrides may be callables of the number."""
    fields = [f.attname for f in Photograph._meta.concrete_fields if f.attname not in SKIP_FIELDS]
    start = Photograph.objects.count()
    values = {name: getattr(template, name) for name in fields}
    parsed = approximate_dates.parse(template.date_edtf) if template.date_edtf else None
    photos = []
    for offset in range(count):
        number = start + offset
        photo = Photograph(**values)
        photo.title = f"{template.title} {number}"
        for name, value in overrides.items():
            setattr(photo, name, value(number) if callable(value) else value)
        photo.sha256 = hashlib.sha256(f"clone-{template.pk}-{number}".encode()).hexdigest()
        if "date_edtf" in overrides:
            photo.set_date_range()
        elif parsed:  # parsed once for every clone of the template
            photo.date_edtf, photo.date_earliest, photo.date_latest = parsed.edtf, parsed.earliest, parsed.latest
        photos.append(photo)
    photos = Photograph.objects.bulk_create(photos, batch_size=BATCH)
    renditions = list(template.renditions.all())
    for batch in batches(photos, BATCH // max(1, len(renditions)) or 1):
        PhotographRendition.objects.bulk_create(
            [
                PhotographRendition(
                    image=photo, filter_spec=r.filter_spec, focal_point_key=r.focal_point_key,
                    file=r.file.name, width=r.width, height=r.height,
                )
                for photo in batch
                for r in renditions
            ]
        )
    if communities:
        for batch in batches(photos):
            TaggedCommunity.objects.bulk_create(
                [TaggedCommunity(content_object=photo, tag=community) for photo in batch for community in communities]
            )
    if index:
        # Clones differing from each other in what the index holds only by title and artist can share rows.
        if set(overrides) <= {"title", "artist", "date_edtf"}:
            index_clones(photos)
        else:
            index_photos([photo.pk for photo in photos])
    # bulk_create sends no signal: what a save would have done to cached pages and counts.
    generation.bump()
    return photos


def enlarge_demo(total):
    """
    The demo archive (gallery.demo.load_archive, already loaded) cloned up to `total` public
    photographs: each demo photograph's communities, a third of the contemporary clones without an
    artist, the rest spread over the artists. Used by the page benchmark and the load test; called
    again with a larger total, it adds the difference (clones are made from the demo's own
    photographs, the first with each original file).
    """
    # A list, not a subquery: right after a bulk insert the planner's statistics are stale and it
    # would loop over the photographs once per group.
    firsts = [row["first"] for row in Photograph.objects.values("file").annotate(first=Min("pk")).order_by()]
    templates = list(Photograph.objects.filter(pk__in=firsts).order_by("pk").prefetch_related("communities"))
    artists = list(Artist.objects.order_by("pk"))
    existing = Photograph.objects.count()
    per_template = (total - existing) // len(templates) + 1
    for template in templates:
        missing = total - existing
        if missing <= 0:
            break
        contemporary = template.kind == "contemporary"
        made = clone_photos(
            template, min(per_template, missing), communities=list(template.communities.all()), index=True,
            artist=lambda n, contemporary=contemporary: artists[n % len(artists)] if contemporary and n % 3 else None,
        )
        existing += len(made)
    assert Photograph.objects.public().count() == total
    # What import_photos and load_demo do after adding many rows (the clones stand in for an import).
    db_stats.refresh_planner_statistics()
    if connection.vendor == "postgresql":
        # Autovacuum would get there in its own time; a benchmark measures right after the insert.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def date_for(number):
    """A spread of approximate dates, circa and decades among them."""
    return ("1905~", "191X", "1890/1910", "1925", "193X", "1948", "1950~", "2013-10", "2014-03-07", "")[number % 10]


__all__ = ["clone_photos", "date_for", "enlarge_demo", "approximate_dates", "index_photos"]
