"""The search API answers JSON, errors too: 503 while the database (and with it search) is down, never the site's
HTML error pages (it used to answer a database outage with the HTML 500 page)."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from tests.servers import free_port, gunicorn, production_env

ENDPOINTS = ["/api/v1/search?q=vrijwilligers", "/api/v1/search/suggestions?q=vrijwilligers"]


@pytest.fixture
def api_client():
    """A client that gets the response a visitor would get instead of the exception."""
    return Client(raise_request_exception=False)


def assert_json_error(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"] == code
    return body["message"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ENDPOINTS)
def test_database_outage_is_a_json_503(api_client, url):
    refused = OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection", side_effect=refused):
        response = api_client.get(url)
    message = assert_json_error(response, 503, "service_unavailable")
    assert message == "Zoeken is tijdelijk niet beschikbaar. Probeer het over een paar minuten opnieuw."
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_unexpected_error_is_a_json_500_and_is_logged(api_client, caplog):
    with mock.patch("search.api.service.search", side_effect=RuntimeError("boom")):
        response = api_client.get(ENDPOINTS[0])
    assert (
        assert_json_error(response, 500, "server_error")
        == "Er ging iets mis bij het zoeken. Probeer het later opnieuw."
    )
    assert "boom" not in response.content.decode()  # no internals for the client
    assert any(record.levelname == "ERROR" and record.exc_info for record in caplog.records)


@pytest.mark.django_db
def test_unknown_address_and_wrong_method_are_json(api_client):
    for url in ["/api/v1/bestaat-niet", "/api/v1/search/"]:
        assert "bestaat niet" in assert_json_error(api_client.get(url), 404, "not_found")
    response = api_client.post("/api/v1/search", {"q": "vrijwilligers"})
    assert "alleen GET" in assert_json_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param("sqlite:////nonexistent-kennisplatform-dir/db.sqlite3", id="sqlite"),
        pytest.param(f"postgres://postgres@127.0.0.1:{free_port()}/kennisplatform", id="postgresql"),
    ],
)
def test_real_database_outage_through_gunicorn(database_url, tmp_path):
    """Production settings and gunicorn with a database that cannot be reached at all."""
    with gunicorn(production_env(DATABASE_URL=database_url), tmp_path) as server:
        for url in ENDPOINTS:
            status, headers, body = server.request("GET", url)
            assert status == 503, body[:300]
            assert headers["Content-Type"].startswith("application/json")
            assert b'"error": "service_unavailable"' in body
        # The readiness check agrees (/healthz, liveness, stays 200: the process itself is fine).
        status, _headers, _body = server.request("GET", "/readyz")
        assert status == 503
