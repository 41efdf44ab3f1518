"""Relevance set: Dutch queries (inflections, compounds, accents, capitals) and what must be in the top 5.

Runs over the test corpus (tests/search/corpus.py) plus the core demo pages, on whichever database the
tests use; CI runs it on SQLite and PostgreSQL.
"""

import pytest

from search import service
from search.engines.base import SearchParams
from tests.search.corpus import RELEVANCE

pytestmark = pytest.mark.django_db


def test_relevance_set_has_at_least_thirty_queries():
    assert len(RELEVANCE) >= 30
    assert len({query for query, _ in RELEVANCE}) == len(RELEVANCE)


def test_every_query_finds_its_pages_in_the_top_five(corpus):
    failures = []
    for query, expected in RELEVANCE:
        outcome = service.search(SearchParams(query=query), log=False)
        top_urls = [result["url"] for result in outcome.results[:5]]
        wanted = {corpus[slug].url for slug in expected}
        if not wanted & set(top_urls):
            failures.append(f"{query!r}: expected one of {sorted(wanted)}, got {top_urls}")
    assert not failures, "\n".join(failures)


def test_results_of_different_kinds_are_merged_by_relevance(corpus, home_page):
    """The home page (another page type) and content pages share one ranked list."""
    outcome = service.search(SearchParams(query="kennisplatform"), log=False)
    assert outcome.results, "the home page is searchable"
    assert outcome.results[0]["type"] == "core.homepage"
    outcome = service.search(SearchParams(query="vrijwilligers"), log=False)
    scores = [result["score"] for result in outcome.results]
    assert scores == sorted(scores, reverse=True)
