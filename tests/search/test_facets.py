"""The facet registry (search/facets.py): the gemeente and provincie facets, and a facet that is one declaration.

Pages and other objects give their municipalities as ``search_municipalities`` (Municipality objects or ids); here
content pages get them through a property, as a section's page type would declare it.
"""

import pytest
from django.utils import translation

from core.factories import ContentPageFactory
from core.models import ContentPage, Municipality
from search import facets, indexing, service
from search.engines import elasticsearch
from search.engines.base import SearchParams
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities(db):
    return {
        name: Municipality.objects.create(name=name, slug=name.lower(), cbs_code=code, province=province)
        for name, code, province in [
            ("Zwolle", "GM0193", "overijssel"),
            ("Deventer", "GM0150", "overijssel"),
            ("Tilburg", "GM0855", "noord-brabant"),
        ]
    }


@pytest.fixture
def linked_pages(home_page, municipalities, monkeypatch):
    """Four pages about the inclusion agenda: two in Zwolle (one also in Tilburg, given by id), one in Deventer (given
    by name), and one without a municipality."""
    links = {}
    monkeypatch.setattr(ContentPage, "search_municipalities", property(lambda page: links.get(page.pk, ())))
    pages = {}
    for slug, title, linked in [
        ("zwolle-agenda", "Inclusieagenda Zwolle", [municipalities["Zwolle"]]),
        ("zwolle-tilburg", "Inclusieagenda samen", [municipalities["Zwolle"], municipalities["Tilburg"].pk]),
        ("deventer-agenda", "Inclusieagenda Deventer", ["Deventer"]),
        ("landelijk", "Inclusieagenda landelijk", []),
    ]:
        page = ContentPageFactory(parent=home_page, slug=slug, title=title, listing_summary="Over de inclusieagenda.")
        links[page.pk] = linked
        pages[slug] = page
    indexing.rebuild()
    return pages


def facet(data, name):
    return next(f for f in data["facets"] if f["name"] == name)


def test_a_page_linked_to_a_municipality_is_found_with_the_gemeente_filter(client, linked_pages, municipalities):
    zwolle = municipalities["Zwolle"]
    response = client.get("/zoeken/", {"q": "inclusieagenda", "gemeente": zwolle.pk})
    assert {result["url"] for result in response.context["results"]} == {
        linked_pages["zwolle-agenda"].url,
        linked_pages["zwolle-tilburg"].url,
    }
    html = response.content.decode()
    assert "Gemeente" in html and f'name="gemeente" value="{zwolle.pk}" checked' in html
    assert "Filter verwijderen: Gemeente Zwolle" in html


def test_gemeente_counts_are_multi_select_and_provinces_come_from_the_municipalities(client, linked_pages):
    with translation.override("nl"):
        data = client.get("/api/v1/search", {"q": "inclusieagenda"}).json()
    assert data["total"] == 4
    gemeente = facet(data, "gemeente")
    assert gemeente["title"] == "Gemeente"
    assert [(o["label"], o["count"]) for o in gemeente["options"]] == [("Zwolle", 2), ("Deventer", 1), ("Tilburg", 1)]
    provincie = facet(data, "province")
    assert provincie["title"] == "Provincie"
    assert {o["label"]: o["count"] for o in provincie["options"]} == {"Overijssel": 3, "Noord-Brabant": 1}

    deventer = next(o["value"] for o in gemeente["options"] if o["label"] == "Deventer")
    filtered = client.get("/api/v1/search", {"q": "inclusieagenda", "gemeente": deventer}).json()
    assert filtered["total"] == 1
    assert filtered["results"][0]["province"] == "Overijssel"
    # Counts of the gemeente facet ignore its own filter (choosing another adds results); others apply it.
    assert {o["label"]: o["count"] for o in facet(filtered, "gemeente")["options"]}["Zwolle"] == 2
    assert {o["label"]: o["count"] for o in facet(filtered, "province")["options"]} == {"Overijssel": 1}

    by_province = client.get("/api/v1/search", {"q": "inclusieagenda", "province": "Noord-Brabant"}).json()
    assert [r["url"] for r in by_province["results"]] == [linked_pages["zwolle-tilburg"].url]


