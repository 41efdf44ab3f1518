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
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import TestCase
from wagtail.models import Collection, Locale, Page, Site

from core.factories import HomePageFactory


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
    yield
    cache.clear()


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


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Roll the demo back before any test that does not ask for it; bring it back for one that does."""
    if _rolled_back_demo is None:
        return
    if "demo" in item.fixturenames:
        _rolled_back_demo.activate()
    else:
        _rolled_back_demo.deactivate()


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
