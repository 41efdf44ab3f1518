"""Fixtures of the tests that start real servers (tests/servers.py); a plugin of tests/conftest.py.

``migrated_sqlite``: a migrated SQLite database file of the test's own. The migrations run once per session
(in a process of their own, with the production settings, as `manage.py migrate` in production); each test
gets a copy, so what its servers write stays its own.
"""

import shutil

import pytest

from tests.servers import manage, production_env


@pytest.fixture(scope="session")
def _migrated_sqlite_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("migrated") / "db.sqlite3"
    manage(production_env(DATABASE_URL=f"sqlite:///{path}"), "migrate", "--noinput", "-v0")
    return path


@pytest.fixture
def migrated_sqlite(_migrated_sqlite_template, tmp_path):
    """The path of a freshly migrated SQLite database file in the test's tmp_path."""
    path = tmp_path / "db.sqlite3"
    shutil.copy(_migrated_sqlite_template, path)
    return path
