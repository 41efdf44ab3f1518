"""The default engine: SearchDocument rows with SQLite FTS5 or PostgreSQL full text search.

Ranking and LIMIT run inside the full-text query (bm25 in FTS5, ts_rank over the GIN match on
PostgreSQL); only the ten documents shown are loaded. Facet counts come from one grouped query.
"""

from django.db import connection

from search import dutch
from search.engines.base import FacetCombos, Hit, SearchResponse
from search.indexing import facet_token
from search.models import SearchDocument

FACET_KINDS = {"type": "type", "theme": "theme", "audience": "aud", "province": "prov", "year": "year"}
DEFER = ("title_terms", "body_terms", "facet_terms")


def facet_groups(params):
    """Facet filters as lists of index tokens: OR within a facet, AND between facets."""
    groups = []
    for name, values in params.filters.items():
        tokens = sorted({facet_token(FACET_KINDS[name], value) for value in values if str(value).strip()})
        if tokens:
            groups.append(tokens)
    return groups


def _fts_term(stem):
    """One query stem for FTS5: a prefix match, with its f/v or s/z variant."""
    forms = [f'"{form}"*' if len(form) >= 3 else f'"{form}"' for form in dutch.variants(stem)]
    return "(" + " OR ".join(forms) + ")"


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
        if self.vendor == "postgresql":
            ranked, combos = self._postgres(params, offset, limit)
        else:
            ranked, combos = self._sqlite(params, offset, limit)
        documents = (
            SearchDocument.objects.defer(*DEFER).select_related("content_type").in_bulk([pk for pk, _ in ranked])
        )
        hits = [Hit(documents[pk], score) for pk, score in ranked if pk in documents]
        facets = FacetCombos(combos)
        return SearchResponse(
            total=facets.total(params.filters), hits=hits, facets=facets.counts(params.filters), engine=self.name
        )

    def suggest(self, text, limit=8):
        """Titles that match what was typed so far (the last word as a prefix)."""
        stems = dutch.query_stems(text)
        if not stems:
            return []
        if self.vendor == "postgresql":
            query = " & ".join(f"{word}:*" for word in dutch.query_words(text))
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
            terms = " AND ".join(
                "("
                + " OR ".join(f'"{form}"*' if len(form) >= 3 else f'"{form}"' for form in dutch.variants(stem))
                + ")"
                for stem in stems
            )
            parts.append(f"{{title_terms body_terms}}: ({terms})")
        if with_facets:
            for tokens in facet_groups(params):
                parts.append("facet_terms: (" + " OR ".join(f'"{token}"' for token in tokens) + ")")
        if not parts:
            parts.append('facet_terms: "zzall"')
        return " AND ".join(parts)

    def _sqlite(self, params, offset, limit):
        match = self.sqlite_match(params)
        if params.sort == "newest" or not params.stems:
            ranked_sql = (
                "SELECT d.id, 0 FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s ORDER BY d.date DESC, d.id DESC LIMIT %s OFFSET %s"
            )
        else:
            # Title matches weigh ten times body matches; facet tokens do not count.
            ranked_sql = (
                "SELECT rowid, bm25(search_fts, 10.0, 1.0, 0.0) AS score FROM search_fts "
                "WHERE search_fts MATCH %s ORDER BY score LIMIT %s OFFSET %s"
            )
        combos_sql = (
            "SELECT type_key, year, province, theme_ids, audience_ids, COUNT(*) FROM search_searchdocument "
            "WHERE id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s) "
            "GROUP BY type_key, year, province, theme_ids, audience_ids"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(ranked_sql, [match, limit, offset])
            ranked = [(row[0], -float(row[1] or 0)) for row in cursor.fetchall()]
            cursor.execute(combos_sql, [self.sqlite_match(params, with_facets=False)])
            combos = cursor.fetchall()
        return ranked, combos

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

    def _postgres(self, params, offset, limit):
        where, args, text = self._postgres_where(params)
        if params.sort == "newest" or not text:
            ranked_sql = (
                f"SELECT id, 0 FROM search_searchdocument WHERE {where} "  # noqa: S608 - fixed fragments only
                "ORDER BY date DESC NULLS LAST, id DESC LIMIT %s OFFSET %s"
            )
            ranked_args = [*args, limit, offset]
        else:
            ranked_sql = (
                "SELECT id, ts_rank(search_vector, to_tsquery('dutch', %s)) AS score "  # noqa: S608
                f"FROM search_searchdocument WHERE {where} ORDER BY score DESC, date DESC NULLS LAST LIMIT %s OFFSET %s"
            )
            ranked_args = [text, *args, limit, offset]
        combo_where, combo_args, _text = self._postgres_where(params, with_facets=False)
        combos_sql = (
            "SELECT type_key, year, province, theme_ids, audience_ids, COUNT(*) FROM search_searchdocument "  # noqa: S608
            f"WHERE {combo_where} GROUP BY type_key, year, province, theme_ids, audience_ids"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(ranked_sql, ranked_args)
            ranked = [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]
            cursor.execute(combos_sql, combo_args)
            combos = cursor.fetchall()
        return ranked, combos
