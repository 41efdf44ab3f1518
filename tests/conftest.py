"""Shared fixtures: a site with a home page as seed_demo would make it, and the seeded demo itself.

The demo (``seed_demo``) is built once per test session, not once per test:

- ``demo``: the database holds the whole demo site; each test's changes are rolled back. The demo is
  seeded inside an outer transaction that stays open while ``demo`` tests run (they are ordered to run
  one after another) and is rolled back before any other test runs, so no other test ever sees it.
- ``demo_live_server`` (tests/browser/conftest.py): the demo committed and served by a live server,
  for browser tests; seeded once and flushed before any other test runs.
"""

import io
from dataclasses import dataclass

import pytest
import pytest_django.fixtures
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import TestCase
from wagtail.models import Collection, Locale, Page, Site

from core.caching import process_memo
from core.factories import HomePageFactory

pytest_plugins = ["tests.fixtures_servers"]  # migrated_sqlite, for the tests that start real servers


def ensure_wagtail_base():
    """Recreate what Wagtail's data migrations make (locale, root page, root collection).

    Transactional tests (the browser tests' live server) flush every table, data migrations included.
    """
    Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root", locale=Locale.objects.get(language_code="nl"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return root


def seed_demo():
    """Run seed_demo as `make run` does, including what it leaves for after the commit (search index).
    Returns its output."""
    ensure_wagtail_base()
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(using=DEFAULT_DB_ALIAS, execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def clear_cache():
    """Each test starts with an empty cache: ids repeat after rollback, so cached renditions or
    rate-limit counters of one test must not leak into the next."""
    cache.clear()
    process_memo.clear()
    yield
    cache.clear()
    process_memo.clear()


@pytest.fixture
def home_page(db):
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kennisplatform")
    return home


# --- The demo, seeded once per session -------------------------------------------------------------


class RolledBackDemo:
    """The demo inside an outer transaction that is rolled back as soon as a test without ``demo`` runs.

    Each ``demo`` test runs in its own savepoint inside it (pytest-django's ``db``), so the tests cannot
    change the demo for each other. Seeding again is only needed when ``demo`` tests are not run one after
    another (pytest_collection_modifyitems below groups them).
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.atomic = None
        self.output = ""
        self.seedings = 0

    @property
    def active(self):
        return self.atomic is not None

    def activate(self):
        if self.active:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic(using=DEFAULT_DB_ALIAS)
            self.atomic.__enter__()
            # Like Django's TestCase atomics: durable blocks inside the test may still run.
            connections[DEFAULT_DB_ALIAS].atomic_blocks[-1]._from_testcase = True
            try:
                self.output = seed_demo()
            except BaseException:
                self.deactivate()
                raise
            self.seedings += 1

    def deactivate(self):
        if not self.active:
            return
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True, using=DEFAULT_DB_ALIAS)
            atomic.__exit__(None, None, None)
        cache.clear()


_rolled_back_demo = None


@pytest.fixture(scope="session")
def _demo_database(django_db_setup, django_db_blocker):
    """Session part of ``demo``: seeds before any function-scoped fixture (such as ``db``) opens its transaction."""
    global _rolled_back_demo
    _rolled_back_demo = RolledBackDemo(django_db_blocker)
    _rolled_back_demo.activate()
    yield _rolled_back_demo
    _rolled_back_demo.deactivate()
    _rolled_back_demo = None


@dataclass
class Demo:
    home: object  # the demo's HomePage
    output: str  # what seed_demo printed when it built the demo on the empty test database


@pytest.fixture
def demo(request, _demo_database, db):
    """The database holds the demo site that seed_demo builds; whatever the test changes is rolled back.

    Gives a ``Demo`` (``demo.home``: the home page; ``demo.output``: seed_demo's output). Not for
    transactional tests (live_server, transactional_db): browser tests use ``demo_live_server`` instead.
    """
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        pytest.fail("The demo fixture rolls back; transactional tests use demo_live_server (tests/browser).")
    if not _demo_database.active:  # pytest_runtest_setup activates it
        pytest.fail("The demo is not active for this test.")
    from core.models import HomePage

    return Demo(home=HomePage.objects.get(), output=_demo_database.output)


class CommittedDemo:
    """The demo committed to the test database and served by a live server, for browser tests.

    Seeded once for all ``demo_live_server`` tests (they run last, one after another); the tables are
    flushed, as after any transactional test, before another test runs or when the session ends.
    """

    def __init__(self, blocker):
        self.blocker = blocker
        self.server = None
        self.pages = []
        self.seedings = 0

    @property
    def active(self):
        return self.server is not None

    @property
    def url(self):
        return self.server.url

    def activate(self):
        if self.active:
            return
        from pytest_django.live_server_helper import LiveServer

        with self.blocker.unblock():
            seed_demo()
            self.seedings += 1
            self.pages = [
                (type(page).__name__, page.url) for page in Page.objects.live().public().filter(depth__gte=2).specific()
            ]
            server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        self.server = server

    def deactivate(self):
        if not self.active:
            return
        server, self.server = self.server, None
        server._live_server_modified_settings.disable()
        server.stop()
        with self.blocker.unblock():
            call_command("flush", verbosity=0, interactive=False, database=DEFAULT_DB_ALIAS)
        cache.clear()


_committed_demo = None


@pytest.fixture(scope="session")
def _committed_demo_database(django_db_setup, django_db_blocker):
    global _committed_demo
    _committed_demo = CommittedDemo(django_db_blocker)
    _committed_demo.activate()
    yield _committed_demo
    _committed_demo.deactivate()
    _committed_demo = None


@pytest.fixture
def demo_live_server(request, _committed_demo_database):
    """A live server of the seeded demo, committed to the database, for browser tests.

    ``.url`` is the server's address; ``.pages`` lists (page type, path) of every live public page.
    The test runs outside a transaction (no ``db``: its transaction would lock the SQLite database the
    server writes to; no ``transactional_db`` or ``live_server``: their flush would remove the demo); it
    may read the database but looks at the demo through the server. What a test changes through the server
    (a form sent in the browser) stays until the demo is flushed: change only what no other test looks at
    (appreciating one tip), or use ``live_server`` with your own data (a registration)."""
    fixtures = request.fixturenames
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server", "demo"} & set(
        fixtures
    ):
        pytest.fail("demo_live_server tests use no database fixture or django_db marker.")
    with _committed_demo_database.blocker.unblock():  # for the server's threads
        yield _committed_demo_database
        # What the test read opened a connection of its own; left open, PostgreSQL refuses to drop the
        # test database at the end (an in-memory SQLite connection is never closed).
        connections.close_all()


def _databases_for_test(test, _original=pytest_django.fixtures._get_databases_for_test):
    """pytest-django creates the test database only when a collected test asks for one through ``db``,
    ``transactional_db``, ``live_server`` or the django_db marker; ``demo_live_server`` needs it too."""
    if uses_demo_live_server(test):
        return (DEFAULT_DB_ALIAS,), False
    return _original(test)


pytest_django.fixtures._get_databases_for_test = _databases_for_test


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Take each session demo away before any test that does not ask for it; bring it back for one that does."""
    for manager, fixture in ((_committed_demo, "demo_live_server"), (_rolled_back_demo, "demo")):
        if manager is not None and fixture not in item.fixturenames:
            manager.deactivate()
    for manager, fixture in ((_rolled_back_demo, "demo"), (_committed_demo, "demo_live_server")):
        if manager is not None and fixture in item.fixturenames:
            manager.activate()


def uses_demo(item):
    return "demo" in getattr(item, "fixturenames", ())


def uses_demo_live_server(item):
    return "demo_live_server" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Keep pytest-django's order (database tests, transactional tests, the rest), with the ``demo`` tests
    last among the database tests and the ``demo_live_server`` tests at the very end, so each demo is
    seeded once."""
    from pytest_django.fixtures import validate_django_db

    def group(item):
        if uses_demo_live_server(item):
            return 3
        fixtures = getattr(item, "fixturenames", ())
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in fixtures or "live_server" in fixtures
        if marker is not None:
            transaction_, reset_sequences, *_ = validate_django_db(marker)
            transactional = transactional or transaction_ or reset_sequences
        if transactional:
            return 1
        if marker is not None or "db" in fixtures:
            return 0.5 if uses_demo(item) else 0
        return 2

    items.sort(key=group)
