"""Every public page renders with at most 15 SQL queries when it does not come from the page cache (issue 12).

The page cache is off in the test settings, so each request here renders. Each page is measured twice, and both
renders keep the budget:

- its **first** render after the cache was emptied (as after a restart of Redis, and more than after a content
  change, which keeps Wagtail's cached renditions): nothing kept per content generation (Site, settings, menu,
  view restrictions, breadcrumbs, home sections, related content: core/caching.py, core/middleware.py) is there
  yet, so this is what the page genuinely costs;
- the render after that, with those kept.

Image renditions are made by a render before the measurement: making one is a write that happens once per image
and size, ever, not per content change.
"""

import re
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from expeditions.factories import LessonPageFactory
from expeditions.models import ExpeditionIndexPage, ExpeditionPage
from knowledgeboost.factories import SessionPageFactory
from knowledgeboost.models import KnowledgeBoostIndexPage, KnowledgeBoostWeekPage, SessionPage
from networks.models import InclusionAgendaOverviewPage, MunicipalityPage, NetworkMeetingPage
from stories.factories import StoryPageFactory
from stories.models import StoryIndexPage
from tips.factories import TipCollectionPageFactory, TipFactory
from tips.models import TipCollectionIndexPage, TipCollectionPage

# Issue 12: at most 15 queries per render, the first after the cache was emptied and the ones after it.
BUDGET = 15


def queries_for(client, url):
    """Queries of the first render with an empty cache, and of the render after it."""
    client.get(url)  # makes the image renditions the page shows (once per image and size, ever)
    cache.clear()
    counts = []
    for _render in ("first", "second"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(queries)
    return counts


def assert_within_budget(client, urls):
    over = {}
    for url in urls:
        for render, queries in zip(("first", "second"), queries_for(client, url), strict=True):
            if len(queries) > BUDGET:
                over[f"{url} ({render} render, {len(queries)} queries)"] = [
                    query["sql"][:120] for query in queries.captured_queries
                ]
    assert not over, f"{len(over)} renders over budget: {over}"


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").content.decode()
    return [urlparse(url).path for url in re.findall(r"<loc>(.*?)</loc>", xml)]


def test_every_sitemap_page_of_the_demo(demo, client):
    paths = sitemap_paths(client)
    assert len(paths) > 80
    assert any(path.startswith("/netwerken/") for path in paths)
    assert_within_budget(client, paths)


def test_the_pages_of_the_networks_forms_and_overview(demo, client):
    """The match request's opened form (rendered per visitor), a meeting with its registration form and the agenda
    overview with its filters keep the budget too."""
    meeting = next(m for m in NetworkMeetingPage.objects.live().order_by("start") if m.registration_is_open)
    municipality = MunicipalityPage.objects.live().order_by("path").first()
    overview = InclusionAgendaOverviewPage.objects.live().get()
    assert_within_budget(
        client,
        [
            meeting.url,
            f"{municipality.url}?koppeling=1",
            f"{municipality.url}?koppeling=aangevraagd",
            overview.url,
            f"{overview.url}?provincie=overijssel",
        ],
    )


def test_search_and_filtered_listings_of_the_demo(demo, client, settings):
    # Searches queue a task (the anonymous query log) that the test settings would run inside the request; in
    # production it is one INSERT into the task queue, run later by the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    collection = TipCollectionPage.objects.live().filter(tips__themes__isnull=False).distinct().first()
    theme = collection.tips.filter(themes__isnull=False).first().themes.first()
    expeditions = ExpeditionIndexPage.objects.get().url
    urls = [
        "/zoeken/",
        "/zoeken/?q=vrijwilligers",
        "/zoeken/?q=jongeren&type=tip",
        "/zoeken/?q=zzzzonbekend",
        f"{collection.url}?theme={theme.slug}",
        f"{StoryIndexPage.objects.get().url}?theme={theme.slug}",
        f"{expeditions}?thema={theme.slug}",
        f"{expeditions}?status=completed&page=1",
        f"{expeditions}lessen/?lens=accessibility",
        f"{expeditions}lessen/?doelgroep=young_people",
    ]
    assert_within_budget(client, urls)


@pytest.fixture
def hundred_of_each(demo):
    """100 tips in one collection, 100 tip collections, 100 stories, 100 lessons in one expedition and 100 sessions
    in one Kennisboostweek."""
    collection = TipCollectionPage.objects.live().first()
    for number in range(100):
        TipFactory(page=collection, title=f"Honderd tips, nummer {number}")
    tip_index = TipCollectionIndexPage.objects.live().first()
    for number in range(100):
        TipCollectionPageFactory(parent=tip_index, title=f"Honderd bundels, nummer {number}")
    story_index = StoryIndexPage.objects.get()
    for number in range(100):
        StoryPageFactory(parent=story_index, title=f"Honderd verhalen, nummer {number}")
    expedition = ExpeditionPage.objects.live().first()
    for number in range(100):
        LessonPageFactory(parent=expedition, title=f"Honderd lessen, nummer {number}")
    week = KnowledgeBoostWeekPage.objects.live().first()
    for number in range(100):
        SessionPageFactory(parent=week, title=f"Honderd sessies, nummer {number}")
    return collection, tip_index, story_index, expedition, week


def test_listings_of_a_hundred_items(hundred_of_each, client):
    collection, tip_index, story_index, expedition, week = hundred_of_each
    index = ExpeditionIndexPage.objects.get().url
    tip = collection.tips.last()
    assert len(collection.tips.all()) > 100
    assert TipCollectionPage.objects.child_of(tip_index).count() > 100
    assert SessionPage.objects.child_of(week).count() > 100
    assert_within_budget(
        client,
        [
            collection.url,
            f"{collection.url}{tip.slug}/",
            tip_index.url,
            f"{tip_index.url}?page=2",
            tip_index.all_tips_url(),
            f"{tip_index.all_tips_url()}?page=3",
            story_index.url,
            f"{story_index.url}?page=2",
            expedition.url,
            index,
            f"{index}lessen/",
            f"{index}lessen/?page=3",
            week.url,
            KnowledgeBoostIndexPage.objects.live().first().url,
            "/",
        ],
    )
