"""Shared fixtures: a site with a home page, as seed_demo would make it."""

import pytest
from django.core.cache import cache
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
