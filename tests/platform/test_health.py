"""/healthz (liveness) and /readyz (readiness): what the proxy, the container health checks and monitoring see.

Readiness names each failing part and answers 503; its body never carries addresses, passwords or exception
messages. Both pass through the site's whole middleware stack and are never cached.
"""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings

from search.tasks import log_search
from tests.servers import free_port

SECRET = "s3cr3t-password"


def readiness(client):
    response = client.get("/readyz")
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    return response.status_code, response.json()


@pytest.mark.django_db
def test_liveness_answers_ok_without_touching_the_database(client, django_assert_num_queries):
    client.get("/healthz")  # the page cache middleware looks up the site once, then keeps it in the cache
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-store" in response["Cache-Control"]
    # The same middleware as every page (the benchmark's ceiling is this view).
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_liveness_stays_ok_while_the_database_is_down(client):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 200


@pytest.mark.django_db
def test_readiness_reports_every_part(client):
    status, body = readiness(client)
    assert status == 200, body
    assert body["status"] == "ok"
    assert body["failing"] == []
    assert set(body["checks"]) == {"database", "cache", "tasks", "search"}
    assert all(check["status"] == "ok" for check in body["checks"].values())
    assert body["checks"]["search"]["backend"] == "database"


@pytest.mark.django_db
def test_unreachable_database_makes_the_process_unready_without_showing_the_address(client):
    error = OperationalError(f'connection to "postgres://kp:{SECRET}@db.internal:5432" refused')
    with mock.patch("core.health.connection.cursor", side_effect=error):
        status, body = readiness(client)
    assert status == 503
    # Search reads the database too; the cache does not.
    assert body["failing"] == ["database", "search"]
    assert body["checks"]["database"] == {"status": "error", "error": "OperationalError", **_duration(body, "database")}
    assert body["checks"]["cache"]["status"] == "ok"
    assert SECRET not in str(body) and "db.internal" not in str(body)


@pytest.mark.django_db
def test_unreachable_cache_makes_the_process_unready(client):
    with mock.patch("core.health.cache.set", side_effect=ConnectionError(f"redis://:{SECRET}@cache:6379")):
        status, body = readiness(client)
    assert status == 503
    assert body["failing"] == ["cache"]
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert SECRET not in str(body)


@pytest.mark.django_db
def test_cache_that_loses_what_it_stores_makes_the_process_unready(client):
    with mock.patch("core.health.cache.get", return_value=None):
        status, body = readiness(client)
    assert status == 503
    assert body["failing"] == ["cache"]


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, READINESS_MAX_PENDING_TASKS=2)
def test_task_backlog_above_the_threshold_makes_the_process_unready(client):
    for number in range(2):
        log_search.enqueue(f"vrijwilliger {number}", False)
    status, body = readiness(client)
    assert status == 200, body
    assert body["checks"]["tasks"] == {**body["checks"]["tasks"], "pending": 2, "threshold": 2}

    log_search.enqueue("nog een", False)  # the worker is down or falls behind
    status, body = readiness(client)
    assert status == 503
    assert body["failing"] == ["tasks"]
    assert body["checks"]["tasks"]["pending"] == 3
    assert body["checks"]["tasks"]["error"] == "3 tasks waiting, more than 2"


@pytest.mark.django_db
def test_unreachable_elasticsearch_makes_the_process_unready(client):
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{free_port()}", SEARCH_ELASTICSEARCH_TIMEOUT=1):
        status, body = readiness(client)
    assert status == 503
    assert body["failing"] == ["search"]
    assert body["checks"]["search"]["status"] == "error"
    assert "127.0.0.1" not in str(body)


@pytest.mark.django_db
def test_missing_search_table_makes_the_process_unready(client):
    with mock.patch("search.models.SearchDocument.objects.only", side_effect=OperationalError("no such table")):
        status, body = readiness(client)
    assert status == 503
    assert body["failing"] == ["search"]
    assert body["checks"]["search"]["error"] == "OperationalError"


def _duration(body, name):
    return {"duration_ms": body["checks"][name]["duration_ms"]}
