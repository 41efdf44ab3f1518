"""Facet counts from bitsets, and the index state that keys every search cache.

The bitset counts are checked against a plain count over the same documents, for random documents,
matches and filters; the index state against real writes to the documents table (database triggers).
"""

from collections import Counter

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from core.models import ContentPage
from search import facets, indexing
from search.engines import facet_index
from search.engines.base import SearchParams
from search.models import IndexState, SearchDocument

TYPES = ["core.contentpage", "tips.tip", "stories.storypage"]
PROVINCES = ["", "Utrecht", "Zeeland", "Noord-Holland"]


def test_bitset_sets_exactly_the_given_bits():
    bits = facet_index.bitset([0, 3, 64, 1000])
    assert bits.bit_count() == 4
    assert [i for i in range(1001) if bits >> i & 1] == [0, 3, 64, 1000]
    assert facet_index.bitset([]) == 0


def test_newest_ids_come_from_the_top_of_a_bitset():
    bits = facet_index.bitset([2, 9, 40, 41, 300])
    assert facet_index.newest(bits, 3) == [300, 41, 40]
    assert facet_index.newest(bits, 10) == [300, 41, 40, 9, 2]
    assert facet_index.newest(0, 5) == []
    assert facet_index.newest(facet_index.bitset([0]), 5) == [0]


def test_ids_decode_from_what_the_databases_aggregate():
    assert facet_index.ids_from_text("3,1,200") == [3, 1, 200]
    assert facet_index.ids_from_text(None) == []
    data = b"".join(i.to_bytes(8, "big") for i in (7, 1, 2**40))
    assert list(facet_index.ids_from_bytes(data)) == [7, 1, 2**40]
    assert list(facet_index.ids_from_bytes(None)) == []


documents = st.lists(
    st.tuples(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(TYPES).map(lambda key: [key]),
                "year": st.lists(st.integers(2019, 2026).map(str), max_size=1),
                "province": st.lists(st.sampled_from(PROVINCES[1:]), max_size=2, unique=True),
                "theme": st.lists(st.integers(1, 5).map(str), max_size=3, unique=True),
                "audience": st.lists(st.integers(1, 3).map(str), max_size=2, unique=True),
                "municipality": st.lists(st.integers(1, 6).map(str), max_size=3, unique=True),
            }
        ),
        st.booleans(),  # matched by the words of the query
    ),
    max_size=60,
)
filters = st.fixed_dictionaries(
    {
        "types": st.lists(st.sampled_from([*TYPES, "unknown.model"]), max_size=2),
        "themes": st.lists(st.integers(1, 6).map(str), max_size=2),
        "audiences": st.lists(st.integers(1, 3).map(str), max_size=1),
        "provinces": st.lists(st.sampled_from(PROVINCES[1:]), max_size=2),
        "municipalities": st.lists(st.integers(1, 7).map(str), max_size=2),
        "years": st.lists(st.integers(2018, 2026).map(str), max_size=2),
    }
)


def _groups(rows):
    """What the grouped query over facet_values returns for these rows: (facet, value, ids) per value."""
    groups = {}
    for pk, values in rows:
        for name, found in values.items():
            for value in found:
                groups.setdefault((name, value), []).append(pk)
    return [(name, value, ids) for (name, value), ids in groups.items()]


def _naive(rows, matched_ids, params):
    """What the facet counts must be: a plain loop over the documents."""

    def passes(values, skip=None):
        for name, chosen in params.filters.items():
            if name != skip and chosen and not set(values.get(name, ())) & set(chosen):
                return False
        return True

    matched = [values for pk, values in rows if pk in matched_ids]
    total = sum(1 for values in matched if passes(values))
    counts = {facet.name: Counter() for facet in facets.FACETS}
    for name, counter in counts.items():
        for values in matched:
            if passes(values, skip=name):
                counter.update(values.get(name, ()))
    return total, counts


@settings(max_examples=200, deadline=None)
@given(documents=documents, chosen=filters, first_id=st.integers(1, 500))
def test_bitset_counts_equal_a_plain_count(documents, chosen, first_id):
    rows = [(first_id + n, values) for n, (values, _matched) in enumerate(documents)]
    matched_ids = [pk for (pk, _values), (_, matched) in zip(rows, documents, strict=True) if matched]
    params = SearchParams(query="x", **chosen)
    index = facet_index.FacetIndex.from_groups(_groups(rows))

    results, counts = index.count(facet_index.bitset(matched_ids), params)

    expected_total, expected_counts = _naive(rows, set(matched_ids), params)
    assert results.bit_count() == expected_total
    assert counts == expected_counts


