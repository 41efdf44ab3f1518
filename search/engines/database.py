"""The default engine: SearchDocument rows with SQLite FTS5 or PostgreSQL full text search.

Both databases index the same analysed terms (``search.dutch``): FTS5 as they are, PostgreSQL with its
``simple`` configuration, so a query finds the same documents on either. Ranking and LIMIT run inside the
full-text query (bm25 in FTS5, ts_rank over the GIN match on PostgreSQL); only the ten documents shown are
loaded. Facet counts need only the ids the words match, aggregated into one string by the database, and
bitsets per facet value (``facet_index``).

When fewer than ``PARTIAL_MATCH_BELOW`` documents have every word of a multi-word query, the results are the
documents with most of the words: grouped by how many words they have (most first), ranked within a group.
Each word's matches are then one bitset (cached like any other), and the groups and the facet counts come
from those bitsets, so the counts describe exactly the results shown.
"""

import contextlib
import hashlib
import json

from django.core.cache import cache
from django.db import connection, transaction

from search import dutch, facets
from search.engines import facet_index
from search.engines.base import PARTIAL_MATCH_BELOW, Hit, SearchResponse
from search.models import IndexState, SearchDocument

DEFER = ("title_terms", "body_terms", "facet_terms")
# Up to this many matches bm25 ranks them all; beyond it, see DatabaseEngine._sqlite_ranked.
EXACT_RANKING_LIMIT = 5000
# ... and then the ranking window: this many of the most recently indexed matches.
RANKING_WINDOW = 2000
# PostgreSQL's ts_rank reads each candidate's tsvector from TOAST (FTS5's bm25 needs only its own index), so its
# window is smaller: at 100,000 documents 2,000 candidates cost 20 ms more per search than 1,000 (bench/README.md).
POSTGRES_RANKING_WINDOW = 1000
# Popular searches repeat: their results are cached for this long, keyed by the state of the index.
CACHE_SECONDS = 300


def facet_groups(params):
    """Facet filters as lists of index tokens: OR within a facet, AND between facets."""
    groups = []
    for name, values in params.filters.items():
        facet = facets.BY_NAME[name]
        tokens = sorted({facet.index_token(value) for value in values if str(value).strip()})
        if tokens:
            groups.append(tokens)
    return groups


def _fts_term(stem):
    """One query stem for FTS5: the exact term (stems are ASCII letters and digits)."""
    return f'"{stem}"'


def _fts_text_match(terms):
    """An FTS5 condition: every term in the title or the body."""
    return f"{{title_terms body_terms}}: ({' AND '.join(terms)})"


