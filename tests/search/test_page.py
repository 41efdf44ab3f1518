"""The /zoeken/ page: results, facets with counts, highlighting, promotions, zero results, bad input."""

from types import SimpleNamespace

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.models import ContentPage
from search import indexing

pytestmark = pytest.mark.django_db


def test_results_show_type_title_date_section_and_highlighted_snippet(client, corpus):
    response = client.get("/zoeken/", {"q": "inclusieagenda"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aan de slag met de lokale <mark>inclusieagenda</mark>" in html
    assert "Inhoudspagina" in html.split("search-result__snippet")[0], "the result's type, in Dutch"
    assert '<time datetime="2023-02-14' in html
    assert "<mark>inclusieagenda</mark>" in html.split("search-result__snippet")[1]


def test_snippets_escape_content_and_never_inject_html(client, home_page, vocabularies):
    page = ContentPage(title="Script <b>test</b>", slug="script", listing_summary="<script>alert(1)</script> werving")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    indexing.rebuild()
    html = client.get("/zoeken/", {"q": "werving"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Script &lt;b&gt;test&lt;/b&gt;" in html or "Script test" in html
    assert "<mark>werving</mark>" in html


def test_facet_counts_and_combined_facets_in_the_url(client, corpus, vocabularies):
    themes, audiences = vocabularies
    response = client.get("/zoeken/", {"q": "vrijwilligers"})
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    werving = next(o for o in facets["theme"]["options"] if o["label"] == "Werving")
    total = response.context["outcome"].response.total

    filtered = client.get("/zoeken/", {"q": "vrijwilligers", "theme": themes["Werving"].pk})
    assert filtered.context["outcome"].response.total == werving["count"] < total

    both = client.get(
        "/zoeken/", {"q": "vrijwilligers", "theme": themes["Werving"].pk, "audience": audiences["Professionals"].pk}
    )
    expected = {
        page.url
        for page in corpus.values()
        if themes["Werving"] in page.themes.all() and audiences["Professionals"] in page.audiences.all()
    }
    urls = {result["url"] for result in both.context["results"]}
    assert urls and urls <= expected
    html = both.content.decode()
    assert "Werving" in html and "Professionals" in html
    assert "checked" in html


def test_year_and_type_facets(client, corpus):
    response = client.get("/zoeken/", {"q": "vrijwilligers", "year": "2023"})
    assert response.context["results"]
    assert all(result["date"].year == 2023 for result in response.context["results"])
    type_facet = next(f for f in response.context["facets"] if f["name"] == "type")
    assert type_facet["options"][0]["value"] == "core.contentpage"


def test_sort_by_newest(client, corpus):
    response = client.get("/zoeken/", {"q": "vrijwilligers", "sort": "newest"})
    dates = [result["date"] for result in response.context["results"]]
    assert dates == sorted(dates, reverse=True)


def test_pagination_and_out_of_range_pages(client, corpus):
    first = client.get("/zoeken/", {"q": "vrijwilliger"})
    assert first.context["outcome"].response.total > 10
    assert 'rel="next"' in first.content.decode()
    second = client.get("/zoeken/", {"q": "vrijwilliger", "page": "2"})
    assert second.context["results"][0]["url"] not in {r["url"] for r in first.context["results"]}
    for page in ("999999", "-3", "abc", "1e9"):
        assert client.get("/zoeken/", {"q": "vrijwilliger", "page": page}).status_code == 200


def test_promotions_appear_above_results(client, corpus):
    query = Query.get("vrijwilligers")
    SearchPromotion.objects.create(query=query, page=corpus["vrijwilligersvergoeding"], description="Lees dit eerst")
    html = client.get("/zoeken/", {"q": "Vrijwilligers"}).content.decode()
    assert html.index("Lees dit eerst") < html.index("search-results")


def test_zero_results_page_helps(client, corpus):
    response = client.get("/zoeken/", {"q": "vrijwiligers"})
    html = response.content.decode()
    assert response.context["outcome"].response.total == 0
    assert "search-spelling" in html
    assert "?q=vrijwilligers" in html


def test_zero_results_with_filters_offers_to_remove_them(client, corpus, vocabularies):
    themes, _audiences = vocabularies
    response = client.get("/zoeken/", {"q": "mantelzorger", "theme": themes["Jongeren"].pk})
    assert response.context["outcome"].response.total == 0
    assert response.context["active_filters"]
    assert "?q=mantelzorger" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ["", "x" * 10_000, '"AND OR NOT ( ) * ~ : "', '"vrijwilliger', "😀🙈", "مرحبا بالعالم", "NEAR(a b)", "a*b^c"],
)
def test_bad_input_gives_a_normal_page(client, corpus, query):
    response = client.get("/zoeken/", {"q": query, "type": "unknown.model", "theme": "abc", "year": "20x4"})
    assert response.status_code == 200


def test_long_queries_are_cut_with_a_notice(client, corpus):
    response = client.get("/zoeken/", {"q": "vrijwilliger " * 100})
    assert response.status_code == 200
    assert len(response.context["query"]) == 200
    assert "200" in " ".join(str(n) for n in response.context["notices"])


def test_query_count_does_not_grow_with_the_number_of_results(client, corpus, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The page's own queries: the query log is written later by the worker, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.get("/zoeken/", {"q": "warmup"})
    counts = []
    for query in ("mantelzorger", "vrijwilliger"):  # one result, then a full page of ten
        with CaptureQueriesContext(connection) as context:
            response = client.get("/zoeken/", {"q": query})
        counts.append(len(context))
    assert len(response.context["results"]) == 10
    assert counts[0] == counts[1] <= 25


def test_very_common_words_rank_title_matches_first_then_recent_body_matches(client, corpus, monkeypatch):
    from search.engines import database

    exact = client.get("/zoeken/", {"q": "vrijwilligers"}).context
    monkeypatch.setattr(database, "EXACT_RANKING_LIMIT", 3)
    capped = client.get("/zoeken/", {"q": "vrijwilligers"}).context
    assert capped["outcome"].response.total == exact["outcome"].response.total
    titles = [r["title"] for r in capped["results"]]
    in_title = [("rijwilliger" in t.lower()) for t in titles]
    assert in_title == sorted(in_title, reverse=True), titles  # title matches first
    second = client.get("/zoeken/", {"q": "vrijwilligers", "page": 2}).context
    assert not {r["url"] for r in second["results"]} & {r["url"] for r in capped["results"]}


def test_a_query_of_only_common_words_explains_itself(client, corpus):
    html = client.get("/zoeken/", {"q": "de het een"}).content.decode()
    assert "alleen veelvoorkomende woorden" in html


def test_spelling_vocabulary_is_refreshed_in_the_background_when_stale(client, corpus, home_page, monkeypatch):
    from search import service

    client.get("/zoeken/", {"q": "vrijwiligers"})  # builds the vocabulary (immediate tasks in tests)
    page = ContentPage(title="Buurtbemiddelaars gezocht", slug="bemiddelaars")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    indexing.rebuild()

    # Within a quarter of an hour the vocabulary is reused: no hint for the new word yet, and no rebuild.
    builds = []
    real_build = service.build_vocabulary
    monkeypatch.setattr(service, "build_vocabulary", lambda: builds.append(1) or real_build())
    response = client.get("/zoeken/", {"q": "buurtbemidelaars"})
    assert response.context["outcome"].response.total == 0
    assert response.context["outcome"].spelling == ""
    assert builds == []

    # Once it is stale, one search asks for a rebuild and gets the new word; the next ones do not ask again.
    monkeypatch.setattr(service, "VOCABULARY_SECONDS", -1)
    response = client.get("/zoeken/", {"q": "buurtbemidelaars"})
    assert response.context["outcome"].spelling == "buurtbemiddelaars"
    assert len(builds) == 1
    client.get("/zoeken/", {"q": "buurtbemidelaars"})
    assert len(builds) == 2  # the rebuild above finished, so a still-stale vocabulary may be refreshed again


def test_a_failing_vocabulary_refresh_never_breaks_the_zero_results_page(client, corpus, monkeypatch):
    from search import tasks

    def fail():
        raise ConnectionError("task queue down")

    monkeypatch.setattr(tasks, "refresh_vocabulary", SimpleNamespace(enqueue=fail))
    response = client.get("/zoeken/", {"q": "vrijwiligers"})
    assert response.status_code == 200
    assert response.context["outcome"].spelling == ""


def test_results_come_before_the_filters_which_a_labelled_link_leads_to(client, corpus, vocabularies):
    themes, _audiences = vocabularies
    html = client.get("/zoeken/", {"q": "vrijwilligers", "theme": themes["Werving"].pk}).content.decode()
    link = html.index('<a class="search-filters-link" href="#search-filters">Filters en sortering (1 actief)</a>')
    first_result = html.index('class="search-result"')
    filters = html.index('id="search-filters"')
    first_checkbox = html.index('type="checkbox"')
    assert link < first_result < filters < first_checkbox
    assert "search-layout--with-filters" in html


def test_zero_results_take_the_full_width_without_a_filter_column(client, corpus, vocabularies):
    themes, _audiences = vocabularies
    html = client.get("/zoeken/", {"q": "mantelzorger", "theme": themes["Jongeren"].pk}).content.decode()
    assert "search-no-results" in html
    assert "search-layout--with-filters" not in html
    assert 'id="search-filters"' not in html and 'type="checkbox"' not in html
    # The chosen filter can still be removed, one by one or all at once.
    assert "search-active-filters" in html and "?q=mantelzorger" in html
