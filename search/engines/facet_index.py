"""Facet counts for the database engine, from bitsets instead of GROUP BY.

Counting facets in SQL groups every matched row once per facet. For a common word that matches most of
100,000 documents that costs 150–200 ms on SQLite and PostgreSQL alike, most of it sorting. Here the
facet values of all documents are loaded once per index state into Python integers used as bitsets
(bit *n* set: the document with id *n* has that value). A search then only needs the ids its words match
(one full-text query, see ``DatabaseEngine``); every count is an AND and a popcount over those bitsets,
which takes well under a millisecond for all facets together.

The index is keyed by ``IndexState``, which database triggers change on every write to the documents
table, so it is never stale. It is kept in the process and shared between processes through Django's
cache; building it reads the documents' ``facet_values`` once (every facet of search/facets.py, by name), so
a new facet needs nothing here.
"""

import json
import logging
import sys
import time
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection

from search import facets

logger = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 60 * 60
_local = {}  # process memo: {"entry": (key, FacetIndex)}, one tuple so threads never see half an update


def bitset(ids):
    """A Python int with bit *i* set for every *i* in `ids` (non-negative integers)."""
    if not len(ids):
        return 0
    digits = bytearray(b"0") * (max(ids) + 1)
    for i in ids:
        digits[i] = 49  # "1"
    digits.reverse()  # int() reads the most significant digit first
    return int(digits, 2)


def ids_from_text(text):
    """Ids from a comma-separated list, as SQLite's group_concat() gives them (None: none)."""
    return list(map(int, text.split(","))) if text else []


def ids_from_bytes(data):
    """Ids from big-endian 8-byte integers, as PostgreSQL's string_agg(int8send(id), '') gives them."""
    ids = array("q")
    if data:
        ids.frombytes(bytes(data))
        if sys.byteorder == "little":
            ids.byteswap()
    return ids


@dataclass
class FacetIndex:
    everything: int = 0
    # facet name -> value -> bitset
    values: dict = field(default_factory=lambda: {facet.name: {} for facet in facets.FACETS})

    @classmethod
    def from_groups(cls, groups):
        """Build from (facet name, value, ids) groups: the documents having each value of each facet."""
        index = cls()
        for name, value, ids in groups:
            if name not in index.values:  # a facet that is no longer declared, until update_index
                continue
            bits = bitset(ids)
            if name == "type":  # every document has exactly one type
                index.everything |= bits
            index.values[name][value] = index.values[name].get(value, 0) | bits
        return index

    def selection(self, params):
        """Per facet with a filter: the bitset of documents having any chosen value (OR within a facet)."""
        selected = {}
        for name, chosen in params.filters.items():
            if chosen:
                bits = 0
                for value in chosen:
                    bits |= self.values.get(name, {}).get(str(value).strip(), 0)
                selected[name] = bits
        return selected

    def count(self, matched, params):
        """(results, {facet: Counter(value -> count)}) for the matched documents (a bitset); `results` is
        the bitset of the documents that also pass every filter.

        The total applies every filter; each facet's counts apply the filters of the *other* facets, so
        a user sees how many results choosing another value of the same facet would add.
        """
        selected = self.selection(params)
        total = matched
        for bits in selected.values():
            total &= bits
        counts_by_facet = {}
        for name in self.values:
            base = matched
            for other, bits in selected.items():
                if other != name:
                    base &= bits
            counts = Counter()
            if base:
                for value, bits in self.values[name].items():
                    n = (base & bits).bit_count()
                    if n:
                        counts[value] = n
            counts_by_facet[name] = counts
        return total, counts_by_facet


def newest(bits, n):
    """The `n` highest ids in a bitset (ids grow with indexing: the most recently indexed documents)."""
    digits = bin(bits)  # "0b1…": the highest id first
    last = len(digits) - 1
    ids, position = [], 1
    while len(ids) < n:
        position = digits.find("1", position + 1)
        if position < 0:
            break
        ids.append(last - position)
    return ids


def _read_groups():
    """(facet name, value, ids) for every value of every facet, from the documents' ``facet_values``.

    One pass over the column (SQLite: over the covering index, never touching the large rows), grouped here:
    taking the JSON apart in SQL (json_each, jsonb_each) and grouping there was several times slower."""
    if connection.vendor == "postgresql":
        sql = "SELECT id, facet_values::text FROM search_searchdocument"
    else:
        sql = "SELECT id, facet_values FROM search_searchdocument INDEXED BY search_document_facets"
    groups = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for pk, raw in cursor.fetchall():
            for name, values in json.loads(raw).items():
                for value in values:
                    groups[name, value].append(pk)
    for (name, value), ids in groups.items():
        yield name, value, ids


def cache_key(state):
    """Per index state and per set of declared facets (an index cached before a facet was added lacks it)."""
    return f"search:facet-index:v2:{connection.vendor}:{facets.SIGNATURE}:{state[0]}:{state[1]}"


def get(state):
    """The facet index for this index state: from the process, the cache, or built now. After every index
    update a background task builds it (``search.tasks.warm_facet_index``), so searches rarely have to."""
    key = cache_key(state)
    entry = _local.get("entry")
    if entry is not None and entry[0] == key:
        return entry[1]
    index = cache.get(key)
    if index is None:
        started = time.perf_counter()
        index = FacetIndex.from_groups(_read_groups())
        logger.info("Search: facet index built in %.0f ms", (time.perf_counter() - started) * 1000)
        cache.set(key, index, CACHE_SECONDS)
    _local["entry"] = (key, index)
    return index
