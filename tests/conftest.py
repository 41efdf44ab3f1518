"""Shared fixtures: a site with a home page, as seed_demo would make it."""

import pytest
from wagtail.models import Page, Site

from core.factories import HomePageFactory


@pytest.fixture
def home_page(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kennisplatform")
    return home
