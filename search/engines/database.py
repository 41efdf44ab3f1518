"""The default engine: SearchDocument rows with SQLite FTS5 or PostgreSQL full text search.

Ranking and LIMIT run inside the full-text query (bm25 in FTS5, ts_rank over the GIN match on
PostgreSQL); only the ten documents shown are loaded. Facet counts come from one grouped query.
"""

import hashlib
from collections import Counter

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Max

from search import dutch
from search.engines.base import FACETS, Hit, SearchResponse
from search.indexing import facet_token
from search.models import SearchDocument

FACET_KINDS = {"type": "type", "theme": "theme", "audience": "aud", "province": "prov", "year": "year"}
DEFER = ("title_terms", "body_terms", "facet_terms")
# Up to this many matches bm25 ranks them all; beyond it, see DatabaseEngine._sqlite_ranked.
EXACT_RANKING_LIMIT = 5000
# ... and then the ranking window: this many of the most recently indexed matches.
RANKING_WINDOW = 2000
# Popular searches repeat: their results are cached for this long, keyed by the state of the index.
CACHE_SECONDS = 300


def facet_groups(params):
    """Facet filters as lists of index tokens: OR within a facet, AND between facets."""
    groups = []
    for name, values in params.filters.items():
        tokens = sorted({facet_token(FACET_KINDS[name], value) for value in values if str(value).strip()})
        if tokens:
            groups.append(tokens)
    return groups


def _fts_term(stem):
    """One query stem for FTS5: the exact term, or its f/v or s/z variant."""
    return "(" + " OR ".join(f'"{form}"' for form in dutch.variants(stem)) + ")"


