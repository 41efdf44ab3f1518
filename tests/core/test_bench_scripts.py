"""The benchmarks under bench/ keep running as the code changes: each runs here at a tiny size on SQLite.

They measure nothing here; a benchmark that no longer starts (a renamed import, a changed service) fails
this test instead of the next person who wants figures.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from tests.servers import TEST_REDIS_URL

SMALL_RUNS = {
    "search.py": ["--n", "300"],
    "expeditions.py": ["--expeditions", "3", "--lessons", "2", "--rounds", "2"],
    # The HTTP benchmarks use their own keys (a per-run prefix) in the tests' Redis database.
    "pages.py": ["--pages", "100", "--duration", "1", "--connections", "2", "--redis", TEST_REDIS_URL],
    "registrations_http.py": [
        *("--sqlite", "--registrations", "12", "--sessions", "2", "--capacity", "4", "--clients", "2"),
        *("--redis", TEST_REDIS_URL, "--profile", "2"),
    ],
    "networks.py": ["--municipalities", "4", "--rounds", "2"],
    "forum.py": ["--topics", "40", "--replies", "45", "--rounds", "2"],
    "posters.py": ["--rounds", "2"],
    "registrations.py": ["--sqlite", "--registrations", "12", "--sessions", "2", "--capacity", "4", "--threads", "2"],
}


def test_every_benchmark_script_is_covered():
    scripts = {path.name for path in (settings.BASE_DIR / "bench").glob("[!_]*.py")}
    assert scripts == set(SMALL_RUNS)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="runs on its own SQLite file: once per CI run is enough")
@pytest.mark.parametrize("script", sorted(SMALL_RUNS))
def test_benchmark_runs_at_a_tiny_size(script, _migrated_sqlite_template):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    # A copy of the session's migrated database instead of a minute of migrations per script.
    env["BENCH_MIGRATED_SQLITE"] = str(_migrated_sqlite_template)
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, f"bench/{script}", *SMALL_RUNS[script]],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
