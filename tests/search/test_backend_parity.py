"""The same query finds the same documents on SQLite and PostgreSQL.

``matches.json`` holds, for every query of the relevance sets (test corpus and demo content, plus plurals,
compounds and a partial match), the URLs of every document found. The tests assert them on the database they
run on; CI runs them on SQLite and PostgreSQL, so both find exactly these documents. Ranking may differ
(bm25 and ts_rank), so the order is not compared; test_relevance.py and test_demo_relevance.py check what
must be near the top, on both.

After a deliberate change to the analysis or to the demo content, record the file again (on either
database, then run the tests on the other):
``SEARCH_RECORD_MATCHES=1 .venv/bin/pytest tests/search/test_backend_parity.py``
"""

import json
import os
import re
from pathlib import Path

import pytest

from search.engines.base import SearchParams
from search.engines.database import DatabaseEngine
from tests.search.corpus import RELEVANCE
from tests.search.test_demo_relevance import DEMO_RELEVANCE

pytestmark = pytest.mark.django_db

MATCHES = Path(__file__).with_name("matches.json")
RECORD = os.environ.get("SEARCH_RECORD_MATCHES") == "1"
_WORDS = """brief brieven reis reizen huis huizen prijs prijzen kosten vrijwilligers organisaties organisatie
    initiatief bedrijven werk samenwerken nieuwe mensen"""
EXTRA = [*_WORDS.split(), "jongeren gemeente"]  # words that never meet: the results with most of the words


# Forum topics and local actions are addressed by their row id, which differs between databases (sequences are not
# reset between tests).
_ROW_ID = re.compile(r"(/onderwerp/|/acties/)\d+[-/]")


def _found(queries):
    engine = DatabaseEngine()
    found = {}
    for query in queries:
        hits = engine.search(SearchParams(query=query), limit=5000).hits
        found[query] = sorted(_ROW_ID.sub(r"\1", hit.document.url) for hit in hits)
    return found


def _check(name, queries):
    found = _found(queries)
    recorded = json.loads(MATCHES.read_text()) if MATCHES.exists() else {}
    if RECORD:
        recorded[name] = found
        MATCHES.write_text(json.dumps(recorded, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        pytest.skip(f"recorded {MATCHES.name}")
    expected = recorded[name]
    assert set(expected) == set(queries), "the queries changed: record matches.json again"
    differences = [
        f"{q!r}: missing {sorted(set(expected[q]) - set(found[q]))[:5]}, "
        f"extra {sorted(set(found[q]) - set(expected[q]))[:5]}"
        for q in queries
        if found[q] != expected[q]
    ]
    assert not differences, "\n".join(differences)


def test_corpus_queries_find_the_same_documents_on_every_database(corpus):
    _check("corpus", [q for q, _ in RELEVANCE] + EXTRA)


def test_demo_queries_find_the_same_documents_on_every_database(demo):
    _check("demo", [q for q, _ in DEMO_RELEVANCE] + EXTRA)
