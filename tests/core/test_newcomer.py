"""What `make run` executes runs on requirements.txt alone.

`make run` migrates an empty database and runs seed_demo. Both run here in a subprocess with the development-only
packages made unimportable: whatever the demo imports must be a runtime requirement. The database is a copy of the
session's migrated one (a minute of migrations saved): `migrate` still imports every migration module before it
finds nothing to apply, and seed_demo runs on the empty site. (.ci/newcomer proves the whole path, migrations run
included, with a virtualenv built from requirements.txt only.)
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

# Installed by requirements-dev.txt only, never by requirements.txt.
DEV_ONLY_PACKAGES = ("factory", "wagtail_factories", "pytest", "hypothesis", "playwright")

BLOCKER = textwrap.dedent(
    f"""
    import sys

    DEV_ONLY = {DEV_ONLY_PACKAGES!r}


    class DevOnlyPackages:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in DEV_ONLY:
                raise ImportError(f"{{name}} is only in requirements-dev.txt (make run installs requirements.txt)")
            return None


    sys.meta_path.insert(0, DevOnlyPackages())
    """
)


def runtime_env(tmp_path):
    """The environment of `make run` on a fresh clone: dev settings, an empty var dir, no dev packages."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCKER)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "TASKS_BACKEND", "PYTHONPATH"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        PYTHONPATH=str(blocker),
        VAR_DIR=str(tmp_path / "var"),
        MEDIA_ROOT=str(tmp_path / "var" / "media"),
    )
    (tmp_path / "var").mkdir()
    return env


def run(env, *args):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="always runs on its own SQLite file: once per CI run (the SQLite suite) is enough",
)
def test_migrate_and_seed_demo_need_only_the_runtime_requirements(tmp_path, _migrated_sqlite_template):
    env = runtime_env(tmp_path)
    database = Path(env["VAR_DIR"]) / "db.sqlite3"
    shutil.copyfile(_migrated_sqlite_template, database)
    blocked = run(env, "-c", "import factory")
    assert blocked.returncode != 0 and "only in requirements-dev.txt" in blocked.stderr, "the blocker works"

    migrate = run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    seed = run(env, "manage.py", "seed_demo", "--admin")
    assert seed.returncode == 0, seed.stderr[-3000:]
    assert "Created superuser 'admin'" in seed.stdout

    with sqlite3.connect(database) as connection:
        slugs = {slug for (slug,) in connection.execute("SELECT slug FROM wagtailcore_page WHERE depth = 3")}
        sessions = connection.execute("SELECT count(*) FROM knowledgeboost_sessionpage").fetchone()[0]
    assert {"expedities", "kennisboostweken", "tips", "verhalen"} <= slugs, "every section has its demo"
    assert sessions > 0, "the Kennisboostweken demo (built with the test factories before) has its sessions"
