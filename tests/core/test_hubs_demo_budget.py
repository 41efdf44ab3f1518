"""The demo's theme and audience hubs, forum topics included, keep issue 12's budget of 15 queries: on the first
render after the cache was emptied and on the render after it (see tests/core/test_query_budget.py for how the
renders are measured; image renditions are made before)."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import content_registry, hubs
from core.models import Audience, Theme

HUB_BUDGET = 15


def queries_for(client, url):
    """Queries of the first render with an empty cache, and of the render after it."""
    client.get(url)
    cache.clear()
    counts = []
    for _render in ("first", "second"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(queries)
    return response, counts


def test_the_demos_hubs_show_forum_topics_within_the_budget(demo, client, record_property):
    topics = content_registry.get("topics")
    with_topics = [theme for theme in Theme.objects.order_by("name") if topics.tagged(themes=[theme]).exists()]
    assert with_topics, "the demo's forum categories have no themes"
    slug = hubs.kind_slug(topics)
    urls = [
        "/themas/",
        *(f"/themas/{theme.slug}/" for theme in Theme.objects.order_by("name")),
        *(f"/themas/doelgroep/{audience.slug}/" for audience in Audience.objects.order_by("name")),
        f"/themas/{with_topics[0].slug}/{slug}/",
    ]
    measured, over = {}, {}
    for url in urls:
        response, (first, second) = queries_for(client, url)
        measured[url] = (len(first), len(second))
        for render, queries in (("first", first), ("second", second)):
            if len(queries) > HUB_BUDGET:
                over[f"{url} ({render})"] = [query["sql"][:120] for query in queries.captured_queries]
        if url == f"/themas/{with_topics[0].slug}/":
            section = re.search(rf'<section[^>]+id="hub-{slug}".*?</section>', response.content.decode(), re.S)
            assert section, "the hub has no section of forum topics"
            assert "/forum/onderwerp/" in section.group(0)
    record_property("queries", measured)
    print("queries of the hubs (first render, second render):", measured)  # noqa: T201 - the figures for the report
    assert not over, f"{len(over)} renders over budget: {over}"