def test_matched_ids_beyond_the_index_count_without_facet_values():
    """A document added after the facet index was built still counts in the total."""
    index = facet_index.FacetIndex.from_groups([("type", "core.contentpage", [1]), ("theme", "1", [1])])
    results, facets = index.count(facet_index.bitset([1, 5000]), SearchParams(query="x"))
    assert results.bit_count() == 2
    assert facets["type"] == Counter({"core.contentpage": 1})


@pytest.mark.django_db(transaction=True)
def test_index_state_changes_with_every_write_even_after_a_flush(home_page):
    SearchDocument.objects.all().delete()
    IndexState.objects.all().delete()  # as a test flush leaves it: the triggers create the row again
    assert IndexState.current() == (0, 0)

    page = home_page.add_child(instance=ContentPage(title="Werving in de wijk", slug="werving-wijk"))
    indexing.index_object(page)
    after_insert = IndexState.current()
    assert after_insert != (0, 0)

    page.title = "Werving in het dorp"
    page.save_revision().publish()
    indexing.index_object(page)
    after_update = IndexState.current()
    assert after_update != after_insert

    SearchDocument.objects.filter(object_id=str(page.pk)).delete()  # a raw delete, bypassing the app
    assert IndexState.current() != after_update


@pytest.mark.django_db(transaction=True)
def test_facet_counts_follow_unpublishing_at_once(client, home_page):
    """Counts are keyed on the index state, so a removal shows in the next search, not minutes later."""
    pages = []
    for n in range(3):
        page = home_page.add_child(instance=ContentPage(title=f"Maatjesproject {n}", slug=f"maatje-{n}"))
        page.save_revision().publish()
        pages.append(page)
    indexing.rebuild()
    first = client.get("/zoeken/", {"q": "maatjesproject"}).context["outcome"].response
    assert first.total == 3
    assert first.facets["type"]["core.contentpage"] == 3

    pages[0].unpublish()
    second = client.get("/zoeken/", {"q": "maatjesproject"}).context["outcome"].response
    assert second.total == 2
    assert second.facets["type"]["core.contentpage"] == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL storage setting")
@pytest.mark.django_db
def test_postgres_documents_table_keeps_large_values_out_of_line():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'search_searchdocument'")
        assert "toast_tuple_target=128" in cursor.fetchone()[0]


@pytest.mark.django_db
def test_words_seen_before_are_not_matched_again_until_the_index_changes(client, corpus, home_page):
    from django.core.cache import cache
    from django.test.utils import CaptureQueriesContext

    def search(q):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/zoeken/", {"q": q}).context["outcome"].response
        # The id queries of DatabaseEngine._fetch_matches (not ranking, not the facet index's grouped query).
        full_text = ("SELECT group_concat(rowid) FROM search_fts", "''::bytea) FROM search_searchdocument WHERE")
        matching = [x["sql"] for x in queries.captured_queries if any(marker in x["sql"] for marker in full_text)]
        return response.total, matching

    expected, _ = search("vrijwilligers gemeente")
    cache.clear()
    search("vrijwilligers")
    search("gemeente")
    total, matching = search("vrijwilligers gemeente")
    assert total == expected > 0
    assert matching == []  # both words came from the cache

    page = home_page.add_child(instance=ContentPage(title="Gemeente zoekt vrijwilligers", slug="gemeente-zoekt"))
    page.save_revision().publish()
    indexing.index_object(page)  # what the publish signal does after the commit
    total, matching = search("vrijwilligers gemeente")
    assert total == expected + 1
    assert len(matching) == 1


@pytest.mark.django_db(transaction=True)
def test_publishing_builds_the_facet_index_ahead_of_the_next_search(home_page):
    from django.core.cache import cache

    page = home_page.add_child(instance=ContentPage(title="Sportclub zoekt trainers", slug="sportclub"))
    cache.clear()
    facet_index._local.clear()
    page.save_revision().publish()  # indexes on commit, then queues the build (tasks run at once in tests)

    index = cache.get(facet_index.cache_key(IndexState.current()))
    assert index is not None
    document = SearchDocument.objects.for_object(page).get()
    assert index.values["type"]["core.contentpage"] >> document.pk & 1


@pytest.mark.django_db
def test_a_rebuild_builds_the_facet_index_ahead_of_the_next_search(corpus):
    from django.core.cache import cache

    cache.clear()
    facet_index._local.clear()
    indexing.rebuild()  # what update_index and rebuild_search_documents run

    index = cache.get(facet_index.cache_key(IndexState.current()))
    assert index is not None
    assert index.everything.bit_count() == SearchDocument.objects.count() > 0
