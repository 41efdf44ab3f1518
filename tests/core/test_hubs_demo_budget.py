"""The demo's theme and audience hubs, forum topics included, keep issue 12's budget of 15 queries: on the first
render after the cache was emptied and on the render after it (measured as in tests/core/test_query_budget.py)."""

import re

from core import content_registry, hubs
from core.models import Audience, Theme
from tests.core.test_query_budget import assert_within_budget


def test_the_demos_hubs_show_forum_topics_within_the_budget(demo, client):
    topics = content_registry.get("topics")
    with_topics = [theme for theme in Theme.objects.order_by("name") if topics.tagged(themes=[theme]).exists()]
    assert with_topics, "the demo's forum categories have no themes"
    slug = hubs.kind_slug(topics)

    html = client.get(f"/themas/{with_topics[0].slug}/").content.decode()
    section = re.search(rf'<section[^>]+id="hub-{slug}".*?</section>', html, re.S)
    assert section, "the hub has no section of forum topics"
    assert "/forum/onderwerp/" in section.group(0)

    assert_within_budget(
        client,
        [
            "/themas/",
            *(f"/themas/{theme.slug}/" for theme in Theme.objects.order_by("name")),
            *(f"/themas/doelgroep/{audience.slug}/" for audience in Audience.objects.order_by("name")),
            f"/themas/{with_topics[0].slug}/{slug}/",
        ],
    )
