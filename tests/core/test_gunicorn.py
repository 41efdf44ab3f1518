"""The web server's limits fit the search's own: the longest search the forms can send is answered, never refused
with gunicorn's bare English "400 Bad Request" (it used to be, for long queries).

The query length is one constant, MAX_QUERY_LENGTH: the search inputs' maxlength, the API's and the page's
truncation and the gunicorn request-line limit (platform/gunicorn.conf.py) all come from it.
"""

import re
import runpy
from urllib.parse import urlencode

import pytest
from django.utils import translation

from expeditions.models.choices import Province
from search import indexing, service
from search.engines.base import FACETS, MAX_PAGE, MAX_QUERY_LENGTH
from tests.servers import GUNICORN_CONFIG, gunicorn, manage, production_env

# A 3-byte UTF-8 character: the browser sends each as 9 characters (%E2%82%AC), the longest a query can get.
WIDE = "€"
LONGEST_BIGINT = str(2**63 - 1)  # theme and audience ids are BigAutoFields


@pytest.fixture(scope="module")
def config():
    return runpy.run_path(str(GUNICORN_CONFIG))


def search_inputs(html):
    return re.findall(r'<input[^>]*type="search"[^>]*name="q"[^>]*>', html)


def longest_values():
    """The longest value of each facet that the search page offers as a filter checkbox."""
    models = indexing.searchable_page_models() + indexing.searchable_other_models()
    type_keys = [model._meta.label_lower for model in models]
    with translation.override("nl"):
        provinces = [str(label) for _value, label in Province.choices]
    return {
        "type": max(type_keys, key=len),
        "theme": LONGEST_BIGINT,
        "audience": LONGEST_BIGINT,
        "province": max(provinces, key=lambda name: len(urlencode({"p": name}))),
        "gemeente": LONGEST_BIGINT,  # municipality ids
        "year": "2026",
    }


def worst_case_target(path="/zoeken/"):
    """The longest search URL: a full query of wide characters, the most filter values the search accepts, each
    as long as the site's values get, and every other parameter; encoded as a browser submits the form."""
    values = longest_values()
    parameters = [("q", WIDE * MAX_QUERY_LENGTH)]
    for name in FACETS:
        parameters += [(name, values[name])] * service.MAX_VALUES_PER_FACET
    parameters += [("sort", "relevance"), ("page", str(MAX_PAGE))]
    return f"{path}?{urlencode(parameters)}"


@pytest.mark.django_db
def test_search_inputs_allow_exactly_the_query_length_the_search_uses(client, home_page):
    pages = {
        "home": client.get("/").content.decode(),
        "search": client.get("/zoeken/", {"q": "vrijwilligers"}).content.decode(),
        "not found": client.get("/bestaat-niet/").content.decode(),
    }
    for name, html in pages.items():
        inputs = search_inputs(html)
        assert inputs, f"no search input on the {name} page"
        for element in inputs:
            assert f'maxlength="{MAX_QUERY_LENGTH}"' in element, (name, element)


@pytest.mark.django_db
def test_page_and_api_cut_longer_queries_at_the_same_length(client, home_page):
    query = WIDE * (MAX_QUERY_LENGTH + 50)
    page = client.get("/zoeken/", {"q": query})
    api = client.get("/api/v1/search", {"q": query}).json()
    assert page.context["query"] == api["query"] == WIDE * MAX_QUERY_LENGTH
    notice = f"langer dan {MAX_QUERY_LENGTH} tekens"
    assert any(notice in str(text) for text in page.context["notices"])
    assert any(notice in text for text in api["notices"])


def test_gunicorn_limits_are_computed_from_the_search_limits(config):
    assert config["MAX_VALUES_PER_FACET"] == service.MAX_VALUES_PER_FACET
    for name, value in longest_values().items():
        assert len(urlencode({name: value})) - len(name) - 1 <= config["MAX_FACET_VALUE_LENGTH"], name
    for path in ("/zoeken/", "/api/v1/search"):
        request_line = f"GET {worst_case_target(path)} HTTP/1.1"
        assert len(request_line) <= config["LONGEST_SEARCH_REQUEST_LINE"] <= config["limit_request_line"]
        referer = "Referer: https://" + "h" * 253 + worst_case_target(path)
        assert len(referer) <= config["limit_request_field_size"]
    # Within what gunicorn can be configured to accept at all (it caps the limit at 8190).
    assert config["limit_request_line"] <= 8190


def test_gunicorn_sizes_itself_from_the_cpus_unless_told(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    default = runpy.run_path(str(GUNICORN_CONFIG))
    assert default["workers"] == 2 * default["CPUS"] + 1
    assert default["threads"] >= 2
    assert default["worker_class"] == "gthread"
    assert default["max_requests"] > 0 and default["max_requests_jitter"] > 0
    assert default["graceful_timeout"] > 0 and default["timeout"] > 0
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    told = runpy.run_path(str(GUNICORN_CONFIG))
    assert (told["workers"], told["threads"]) == (3, 8)


@pytest.fixture
def production_env_with_files(migrated_sqlite, tmp_path):
    """A migrated SQLite database and the collected static files: what a production web process needs."""
    env = production_env(DATABASE_URL=f"sqlite:///{migrated_sqlite}", STATIC_ROOT=str(tmp_path / "static"))
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def test_gunicorn_answers_the_longest_search_with_the_dutch_page(production_env_with_files, tmp_path):
    target = worst_case_target()
    with gunicorn(production_env_with_files, tmp_path) as server:
        status, _headers, body = server.request("GET", target, headers={"Referer": "https://127.0.0.1" + target})
        html = body.decode()
        assert status == 200, html[:500]
        assert '<html lang="nl"' in html
        assert f"langer dan {MAX_QUERY_LENGTH} tekens" not in html  # the full query arrived, nothing was cut
        api_status, api_headers, _body = server.request("GET", worst_case_target("/api/v1/search"))
        assert api_status == 200
        assert api_headers["Content-Type"].startswith("application/json")
        # Far longer request lines than our pages make are still refused.
        too_long, _headers, _body = server.request("GET", "/zoeken/?q=" + "x" * 9000)
        assert too_long == 400
    # The access log names each request with its duration.
    assert re.search(r'"GET /zoeken/\?q=%E2%82%AC\S* HTTP/1.1" 200 \d+ \d+ms', server.log_text()), server.log_text()
