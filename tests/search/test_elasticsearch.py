"""Elasticsearch: generated settings, mappings and query bodies (no server needed), and the fallback.

Tests marked `elasticsearch` talk to a live server and run only when ELASTICSEARCH_URL is set.
"""

import os

import pytest
from django.core.management import call_command

from search.engines import elasticsearch
from search.engines.base import SearchParams

pytestmark = pytest.mark.django_db
CLOSED_PORT = "http://127.0.0.1:9"


def test_index_body_uses_the_dutch_analyzer_for_text_and_keywords_for_facets():
    body = elasticsearch.index_body()
    properties = body["mappings"]["properties"]
    for name in ("title", "summary", "body"):
        assert properties[name]["analyzer"] == "dutch_text"
    for name in ("type", "themes", "audiences", "province", "year"):
        assert properties[name]["type"] == "keyword"
    analyzer = body["settings"]["analysis"]["analyzer"]["dutch_text"]
    assert "dutch_stemmer" in analyzer["filter"] and "dutch_compounds" in analyzer["filter"]


def test_query_body_matches_all_words_and_counts_facets_multi_select():
    params = SearchParams(query="vrijwilligers in de gemeente", themes=["3"], years=["2024"], page=2)
    body = elasticsearch.query_body(params, offset=10, limit=10)
    match = body["query"]["multi_match"]
    assert match["query"] == "vrijwilligers gemeente"
    assert match["operator"] == "and" and "title^10" in match["fields"]
    assert {"terms": {"themes": ["3"]}} in body["post_filter"]["bool"]["filter"]
    theme_agg_filters = body["aggs"]["theme"]["filter"]["bool"]["filter"]
    assert {"terms": {"themes": ["3"]}} not in theme_agg_filters  # its own facet does not filter its counts
    assert {"terms": {"year": ["2024"]}} in theme_agg_filters
    assert body["from"] == 10 and body["size"] == 10 and body["sort"][0] == "_score"


def test_newest_sort_and_empty_query_bodies():
    body = elasticsearch.query_body(SearchParams(types=["core.contentpage"], sort="newest"))
    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}]


def test_wagtail_backend_settings_with_elasticsearch(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("ELASTICSEARCH_URL", CLOSED_PORT)
    try:
        reloaded = importlib.reload(base)
        backends = reloaded.WAGTAILSEARCH_BACKENDS
        assert backends["default"]["BACKEND"] == "wagtail.search.backends.elasticsearch9"
        assert backends["database"]["BACKEND"] == "wagtail.search.backends.database"
        analysis = backends["default"]["INDEX_SETTINGS"]["settings"]["analysis"]
        assert "dutch_stemmer" in analysis["analyzer"]["default"]["filter"]
    finally:
        monkeypatch.delenv("ELASTICSEARCH_URL")
        importlib.reload(base)


def test_unreachable_elasticsearch_falls_back_with_a_notice(client, corpus, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    response = client.get("/zoeken/", {"q": "vrijwilligers"})
    assert response.status_code == 200
    assert "beperkte zoekfunctie" in response.content.decode()
    assert response.context["results"]
    data = client.get("/api/v1/search", {"q": "vrijwilligers"}).json()
    assert data["engine"] == "database" and data["results"]
    assert any("beperkte zoekfunctie" in notice for notice in data["notices"])
    assert client.get("/zoeken/suggesties/", {"q": "vrijwil"}).status_code == 200


def test_saving_and_rebuilding_work_while_elasticsearch_is_down(
    corpus, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    page = corpus["digitale-vaardigheden"]
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Digitale vaardigheden voor iedereen"
        page.save_revision().publish()
    call_command("rebuild_search_documents", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert "Elasticsearch index update failed" in caplog.text


def test_search_status_reports_an_unreachable_server(corpus, settings, capsys):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    call_command("search_status")
    out = capsys.readouterr().out
    assert "Elasticsearch does not answer" in out
    assert "Database search answers" in out
    assert "(core.contentpage): 22" in out


@pytest.mark.elasticsearch
@pytest.mark.skipif(not os.environ.get("ELASTICSEARCH_URL"), reason="needs a live server: set ELASTICSEARCH_URL")
def test_live_server_round_trip(corpus, settings):
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    settings.SEARCH_ELASTICSEARCH_INDEX = "kennisplatform_search_test"
    elasticsearch._rebuild()
    response = elasticsearch.ElasticsearchEngine().search(SearchParams(query="inclusieagenda"))
    assert response.hits[0].document.title == "Aan de slag met de lokale inclusieagenda"
