"""Hubs and related-content blocks cost the same number of queries at 10 and at 100 items per section.

One test builds the content once (700 pages take a while) and measures every page at both sizes.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import TopicIndexPage
from tests.core.hubs_content import SectionContent

pytestmark = pytest.mark.django_db

HUB_URLS = [
    "/themas/",
    "/themas/werving/",
    "/themas/doelgroep/gemeenten/",
    "/themas/werving/tips/",
    "/themas/werving/verhalen/?page=2",
    "/themas/doelgroep/gemeenten/sessies/",
]
DETAIL_SECTIONS = ["stories", "lessons", "tips", "sessions", "meetings", "agendas", "expeditions"]


def measure(client, url):
    cache.clear()  # cold: nothing from the page cache or the memoized invariants
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_hubs_and_related_blocks_stay_flat_from_10_to_100_items_per_section(
    client, home_page, django_assert_num_queries, record_property
):
    home_page.add_child(instance=TopicIndexPage(title="Thema's", slug="themas"))
    content = SectionContent(home_page).grow(10)
    detail_urls = [content.items[section][0].url for section in DETAIL_SECTIONS]
    urls = HUB_URLS + detail_urls
    for url in urls:  # warm up per-process caches (content types, site root paths) outside the measurement
        measure(client, url)
    at_ten = {url: measure(client, url) for url in urls}

    content.grow(100)
    for url in urls:
        cache.clear()
        with django_assert_num_queries(at_ten[url], info=url):
            assert client.get(url).status_code == 200
    record_property("queries", at_ten)
    print("queries per page at 10 and 100 items per section:", at_ten)  # noqa: T201 - the figures for the README