def _pack_bits(bits):
    """A bitset as bytes for the cache. Django's Redis cache stores a bare int as its decimal text, and Python
    refuses to turn an int of more than 4,300 digits (about 14,000 documents) into text: every search failed."""
    return bits.to_bytes((bits.bit_length() + 7) // 8 or 1, "little")


def _unpack_bits(value):
    return None if value is None else int.from_bytes(value, "little")


def _match_key(vendor, state, term):
    digest = hashlib.sha256(term.encode()).hexdigest()[:32]
    return f"search:match:{vendor}:{state[0]}:{state[1]}:{digest}"


def _tsquery_term(stem):
    """One query stem for to_tsquery('simple', …): the exact lexeme, as in FTS5."""
    return stem


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
        state = IndexState.current()
        key = self._cache_key(params, offset, limit, state)
        cached = cache.get(key)
        if cached is None:
            cached = self._search(params, offset, limit, state)
            cache.set(key, cached, CACHE_SECONDS)
        total, facets, ranked, partial = cached
        # Rows are always read fresh: a document removed since (unpublished, made private) never shows.
        documents = SearchDocument.objects.defer(*DEFER).in_bulk([pk for pk, _ in ranked])
        hits = [Hit(documents[pk], score) for pk, score in ranked if pk in documents]
        response = SearchResponse(total=total, hits=hits, facets=facets, engine=self.name)
        if partial is not None:
            response.partial_match = True
            response.all_words_total, response.unmatched_words = partial
        return response

    def _cache_key(self, params, offset, limit, state):
        """Results are cached per index state: database triggers change it with every write to the index. (v2: the
        cached tuple holds the partial match too; v3: the counts of every facet of search/facets.py.)"""
        signature = repr(
            (self.vendor, params.stems, params.words, sorted(params.filters.items()), params.sort, offset, limit, state)
        )
        return "search:db:v3:" + hashlib.sha256(signature.encode()).hexdigest()

    def _search(self, params, offset, limit, state):
        """(total, facets, [(id, score)], partial): partial is None, or (all-words total, unmatched words)."""
        index = facet_index.get(state)
        postgres = self.vendor == "postgresql"
        # PostgreSQL: one transaction for the SET LOCALs. SQLite: none (an IMMEDIATE one would take the write lock).
        atomic = transaction.atomic(using=self.connection.alias) if postgres else contextlib.nullcontext()
        with atomic, self.connection.cursor() as cursor:
            if postgres:
                # Common words match most rows: answer from the GIN index (exact, no recheck) rather than a
                # sequential scan that unpacks every tsvector.
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
            results, facets = index.count(self._matched(params, index, cursor, state), params)
            total, partial, levels = results.bit_count(), None, None
            if total < PARTIAL_MATCH_BELOW and len(params.stems) > 1:
                per_term = self._term_matches(params, cursor, state)
                union, by_count = _levels(per_term)
                any_results, any_facets = index.count(union, params)
                if any_results.bit_count() > total:  # the words apart find more: show those too
                    unmatched = [word for word, bits in zip(params.words, per_term, strict=True) if not bits]
                    partial, total, facets = (total, unmatched), any_results.bit_count(), any_facets
                    levels = [level & any_results for level in by_count]
            ranked = []
            if total and levels is not None:
                ranked = self._ranked_by_levels(params, offset, limit, levels, cursor)
            elif total and postgres:
                cursor.execute(*self._postgres_ranked(params, offset, limit, total, results))
                ranked = [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]
        if total and levels is None and not postgres:
            ranked = self._sqlite_ranked(params, offset, limit, total)
        return total, facets, ranked, partial

    def _matched(self, params, index, cursor, state):
        """Bitset of the documents the words match (facet filters are applied by the facet index).

        Each word's bitset is cached for the index state, the way a search engine caches filters: common
        words recur across queries, and a query then only asks the database about words not seen yet.
        """
        if not params.stems:
            return index.everything
        terms = self._match_terms(params)
        keys = {term: _match_key(self.vendor, state, term) for term in terms}
        cached = cache.get_many(list(keys.values()))
        matched, missing = None, []
        for term in terms:
            bits = _unpack_bits(cached.get(keys[term]))
            if bits is None:
                missing.append(term)
            else:
                matched = bits if matched is None else matched & bits
        if missing and matched != 0:
            bits = self._fetch_matches(missing, cursor)
            if len(missing) == 1:
                cache.set(keys[missing[0]], _pack_bits(bits), CACHE_SECONDS)
            matched = bits if matched is None else matched & bits
        return matched

    def _term_matches(self, params, cursor, state):
        """One bitset per query word (in the order of ``params.words``), each from the cache or the database."""
        terms = self._match_terms(params)
        keys = [_match_key(self.vendor, state, term) for term in terms]
        cached = cache.get_many(keys)
        matches = []
        for term, key in zip(terms, keys, strict=True):
            bits = _unpack_bits(cached.get(key))
            if bits is None:
                bits = self._fetch_matches([term], cursor)
                cache.set(key, _pack_bits(bits), CACHE_SECONDS)
            matches.append(bits)
        return matches

    def _match_terms(self, params):
        """One full-text expression per query word (all of them must match)."""
        if self.vendor == "postgresql":
            return [_tsquery_term(stem) for stem in params.stems]
        return [_fts_term(stem) for stem in params.stems]

    def _fetch_matches(self, terms, cursor):
        """Bitset of the documents matching all `terms`: one row holding every matched id, far cheaper to
        transfer and decode than a row per id."""
        if self.vendor == "postgresql":
            sql = (
                "SELECT string_agg(int8send(id), ''::bytea) FROM search_searchdocument "
                "WHERE search_vector @@ to_tsquery('simple', %s)"
            )
            cursor.execute(sql, [" & ".join(terms)])
            return facet_index.bitset(facet_index.ids_from_bytes(cursor.fetchone()[0]))
        sql = "SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH %s"
        cursor.execute(sql, [_fts_text_match(terms)])
        return facet_index.bitset(facet_index.ids_from_text(cursor.fetchone()[0]))

    def _ranked_by_levels(self, params, offset, limit, levels, cursor):
        """A page of results with most of the words: level by level (most words first), ranked within each by
        relevance (or date) over any of the words. A large level is ranked within its newest documents, as
        very common words are (``RANKING_WINDOW``)."""
        ranked = []
        for level in levels:
            size = level.bit_count()
            if offset >= size:
                offset -= size
                continue
            window = RANKING_WINDOW if self.vendor != "postgresql" else POSTGRES_RANKING_WINDOW
            ids = facet_index.newest(level, size if size <= EXACT_RANKING_LIMIT else window)
            ranked += self._rank_ids(params, ids, offset, limit - len(ranked), cursor)
            offset = 0
            if len(ranked) >= limit:
                break
        return ranked

    def _rank_ids(self, params, ids, offset, limit, cursor):
        """(id, score) of a page of `ids`, by relevance to any of the query's words, or by date."""
        any_word = [_fts_term(stem) for stem in params.stems]
        if self.vendor == "postgresql":
            if params.sort == "newest":
                sql = (
                    "SELECT id, 0 FROM search_searchdocument WHERE id = ANY(%s) "
                    "ORDER BY date DESC NULLS LAST, id DESC LIMIT %s OFFSET %s"
                )
                args = [ids, limit, offset]
            else:
                sql = (
                    "SELECT id, ts_rank(search_vector, to_tsquery('simple', %s)) AS score "
                    "FROM search_searchdocument WHERE id = ANY(%s) "
                    "ORDER BY score DESC, date DESC NULLS LAST LIMIT %s OFFSET %s"
                )
                args = [" | ".join(_tsquery_term(stem) for stem in params.stems), ids, limit, offset]
        elif params.sort == "newest":
            sql = (
                "SELECT id, 0 FROM search_searchdocument WHERE id IN (SELECT value FROM json_each(%s)) "
                "ORDER BY date DESC, id DESC LIMIT %s OFFSET %s"
            )
            args = [json.dumps(ids), limit, offset]
        else:
            sql = (
                "SELECT rowid, -rank FROM search_fts WHERE search_fts MATCH %s "
                "AND rowid IN (SELECT value FROM json_each(%s)) ORDER BY rank LIMIT %s OFFSET %s"
            )
            args = [f"{{title_terms body_terms}}: ({' OR '.join(any_word)})", json.dumps(ids), limit, offset]
        cursor.execute(sql, args)
        return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]

    def suggest(self, text, limit=8):
        """Titles that match what was typed so far (the last word as a prefix)."""
        stems = dutch.query_stems(text)
        if not stems:
            return []
        if self.vendor == "postgresql":
            query = " & ".join(f"{stem}:*A" for stem in stems)  # A: title lexemes only
            sql = (
                "SELECT id FROM search_searchdocument WHERE search_vector @@ to_tsquery('simple', %s) "
                "ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, date DESC LIMIT %s"
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
    def sqlite_match(params):
        parts = []
        if params.stems:
            parts.append(_fts_text_match(_fts_term(stem) for stem in params.stems))
        for tokens in facet_groups(params):
            parts.append("facet_terms: (" + " OR ".join(f'"{token}"' for token in tokens) + ")")
        if not parts:
            parts.append(f'facet_terms: "{facets.EVERYTHING}"')
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

    # PostgreSQL --------------------------------------------------------------------------------------------

    @staticmethod
    def postgres_queries(params):
        """(text tsquery source, facet tsquery source), both for to_tsquery('simple', …)."""
        text = " & ".join(_tsquery_term(stem) for stem in params.stems)
        facets = " & ".join("(" + " | ".join(tokens) + ")" for tokens in facet_groups(params))
        return text, facets

    def _postgres_where(self, params):
        text, facets = self.postgres_queries(params)
        clauses, args = [], []
        if text:
            clauses.append("search_vector @@ to_tsquery('simple', %s)")
            args.append(text)
        if facets:
            clauses.append("search_vector @@ to_tsquery('simple', %s)")
            args.append(facets)
        if not clauses:
            clauses.append("TRUE")
        return " AND ".join(clauses), args, text

    def _postgres_ranked(self, params, offset, limit, total=0, results=0):
        where, args, text = self._postgres_where(params)
        if params.sort == "newest" or not text:
            sql = (
                f"SELECT id, 0 FROM search_searchdocument WHERE {where} "  # noqa: S608 - fixed fragments only
                "ORDER BY date DESC NULLS LAST, id DESC LIMIT %s OFFSET %s"
            )
            return sql, [*args, limit, offset]
        if total > EXACT_RANKING_LIMIT and results:
            # Very common words: ts_rank over a bounded window, the most recently indexed matches. Their ids
            # come from the facet counts' bitset, so PostgreSQL reads only those rows (by primary key).
            sql = (
                "SELECT id, ts_rank(search_vector, to_tsquery('simple', %s)) AS score "
                "FROM search_searchdocument WHERE id = ANY(%s) "
                "ORDER BY score DESC, date DESC NULLS LAST LIMIT %s OFFSET %s"
            )
            return sql, [text, facet_index.newest(results, POSTGRES_RANKING_WINDOW), limit, offset]
        sql = (
            "SELECT id, ts_rank(search_vector, to_tsquery('simple', %s)) AS score "  # noqa: S608
            f"FROM search_searchdocument WHERE {where} ORDER BY score DESC, date DESC NULLS LAST LIMIT %s OFFSET %s"
        )
        return sql, [text, *args, limit, offset]


def _levels(per_term):
    """(documents with any of the words, [documents with exactly k words for k = n … 1]) from one bitset per
    word. The count of words per document is kept as binary digits in bitsets (a bit-sliced counter), so this
    takes a few big-integer operations per word, however many documents match."""
    digits = []
    for bits in per_term:
        carry = bits
        for position, digit in enumerate(digits):
            digits[position], carry = digit ^ carry, digit & carry
        if carry:
            digits.append(carry)
    union = 0
    for bits in per_term:
        union |= bits
    levels = []
    for count in range(len(per_term), 0, -1):
        level = union
        for position in range(max(len(digits), count.bit_length())):
            digit = digits[position] if position < len(digits) else 0
            level &= digit if count >> position & 1 else ~digit
        levels.append(level)
    return union, levels