class DatabaseEngine:
    name = "database"

    def __init__(self, using=None):
        self.connection = connection

    @property
    def vendor(self):
        return self.connection.vendor

    def search(self, params, offset=0, limit=10):
        if params.is_empty:
            return SearchResponse(engine=self.name)
        key = self._cache_key(params, offset, limit)
        cached = cache.get(key)
        if cached is None:
            cached = self._search(params, offset, limit)
            cache.set(key, cached, CACHE_SECONDS)
        total, facets, ranked = cached
        # Rows are always read fresh: a document removed since (unpublished, made private) never shows.
        documents = SearchDocument.objects.defer(*DEFER).in_bulk([pk for pk, _ in ranked])
        hits = [Hit(documents[pk], score) for pk, score in ranked if pk in documents]
        return SearchResponse(total=total, hits=hits, facets=facets, engine=self.name)

    def _cache_key(self, params, offset, limit):
        """Results are cached per index state: any indexed or changed document changes the key (both maxima
        come from an index). A removal does not, but hits are re-read from the table, so removed content
        never shows; its count may lag for at most CACHE_SECONDS."""
        state = SearchDocument.objects.aggregate(changed=Max("indexed_at"), last=Max("id"))
        signature = repr(
            (self.vendor, params.stems, params.words, sorted(params.filters.items()), params.sort, offset, limit, state)
        )
        return "search:db:" + hashlib.sha256(signature.encode()).hexdigest()

    def _search(self, params, offset, limit):
        if self.vendor == "postgresql":
            return self._search_postgres(params, offset, limit)
        match_sql, match_args = self._sqlite_matches(params)
        facets_sql, facets_args = facet_counts_sql(params, match_sql, match_args, self.vendor)
        with self.connection.cursor() as cursor:
            cursor.execute(facets_sql, facets_args)
            total, facets = read_facet_counts(cursor.fetchall())
        ranked = self._sqlite_ranked(params, offset, limit, total) if total else []
        return total, facets, ranked

    def _search_postgres(self, params, offset, limit):
        match_sql, match_args = self._postgres_matches(params)
        facets_sql, facets_args = facet_counts_sql(params, match_sql, match_args, self.vendor)
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            # Common words match most rows: answer from the GIN index (exact, no recheck) rather than a
            # sequential scan that unpacks every tsvector.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute(facets_sql, facets_args)
            total, facets = read_facet_counts(cursor.fetchall())
            ranked = []
            if total:
                cursor.execute(*self._postgres_ranked(params, offset, limit, total))
                ranked = [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]
        return total, facets, ranked

    def suggest(self, text, limit=8):
        """Titles that match what was typed so far (the last word as a prefix)."""
        stems = dutch.query_stems(text)
        if not stems:
            return []
        if self.vendor == "postgresql":
            query = " & ".join(f"{word}:*A" for word in dutch.query_words(text))  # A: title lexemes only
            sql = (
                "SELECT id FROM search_searchdocument WHERE search_vector @@ to_tsquery('dutch', %s) "
                "ORDER BY ts_rank(search_vector, to_tsquery('dutch', %s)) DESC, date DESC LIMIT %s"
            )
            args = [query, query, limit]
        else:
            match = "title_terms: (" + " AND ".join(f'"{stem}"*' for stem in stems) + ")"
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s"
            args = [match, limit]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, args)
            ids = [row[0] for row in cursor.fetchall()]
        documents = SearchDocument.objects.only("id", "title", "url", "type_key").in_bulk(ids)
        return [documents[pk] for pk in ids if pk in documents]

    # SQLite ------------------------------------------------------------------------------------------------

    @staticmethod
    def sqlite_match(params, with_facets=True):
        parts = []
        stems = params.stems
        if stems:
            terms = " AND ".join(_fts_term(stem) for stem in stems)
            parts.append(f"{{title_terms body_terms}}: ({terms})")
        if with_facets:
            for tokens in facet_groups(params):
                parts.append("facet_terms: (" + " OR ".join(f'"{token}"' for token in tokens) + ")")
        if not parts:
            parts.append('facet_terms: "zzall"')
        return " AND ".join(parts)

    def _sqlite_ranked(self, params, offset, limit, total):
        match = self.sqlite_match(params)
        if params.sort == "newest" or not params.stems:
            sql = (
                "SELECT d.id, 0 FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s ORDER BY d.date DESC, d.id DESC LIMIT %s OFFSET %s"
            )
            return self._fetch(sql, [match, limit, offset])
        sql = "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s OFFSET %s"
        if total <= EXACT_RANKING_LIMIT:
            return self._fetch(sql, [match, limit, offset])
        # Very common words: bm25 over most of the index is too slow, so rank a bounded window of
        # candidates: the most recently indexed documents whose *title* matches come first (they win on bm25
        # anyway), then the most recent body-only matches. Exact ranking within each window.
        title_terms = " OR ".join(_fts_term(stem) for stem in params.stems)
        in_title = f"{match} AND title_terms: ({title_terms})"
        body_only = f"{match} NOT title_terms: ({title_terms})"
        window = (
            "SELECT rowid, score FROM (SELECT rowid, -rank AS score FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY rowid DESC LIMIT %s) ORDER BY score DESC LIMIT %s OFFSET %s"
        )
        ranked = self._fetch(window, [in_title, RANKING_WINDOW, limit, offset])
        if len(ranked) == limit:
            return ranked
        count = "SELECT COUNT(*), 0 FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s)"
        title_total = int(self._fetch(count, [in_title, RANKING_WINDOW])[0][0])
        body_offset = max(0, offset - title_total)
        return ranked + self._fetch(window, [body_only, RANKING_WINDOW, limit - len(ranked), body_offset])

    def _fetch(self, sql, args):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, args)
            return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]

    def _sqlite_matches(self, params):
        """Ids of documents matching the words only (facet counts apply the filters themselves)."""
        return "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self.sqlite_match(params, with_facets=False)]

    # PostgreSQL --------------------------------------------------------------------------------------------

    @staticmethod
    def postgres_queries(params, with_facets=True):
        """(text tsquery source, facet tsquery source) for to_tsquery('dutch', …) / to_tsquery('simple', …)."""
        text = " & ".join(
            "(" + " | ".join(f"{form}:*" if len(form) >= 3 else form for form in dutch.variants(word)) + ")"
            for word in params.words
        )
        facets = ""
        if with_facets:
            facets = " & ".join("(" + " | ".join(tokens) + ")" for tokens in facet_groups(params))
        return text, facets

    def _postgres_where(self, params, with_facets=True):
        text, facets = self.postgres_queries(params, with_facets)
        clauses, args = [], []
        if text:
            clauses.append("search_vector @@ to_tsquery('dutch', %s)")
            args.append(text)
        if facets:
            clauses.append("search_vector @@ to_tsquery('simple', %s)")
            args.append(facets)
        if not clauses:
            clauses.append("TRUE")
        return " AND ".join(clauses), args, text

    def _postgres_ranked(self, params, offset, limit, total=0):
        where, args, text = self._postgres_where(params)
        if params.sort == "newest" or not text:
            sql = (
                f"SELECT id, 0 FROM search_searchdocument WHERE {where} "  # noqa: S608 - fixed fragments only
                "ORDER BY date DESC NULLS LAST, id DESC LIMIT %s OFFSET %s"
            )
            return sql, [*args, limit, offset]
        if total > EXACT_RANKING_LIMIT:
            # Very common words: ts_rank over a bounded window of the most recently indexed matches.
            sql = (
                "SELECT id, ts_rank(search_vector, to_tsquery('dutch', %s)) AS score FROM ("  # noqa: S608
                f"SELECT id, search_vector, date FROM search_searchdocument WHERE {where} ORDER BY id DESC LIMIT %s"
                ") AS window_ ORDER BY score DESC, date DESC NULLS LAST LIMIT %s OFFSET %s"
            )
            return sql, [text, *args, RANKING_WINDOW, limit, offset]
        sql = (
            "SELECT id, ts_rank(search_vector, to_tsquery('dutch', %s)) AS score "  # noqa: S608
            f"FROM search_searchdocument WHERE {where} ORDER BY score DESC, date DESC NULLS LAST LIMIT %s OFFSET %s"
        )
        return sql, [text, *args, limit, offset]

    def _postgres_matches(self, params):
        """The full-text condition alone (facet counts apply the filters themselves)."""
        where, args, _text = self._postgres_where(params, with_facets=False)
        return where, args


