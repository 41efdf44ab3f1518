"""Random input never breaks the page, the API or the suggestions, and answers stay fast.

Run on SQLite and PostgreSQL: PostgreSQL refuses a NUL character in any text value, so a query string with %00
that reaches the database unfiltered ends in a 500 there.
"""

import time
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.text import clean_text, has_control_characters
from search import service
from search.engines.base import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db

URLS = ("/zoeken/", "/api/v1/search", "/zoeken/suggesties/", "/api/v1/search/suggestions")

# Any character: control characters (NUL included) and lone surrogates are drawn on purpose.
ANY_CHARACTER = st.characters(exclude_categories=()) | st.characters(categories=["Cc", "Cs"])
TEXT = (
    st.text(alphabet=ANY_CHARACTER, max_size=300)
    | st.text(alphabet=ANY_CHARACTER, min_size=2000, max_size=5000)
    | st.sampled_from(
        ['"', "AND OR NOT", "(", ")", "*", "~", ":", "^", "NEAR(", "-", "'", "\\", "{title_terms}", "zzall"]
    )
)
PARAM = st.text(alphabet=ANY_CHARACTER, max_size=30) | st.text(alphabet=ANY_CHARACTER, min_size=500, max_size=2000)


def query_string(params):
    """Percent-encoded as a browser or a script would send it; lone surrogates become their (invalid) UTF-8 bytes."""
    return urlencode({key: value.encode("utf-8", "surrogatepass") for key, value in params.items()})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=TEXT, facet=PARAM, page=PARAM, sort=PARAM)
@example(query="\x00", facet="\x00", page="\x00", sort="\x00")
@example(query="werving\x00", facet="1\x00", page="2\x00", sort="newest\x00")
@example(query="\ud800vrijwilligers\udfff", facet="\udc80", page="1", sort="relevance")
# Digits int() refuses although str.isdigit() accepts them, and an id no 64-bit column holds: both were 500s.
@example(query="", facet="¹", page="²", sort="")
@example(query="werving", facet="9" * 25, page="9" * 25, sort="")
def test_random_strings_never_give_a_server_error(client, corpus, query, facet, page, sort):
    params = {"q": query, "theme": facet, "type": facet, "year": facet, "province": facet, "page": page, "sort": sort}
    for url in URLS:
        started = time.perf_counter()
        response = client.get(f"{url}?{query_string(params)}")
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, params)
        assert elapsed < 2.0, (url, params, elapsed)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=TEXT, facet=PARAM)
@example(query="\ud800werving\x00", facet="\udfff\x00")
def test_the_service_accepts_any_python_string(corpus, query, facet):
    """Lone surrogates cannot travel in a URL, but they can reach the service from Python (a JSON body, a command)."""
    params = service.parse_params({"q": [query], "theme": [facet], "type": [facet], "province": [facet]})
    assert params.query == " ".join(clean_text(query).split())[:MAX_QUERY_LENGTH]
    for value in [params.query, *params.types, *params.provinces, *params.themes]:
        assert not has_control_characters(value)
    service.search(params, log=False)
    service.suggest(query)


@pytest.mark.parametrize("url", ["/zoeken/", "/api/v1/search"])
def test_a_nul_byte_in_the_query_finds_what_the_query_without_it_finds(client, corpus, url):
    plain = client.get(url, {"q": "werving"})
    with_nul = client.get(f"{url}?q=wer%00ving%00")
    assert plain.status_code == with_nul.status_code == 200
    if url == "/api/v1/search":
        assert with_nul.json()["query"] == "werving"
        assert with_nul.json()["total"] == plain.json()["total"] > 0
    else:
        assert with_nul.context["query"] == "werving"
        assert with_nul.context["outcome"].response.total == plain.context["outcome"].response.total > 0


@pytest.mark.parametrize("url", ["/zoeken/suggesties/", "/api/v1/search/suggestions"])
def test_a_nul_byte_in_the_suggestions_query_is_ignored(client, corpus, url):
    plain = client.get(url, {"q": "werv"})
    with_nul = client.get(f"{url}?q=%00wer%00v")
    assert plain.status_code == with_nul.status_code == 200
    found = plain.json() if isinstance(plain.json(), list) else plain.json()["suggestions"]
    assert found
    assert with_nul.json() == plain.json()
