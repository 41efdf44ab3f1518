"""The JSON API and its OpenAPI description."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_returns_results_and_facets(client, corpus, vocabularies):
    themes, _audiences = vocabularies
    response = client.get("/api/v1/search", {"q": "gemeente", "theme": themes["Inclusie"].pk})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] >= 1
    assert data["results"][0]["url"].startswith("/")
    assert "<mark>" in data["results"][0]["title_html"] + data["results"][0]["snippet_html"]
    theme_facet = next(f for f in data["facets"] if f["name"] == "theme")
    assert any(o["selected"] and o["value"] == str(themes["Inclusie"].pk) for o in theme_facet["options"])
    assert data["engine"] == "database"


def test_api_and_page_agree(client, corpus):
    page = client.get("/zoeken/", {"q": "jongeren", "sort": "newest"})
    api = client.get("/api/v1/search", {"q": "jongeren", "sort": "newest"}).json()
    assert [r["url"] for r in api["results"]] == [r["url"] for r in page.context["results"]]
    assert api["total"] == page.context["outcome"].response.total


def test_openapi_schema_describes_the_search_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "type", "theme", "audience", "province", "year", "sort", "page"} <= names
    assert "SearchOut" in schema["components"]["schemas"]
    assert "/api/v1/search/suggestions" in schema["paths"]


def test_suggestions(client, corpus):
    data = client.get("/zoeken/suggesties/", {"q": "ervarings"}).json()
    assert data["suggestions"][0]["title"] == "Ervaringsdeskundigen in je team"
    assert (
        client.get("/api/v1/search/suggestions", {"q": "toeganke"})
        .json()[0]["url"]
        .endswith("/toegankelijke-activiteiten/")
    )
    assert client.get("/zoeken/suggesties/", {"q": "x"}).json() == {"suggestions": []}
