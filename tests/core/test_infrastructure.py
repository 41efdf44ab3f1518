import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from core.views import server_error

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_readyz_reports_unreachable_database(client):
    # /healthz is liveness only (tests/platform/test_health.py); readiness names the database.
    with mock.patch("core.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "error"


def test_500_page_is_dutch_and_needs_no_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OperationalError):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert 'lang="nl"' in html
    assert "Er is iets misgegaan" in html


@pytest.mark.django_db
def test_a_request_django_refuses_gets_a_dutch_400_page(home_page, client, settings):
    """Too many form fields (DATA_UPLOAD_MAX_NUMBER_FIELDS): Django's own 400, in the site's words."""
    fields = {f"veld{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/account/login/", fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert "<h1>We konden dit verzoek niet verwerken</h1>" in html
    assert "Er is niets opgeslagen." in html
    assert "Bad Request" not in html


@pytest.mark.django_db
def test_404_page_is_dutch(home_page, client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(home_page, client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_documents_are_limited_and_served_through_wagtail():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert "exe" not in settings.WAGTAILDOCS_EXTENSIONS
    assert "html" not in settings.WAGTAILDOCS_EXTENSIONS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"SHARED_PASSWORD": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"SHARED_PASSWORD": False}


def test_dutch_language_and_timezone():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert (BASE_DIR / "locale/nl/LC_MESSAGES/django.mo").exists()


def _manage(*args, env):
    # The browser harness allows async-unsafe ORM calls in this process; a deployment never does.
    env = {key: value for key, value in env.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "ALLOWED_HOSTS": "example.org"}
    env.pop("SECRET_KEY", None)
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x7#" + "k2" * 30,
        "ALLOWED_HOSTS": "kennisplatform.example",
        "REDIS_URL": "redis://127.0.0.1:6379/7",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_admin_speaks_dutch(client):
    html = client.get("/admin/login/", follow=True).content.decode()  # forwarded to allauth's login (accounts)
    assert "Inloggen" in html
    assert "Gebruikersnaam" in html


def test_redis_cache_is_used_when_redis_url_is_set():
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/3", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "core.redis_cache.RedisCache", result.stderr


@pytest.mark.django_db
def test_postgresql_connections_do_not_jit_compile_queries():
    """A planner's overestimate of a small join made PostgreSQL spend 70 ms compiling the site lookup (0.1 ms)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
