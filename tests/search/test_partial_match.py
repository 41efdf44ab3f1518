"""Words that never occur together: the results with most of the words, those with the most words first.

Runs on the database the tests use (CI: SQLite and PostgreSQL); the Elasticsearch request is checked without a
server, as in test_elasticsearch.py.
"""

import pytest

from core.factories import ContentPageFactory
from search import indexing, service
from search.engines import elasticsearch
from search.engines.base import SearchParams

pytestmark = pytest.mark.django_db

NOTICE = "Geen resultaten met alle woorden. Hieronder resultaten met de meeste zoekwoorden."


def page(parent, title, text, themes=()):
    created = ContentPageFactory(
        parent=parent, title=title, introduction="", listing_summary="", body=[("paragraph", f"<p>{text}</p>")]
    )
    created.themes.set(themes)
    created.save()
    return created


@pytest.fixture
def words_apart(home_page, vocabularies):
    """Three pages about a skate park, four about an alderman, never both; one about neither."""
    themes, _audiences = vocabularies
    for n in range(3):
        page(home_page, f"Skatebaan {n}", "Jongeren bouwen een skatebaan.", [themes["Jongeren"]])
    for n in range(4):
        page(home_page, f"Wethouder {n}", "De wethouder opent het buurthuis.", [themes["Samenwerking"]])
    page(home_page, "Iets anders", "Over de moestuin.")
    indexing.rebuild()
    return themes


def titles(outcome):
    return [result["title"] for result in outcome.results]


def test_words_that_never_meet_show_the_results_of_each_word_with_a_notice(client, words_apart):
    outcome = service.search(SearchParams(query="skatebaan wethouder"), log=False)
    assert outcome.partial_match
    assert outcome.response.all_words_total == 0
    assert outcome.response.total == 7
    assert sorted(titles(outcome)) == [*(f"Skatebaan {n}" for n in range(3)), *(f"Wethouder {n}" for n in range(4))]

    html = client.get("/zoeken/", {"q": "skatebaan wethouder"}).content.decode()
    assert NOTICE in html
    assert html.index(NOTICE) < html.index("Skatebaan 0")  # above the list
    data = client.get("/api/v1/search", {"q": "skatebaan wethouder"}).json()
    assert data["partial_match"] is True and data["total"] == 7 and data["unmatched_words"] == []


def test_facet_counts_describe_the_results_shown(client, words_apart):
    themes = words_apart
    outcome = service.search(SearchParams(query="skatebaan wethouder"), log=False)
    theme = next(f for f in outcome.facets if f["name"] == "theme")
    counts = {option["label"]: option["count"] for option in theme["options"]}
    assert counts == {"Jongeren": 3, "Samenwerking": 4}
    assert sum(outcome.response.facets["type"].values()) == outcome.response.total

    filtered = service.search(SearchParams(query="skatebaan wethouder", themes=[str(themes["Jongeren"].pk)]), log=False)
    assert filtered.partial_match and filtered.response.total == 3
    assert sorted(titles(filtered)) == ["Skatebaan 0", "Skatebaan 1", "Skatebaan 2"]


def test_results_with_more_of_the_words_come_first(home_page, vocabularies):
    page(home_page, "Alleen de skatebaan", "Een skatebaan, een skatebaan en nog een skatebaan.")
    page(home_page, "Wethouder bij de skatebaan", "De wethouder kwam kijken.")
    page(home_page, "Wethouder en moestuin", "De wethouder bij de moestuin van de skatebaan.")
    page(home_page, "Alleen de moestuin", "Een moestuin.")
    indexing.rebuild()

    outcome = service.search(SearchParams(query="skatebaan wethouder moestuin"), log=False)
    assert outcome.partial_match and outcome.response.all_words_total == 1
    ranked = titles(outcome)
    assert ranked[0] == "Wethouder en moestuin"  # all three words
    assert set(ranked[1:2]) == {"Wethouder bij de skatebaan"}  # two words
    assert set(ranked[2:]) == {"Alleen de skatebaan", "Alleen de moestuin"}  # one word each

    newest = service.search(SearchParams(query="skatebaan wethouder moestuin", sort="newest"), log=False)
    assert titles(newest)[:2] == ranked[:2]  # sorting by date keeps the most words first


def test_a_few_results_with_every_word_come_first_and_are_counted(client, words_apart, home_page):
    page(home_page, "Wethouder op de skatebaan", "De wethouder opende de skatebaan.")
    indexing.rebuild()
    outcome = service.search(SearchParams(query="skatebaan wethouder"), log=False)
    assert outcome.partial_match and outcome.response.all_words_total == 1
    assert titles(outcome)[0] == "Wethouder op de skatebaan"
    assert outcome.response.total == 8
    html = client.get("/zoeken/", {"q": "skatebaan wethouder"}).content.decode()
    assert "Maar 1 resultaat bevat al je zoekwoorden." in html


def test_a_word_found_nowhere_is_named(client, words_apart):
    outcome = service.search(SearchParams(query="skatebaan xylofoonles"), log=False)
    assert outcome.partial_match
    assert outcome.response.unmatched_words == ["xylofoonles"]
    assert sorted(titles(outcome)) == ["Skatebaan 0", "Skatebaan 1", "Skatebaan 2"]
    assert "Nergens gevonden: xylofoonles" in client.get("/zoeken/", {"q": "skatebaan xylofoonles"}).content.decode()


def test_enough_results_with_every_word_or_a_single_word_are_not_partial(words_apart, home_page):
    for n in range(3):
        page(home_page, f"Skatebaan en wethouder {n}", "De wethouder en de skatebaan.")
    indexing.rebuild()
    outcome = service.search(SearchParams(query="skatebaan wethouder"), log=False)
    assert not outcome.partial_match and outcome.response.total == 3
    single = service.search(SearchParams(query="xylofoonles"), log=False)
    assert not single.partial_match and single.response.total == 0


def test_elasticsearch_partial_request_needs_one_word_and_ranks_by_words_matched():
    params = SearchParams(query="jongeren in de gemeente", themes=["3"])
    body = elasticsearch.query_body(params, partial=True)
    query = body["query"]["bool"]
    assert query["minimum_should_match"] == 1
    per_word = [clause["constant_score"] for clause in query["should"]]
    assert [clause["filter"]["multi_match"]["query"] for clause in per_word] == ["jongeren", "gemeente"]
    assert all(clause["boost"] == elasticsearch.WORD_MATCH_BOOST for clause in per_word)
    assert query["must"][0]["multi_match"]["query"] == "jongeren gemeente"  # relevance within a group
    assert body["sort"][0] == "_score"
    assert {"terms": {"themes": ["3"]}} in body["post_filter"]["bool"]["filter"]  # counts as on the database
    assert elasticsearch.query_body(params)["query"]["multi_match"]["operator"] == "and"


def test_elasticsearch_falls_back_to_most_words_when_all_words_find_too_little(words_apart):
    class Client:
        def __init__(self):
            self.bodies = []

        def search(self, index, body):
            self.bodies.append(body)
            partial = "bool" in body["query"]
            return {
                "hits": {"total": {"value": 7 if partial else 0}, "hits": []},
                "aggregations": {name: {"values": {"buckets": []}} for name in body["aggs"]},
            }

    client = Client()
    response = elasticsearch.ElasticsearchEngine(client=client).search(SearchParams(query="skatebaan wethouder"))
    assert len(client.bodies) == 2 and client.bodies[1]["query"]["bool"]["minimum_should_match"] == 1
    assert response.partial_match and response.total == 7 and response.all_words_total == 0