def test_the_api_documents_the_gemeente_parameter(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert {facet.param for facet in facets.FACETS} <= set(parameters)
    assert "Municipality ids" in parameters["gemeente"]["description"]


def test_non_numeric_municipality_values_are_ignored(client, linked_pages):
    response = client.get("/zoeken/", {"q": "inclusieagenda", "gemeente": "zwolle"})
    assert response.status_code == 200
    assert response.context["outcome"].response.total == 4


def test_documents_store_the_facet_values_and_their_tokens(linked_pages, municipalities):
    document = SearchDocument.objects.for_object(linked_pages["zwolle-tilburg"]).get()
    ids = sorted(str(municipalities[name].pk) for name in ("Zwolle", "Tilburg"))
    assert sorted(document.facet_values["municipality"]) == ids
    assert document.facet_values["province"] == ["Overijssel", "Noord-Brabant"]
    assert document.facet_values["type"] == ["core.contentpage"]
    for value in ids:
        assert f"zzmun{value}" in document.facet_terms.split()
    assert "zzprovnoordbrabant" in document.facet_terms.split()
    assert "municipality" not in SearchDocument.objects.for_object(linked_pages["landelijk"]).get().facet_values


def test_a_province_value_and_its_dutch_name_are_one_facet_value():
    assert facets.province_name("noord-brabant") == "Noord-Brabant"
    assert facets.province_name("Noord-Brabant") == "Noord-Brabant"
    assert facets.province_name("North Brabant") == "Noord-Brabant"  # an English label, as get_province_display()
    with translation.override("en"):
        assert facets.province_name("zuid-holland") == "Zuid-Holland"
    assert facets.province_name("Elders") == "Elders"


def test_elasticsearch_maps_filters_and_aggregates_the_gemeente_facet(linked_pages, municipalities):
    properties = elasticsearch.index_body()["mappings"]["properties"]
    assert properties["municipalities"] == {"type": "keyword"}
    assert properties["province"] == {"type": "keyword"}

    zwolle = str(municipalities["Zwolle"].pk)
    body = elasticsearch.query_body(SearchParams(query="inclusieagenda", municipalities=[zwolle], years=["2024"]))
    assert {"terms": {"municipalities": [zwolle]}} in body["post_filter"]["bool"]["filter"]
    aggregation = body["aggs"]["municipality"]
    assert aggregation["aggs"]["values"]["terms"] == {"field": "municipalities", "size": 400}
    assert {"terms": {"municipalities": [zwolle]}} not in aggregation["filter"]["bool"]["filter"]
    assert {"terms": {"municipalities": [zwolle]}} in body["aggs"]["province"]["filter"]["bool"]["filter"]

    document = SearchDocument.objects.for_object(linked_pages["zwolle-tilburg"]).get()
    source = elasticsearch.document_body(document)
    assert sorted(source["municipalities"]) == sorted([zwolle, str(municipalities["Tilburg"].pk)])
    assert source["province"] == ["Overijssel", "Noord-Brabant"]
    assert source["type"] == ["core.contentpage"]


def test_elasticsearch_answers_become_gemeente_counts(linked_pages, municipalities):
    zwolle = municipalities["Zwolle"]
    document = SearchDocument.objects.for_object(linked_pages["zwolle-agenda"]).get()

    class Client:
        def search(self, index, body):
            buckets = {name: [] for name in body["aggs"]}
            buckets["municipality"] = [{"key": str(zwolle.pk), "doc_count": 1}]
            return {
                "hits": {"total": {"value": 1}, "hits": [{"_id": str(document.pk), "_score": 1.0}]},
                "aggregations": {name: {"values": {"buckets": b}} for name, b in buckets.items()},
            }

    response = elasticsearch.ElasticsearchEngine(client=Client()).search(SearchParams(query="inclusieagenda"))
    presented = service.present_facets(response, SearchParams(query="inclusieagenda"))
    gemeente = next(f for f in presented if f["name"] == "gemeente")
    assert gemeente["options"] == [{"value": str(zwolle.pk), "label": "Zwolle", "count": 1, "selected": False}]


@pytest.fixture
def initial_facet(monkeypatch):
    """Declare one more facet, as a developer would add it to search/facets.py: the first letter of the title."""
    facet = facets.Facet(
        name="initial",
        title="Beginletter",
        kind="ini",
        read=lambda obj, context: [obj.title[:1].upper()],
        labels=facets.values_as_labels,
        es_field="initials",
        accepts=lambda value: len(value) == 1,
    )
    declared = (*facets.FACETS, facet)
    facets.check(declared)
    monkeypatch.setattr(facets, "FACETS", declared)
    monkeypatch.setattr(facets, "BY_NAME", {f.name: f for f in declared})
    monkeypatch.setattr(facets, "BY_PARAM", {f.param: f for f in declared})
    monkeypatch.setattr(facets, "BY_ATTRIBUTE", {f.attribute: f for f in declared})
    monkeypatch.setattr(facets, "SIGNATURE", "with-initial")
    return facet


def test_a_new_facet_is_one_declaration(client, corpus, initial_facet):
    """Indexing, the database engine's filter and counts, the page, the API and Elasticsearch follow the registry:
    no column, no migration, no other code."""
    indexing.rebuild()
    everything = client.get("/api/v1/search", {"q": "vrijwilligers"}).json()
    initials = {o["value"]: o["count"] for o in facet(everything, "initial")["options"]}
    assert sum(initials.values()) == everything["total"]
    letter, count = max(initials.items(), key=lambda item: item[1])

    filtered = client.get("/api/v1/search", {"q": "vrijwilligers", "initial": letter}).json()
    assert filtered["total"] == count
    assert all(result["title"].upper().startswith(letter) for result in filtered["results"])
    html = client.get("/zoeken/", {"q": "vrijwilligers", "initial": letter}).content.decode()
    assert "Beginletter" in html and f'name="initial" value="{letter}" checked' in html

    assert elasticsearch.index_body()["mappings"]["properties"]["initials"] == {"type": "keyword"}
    assert elasticsearch.query_body(SearchParams(initials=[letter]))["post_filter"]["bool"]["filter"] == [
        {"terms": {"initials": [letter]}}
    ]


def test_the_registry_refuses_facets_whose_names_or_tokens_clash():
    theme = facets.BY_NAME["theme"]
    clash = facets.Facet(name="thema", title="x", kind="the", read=theme.read, labels=theme.labels, es_field="x")
    with pytest.raises(ValueError, match="token kind"):
        facets.check((*facets.FACETS, clash))
    twin = facets.Facet(name="theme2", title="x", kind="zz", read=theme.read, labels=theme.labels, es_field="themes")
    with pytest.raises(ValueError, match="es_field"):
        facets.check((*facets.FACETS, twin))
