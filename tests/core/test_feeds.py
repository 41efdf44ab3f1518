"""RSS and Atom feeds of the newest content, per kind, per theme and per audience (core/feeds.py): valid XML with
the right items, newest first, 404 for what does not exist, and a constant number of queries."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import content_registry
from core.factories import AudienceFactory, ContentPageFactory, ThemeFactory
from core.models import ContentPage
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from stories.models import StoryPage

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def kinds(monkeypatch):
    registry = {
        "stories": content_registry.ContentKind(key="stories", label="Verhalen", model=StoryPage, order=1),
        "pages": content_registry.ContentKind(key="pages", label="Informatiepagina's", model=ContentPage, order=2),
    }
    monkeypatch.setattr(content_registry, "_kinds", registry)
    return registry


@pytest.fixture
def terms(db):
    return {
        "inclusie": ThemeFactory(name="Inclusie", slug="inclusie"),
        "armoede": ThemeFactory(name="Armoede", slug="armoede"),
        "gemeenten": AudienceFactory(name="Gemeenten", slug="gemeenten"),
    }


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


def published(page, hours_ago, themes=(), audiences=()):
    page.first_published_at = timezone.now() - datetime.timedelta(hours=hours_ago)
    page.save()
    page.themes.set(themes)
    page.audiences.set(audiences)
    page.save()
    return page


@pytest.fixture
def content(home_page, story_index, terms, kinds):
    return {
        "old_story": published(StoryPageFactory(parent=story_index, title="Oud verhaal"), 48, [terms["armoede"]]),
        "new_story": published(
            StoryPageFactory(parent=story_index, title="Nieuw verhaal", listing_summary="Een verhaal over meedoen."),
            1,
            [terms["inclusie"]],
            [terms["gemeenten"]],
        ),
        "page": published(ContentPageFactory(parent=home_page, title="Over inclusie"), 5, [terms["inclusie"]]),
        "draft": published(
            StoryPageFactory(parent=story_index, title="Nog niet af", live=False), 0, [terms["inclusie"]]
        ),
    }


def parse(response):
    return ET.fromstring(response.content)  # noqa: S314 (the site's own output)


def rss_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = parse(response).find("channel")
    return [item.findtext("title") for item in channel.findall("item")]


def test_the_newest_feed_lists_every_kind_newest_first(client, content):
    response = client.get(reverse("feed_newest"))
    assert rss_titles(response) == ["Nieuw verhaal", "Over inclusie", "Oud verhaal"]
    channel = parse(response).find("channel")
    assert channel.findtext("title").startswith("Nieuw op ")
    item = channel.find("item")
    assert item.findtext("link") == "http://testserver" + content["new_story"].url
    assert item.findtext("description") == "Een verhaal over meedoen."
    assert [category.text for category in item.findall("category")] == ["Verhalen", "Inclusie"]
    assert item.findtext("pubDate")


def test_the_atom_feed_is_valid_atom(client, content):
    response = client.get(reverse("feed_newest_atom"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Nieuw verhaal", "Over inclusie", "Oud verhaal"]
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith(reverse("feed_newest_atom"))


def test_a_kind_feed_lists_only_that_kind(client, content):
    assert rss_titles(client.get(reverse("feed_kind", args=["stories"]))) == ["Nieuw verhaal", "Oud verhaal"]
    assert rss_titles(client.get(reverse("feed_kind", args=["pages"]))) == ["Over inclusie"]
    assert client.get(reverse("feed_kind", args=["bestaat-niet"])).status_code == 404


def test_theme_and_audience_feeds_list_what_carries_them(client, content):
    assert rss_titles(client.get(reverse("feed_theme", args=["inclusie"]))) == ["Nieuw verhaal", "Over inclusie"]
    assert rss_titles(client.get(reverse("feed_theme", args=["armoede"]))) == ["Oud verhaal"]
    assert rss_titles(client.get(reverse("feed_audience", args=["gemeenten"]))) == ["Nieuw verhaal"]
    atom = parse(client.get(reverse("feed_theme_atom", args=["inclusie"])))
    assert [entry.findtext(f"{ATOM}title") for entry in atom.findall(f"{ATOM}entry")] == [
        "Nieuw verhaal",
        "Over inclusie",
    ]
    assert client.get(reverse("feed_theme", args=["onbekend"])).status_code == 404
    assert client.get(reverse("feed_audience", args=["onbekend"])).status_code == 404
    assert client.get("/feeds/thema/%00/").status_code == 404


def test_a_feed_holds_at_most_twenty_items(client, story_index, kinds):
    for number in range(25):
        published(StoryPageFactory(parent=story_index, title=f"Verhaal {number}"), number)
    titles = rss_titles(client.get(reverse("feed_kind", args=["stories"])))
    assert titles == [f"Verhaal {number}" for number in range(20)]


def queries_for(client, url):
    client.get(url)  # warm the caches kept per content generation (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


FEEDS = [
    ("feed_newest", []),
    ("feed_theme", ["inclusie"]),
    ("feed_audience", ["gemeenten"]),
    ("feed_kind", ["stories"]),
]


def test_feeds_cost_the_same_queries_with_10_and_100_items(client, story_index, kinds, terms):
    def add(count, offset):
        for number in range(count):
            published(
                StoryPageFactory(parent=story_index, title=f"Verhaal {offset + number}"),
                offset + number,
                [terms["inclusie"], terms["armoede"]],
                [terms["gemeenten"]],
            )

    add(10, 0)
    few = {name: queries_for(client, reverse(name, args=args)) for name, args in FEEDS}
    add(90, 10)
    many = {name: queries_for(client, reverse(name, args=args)) for name, args in FEEDS}
    assert few == many
    assert max(many.values()) <= 8


def test_every_registered_kind_theme_and_audience_has_a_valid_feed_on_the_demo(demo, client):
    from core.models import Audience, Theme

    urls = [reverse("feed_newest"), reverse("feed_newest_atom")]
    urls += [reverse("feed_kind", args=[kind.key]) for kind in content_registry.kinds()]
    urls += [reverse("feed_theme", args=[theme.slug]) for theme in Theme.objects.all()]
    urls += [reverse("feed_audience_atom", args=[audience.slug]) for audience in Audience.objects.all()]
    empty = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        root = parse(response)
        if not (root.findall("channel/item") or root.findall(f"{ATOM}entry")):
            empty.append(url)
    assert len(content_registry.kinds()) >= 5
    assert reverse("feed_newest") not in empty
    assert len(empty) < len(urls) / 2, empty
