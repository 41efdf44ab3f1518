"""Production shares one cache between all processes (REDIS_URL); development and tests keep a local one.

Without a shared cache every gunicorn worker counted its own rate limits (4 workers let 40 of 60 requests
through a limit of 10) and web workers never saw the spelling vocabulary the task worker built.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

BASE_DIR = Path(__file__).resolve().parents[2]
# A Redis database of its own, so these tests never touch what other processes keep in Redis.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "x7#" + "k2" * 30,
    "ALLOWED_HOSTS": "kennisplatform.example",
}

# One process hammering the rate limit, as one gunicorn worker would: it waits for a common start time so
# the processes really run at the same time, then prints how many attempts got through.
HAMMER = """
import os, sys, time
import django
django.setup()
from django.test import RequestFactory
from core import ratelimit
request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.10")
start = float(os.environ["START_AT"])
while time.time() < start:
    time.sleep(0.005)
allowed = sum(not ratelimit.hit(request, os.environ["SCOPE"], 10, 60) for _ in range(30))
print(allowed)
"""


def _env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(extra)
    return env


def _python(code, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_redis_url():
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=_env(**PRODUCTION_ENV),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "REDIS_URL must be set" in result.stderr


@pytest.mark.parametrize("module", ["config.settings.dev", "config.settings.test"])
def test_development_and_tests_keep_a_local_cache(module):
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    result = _python(code, _env(DJANGO_SETTINGS_MODULE=module))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


@pytest.fixture
def redis_url():
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as error:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"Redis must run in CI at {TEST_REDIS_URL}: {error}")
        pytest.skip(f"No Redis at {TEST_REDIS_URL}: {error}")
    return TEST_REDIS_URL


def test_rate_limit_holds_across_production_processes(redis_url):
    """Two processes with the production settings count one client together: 10 of 60 get through."""
    env = _env(**PRODUCTION_ENV, REDIS_URL=redis_url, SCOPE=f"test-{uuid.uuid4().hex}", START_AT=str(time.time() + 3))
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", HAMMER], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    allowed = []
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stderr.decode()
        allowed.append(int(stdout))
    assert sum(allowed) == 10, f"attempts let through per process: {allowed}"