FACET_COLUMNS = {
    "type": "type_key",
    "year": "year",
    "province": "province",
    "theme": "theme_ids",
    "audience": "audience_ids",
}


def _facet_condition(name, values):
    """SQL condition (and args) for one facet filter on the matched rows."""
    values = [str(v) for v in values]
    if name in ("theme", "audience"):
        column = FACET_COLUMNS[name]
        return "(" + " OR ".join(f"m.{column} LIKE %s" for _ in values) + ")", [f"%,{v},%" for v in values]
    if name == "year":
        values = [int(v) for v in values]
    return f"m.{FACET_COLUMNS[name]} IN ({', '.join(['%s'] * len(values))})", values


def _where(params, skip=None):
    clauses, args = [], []
    for name, values in params.filters.items():
        if name != skip and values:
            clause, clause_args = _facet_condition(name, values)
            clauses.append(clause)
            args.extend(clause_args)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def facet_counts_sql(params, match_sql, match_args, vendor="sqlite"):
    """One statement: the total with every filter, and per facet the counts with the *other* filters.

    The matched rows are materialised once (a covering index serves them on SQLite); each facet is one
    GROUP BY over them. Multi-valued facets (themes, audiences) group by their id list, split afterwards.
    """
    parts, args = [], []
    where, where_args = _where(params)
    parts.append(f"SELECT 'total', '', COUNT(*) FROM m{where}")  # noqa: S608 - fixed names, values as args
    args.extend(where_args)
    for name, column in FACET_COLUMNS.items():
        where, where_args = _where(params, skip=name)
        parts.append(f"SELECT '{name}', CAST({column} AS TEXT), COUNT(*) FROM m{where} GROUP BY {column}")  # noqa: S608
        args.extend(where_args)
    if vendor == "sqlite":
        # Scan the small covering index and probe the matched ids, instead of one row lookup per match.
        source = f"search_searchdocument INDEXED BY search_document_facets WHERE +id IN ({match_sql})"
    else:
        source = f"search_searchdocument WHERE {match_sql}"  # a condition the GIN index answers
    sql = (
        "WITH m AS MATERIALIZED (SELECT type_key, year, province, theme_ids, audience_ids "  # noqa: S608
        f"FROM {source}) " + " UNION ALL ".join(parts)
    )
    return sql, [*match_args, *args]


def read_facet_counts(rows):
    total = 0
    facets = {name: Counter() for name in FACETS}
    for name, value, count in rows:
        if name == "total":
            total = count
        elif name in ("theme", "audience"):
            for item in (value or "").strip(",").split(","):
                if item:
                    facets[name][item] += count
        elif value not in (None, ""):
            facets[name][str(value)] += count
    return total, facets
