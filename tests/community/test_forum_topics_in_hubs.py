"""Forum topics in the theme and audience hubs (issue 15), their feeds and related content.

A topic has the themes and audiences of its category (chosen by editors in the forum's category panel), else those
of its forum page. Only topics that anyone may read are listed: visible, with a visible opening post, in a live
forum without a view restriction; reactions threads never.
"""

import datetime
import html as htmllib
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import ForumCategory, PostStatus
from core import content_registry, hubs, related
from core.factories import UserFactory
from core.models import Audience, Theme, TopicIndexPage
from networks.factories import NetworkPageFactory
from tests.community.reactions_fixtures import add_reactions, story_fixture  # noqa: F401 (the ``story`` fixture)

pytestmark = pytest.mark.django_db

OPENING = "Hoe betrekken jullie **ervaringsdeskundigen** bij de werving van nieuwe vrijwilligers? Wij zoeken tips."


@pytest.fixture
def hubs_page(home_page):
    page = TopicIndexPage(title="Thema's en doelgroepen", slug="themas")
    home_page.add_child(instance=page)
    return page


@pytest.fixture
def terms(db):
    return {
        "werving": Theme.objects.create(name="Werving", slug="werving"),
        "inclusie": Theme.objects.create(name="Inclusie", slug="inclusie"),
        "gemeenten": Audience.objects.create(name="Gemeenten", slug="gemeenten"),
    }


@pytest.fixture
def tagged_category(category, terms):
    """The forum's category "Algemeen", about recruitment, for municipalities."""
    category.themes.set([terms["werving"]])
    category.audiences.set([terms["gemeenten"]])
    category.save()  # parental many-to-many fields are written on save
    return category


def topics_kind():
    return content_registry.get("topics")


def section(with_language="nl"):
    with translation.override(with_language):
        return str(topics_kind().label), hubs.kind_slug(topics_kind())


def text_of(response):
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", main)))


def topic(forum, title, **fields):
    return TopicFactory(forum=forum, title=title, opening__body=OPENING, **fields)


def restrict(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name=f"Leden {page.pk}"))


def test_a_topic_is_on_the_hubs_of_its_categorys_theme_and_audience(client, hubs_page, forum, tagged_category):
    thread = topic(forum, "Ervaringsdeskundigen werven", category=tagged_category)
    label, slug = section()

    response = client.get("/themas/werving/")
    assert response.status_code == 200
    text = text_of(response)
    assert f"{label} (1)" in text
    assert "Ervaringsdeskundigen werven" in text
    # The card's summary: the opening post as plain text.
    assert "Hoe betrekken jullie ervaringsdeskundigen bij de werving" in text
    assert "<strong>ervaringsdeskundigen" not in response.content.decode()
    assert f'href="{thread.get_url()}"' in response.content.decode()
    assert thread.get_url().startswith(forum.url + "onderwerp/")

    assert "Ervaringsdeskundigen werven" in text_of(client.get("/themas/doelgroep/gemeenten/"))
    assert "Ervaringsdeskundigen werven" not in text_of(client.get("/themas/inclusie/"))
    # The section's full list, and the number on the hubs page.
    assert "Ervaringsdeskundigen werven" in text_of(client.get(f"/themas/werving/{slug}/"))
    overview = hubs.overview()
    assert {row["term"]["slug"]: row["count"] for row in overview["themes"]} == {"werving": 1, "inclusie": 0}
    assert overview["audiences"][0]["count"] == 1


def test_a_category_without_terms_has_those_of_its_forum(client, hubs_page, forum, category, terms):
    forum.themes.set([terms["inclusie"]])
    forum.save_revision().publish()
    other = forum.categories.get(slug="vragen")
    other.themes.set([terms["werving"]])
    other.save()
    topic(forum, "Zonder eigen thema", category=category)
    topic(forum, "Met eigen thema", category=other)

    text = text_of(client.get("/themas/inclusie/"))
    assert "Zonder eigen thema" in text
    assert "Met eigen thema" not in text  # its category's themes come first
    assert "Met eigen thema" in text_of(client.get("/themas/werving/"))
    inclusie = next(row for row in hubs.overview()["themes"] if row["term"]["slug"] == "inclusie")
    assert inclusie["count"] == 1


def test_newest_activity_first(client, hubs_page, forum, tagged_category):
    now = timezone.now()
    for days, title in ((5, "Oud onderwerp"), (1, "Recent onderwerp"), (3, "Middel onderwerp")):
        topic(forum, title, category=tagged_category, last_post_at=now - datetime.timedelta(days=days))
    text = text_of(client.get("/themas/werving/"))
    assert text.index("Recent onderwerp") < text.index("Middel onderwerp") < text.index("Oud onderwerp")


@pytest.fixture
def unreadable_topics(network, forum, tagged_category, terms, story):
    """Topics in the tagged category that no one may read on a public page, and a reactions thread on a page with
    the same theme."""
    topic(forum, "Verborgen onderwerp", category=tagged_category, status=PostStatus.HIDDEN)
    topic(forum, "Wachtend onderwerp", category=tagged_category, status=PostStatus.PENDING)
    hidden_opening = topic(forum, "Opening verborgen", category=tagged_category)
    hidden_opening.posts.update(status=PostStatus.HIDDEN)
    blocked = MemberFactory(username="geblokkeerd")
    blocked.profile.blocked_at = timezone.now()
    blocked.profile.save()
    topic(forum, "Van een geblokkeerd lid", category=tagged_category, author=blocked)

    def tagged_forum(slug):
        other = ForumPageFactory(parent=NetworkPageFactory(parent=network.get_parent(), slug=slug))
        other_category = other.categories.first()
        other_category.themes.set([terms["werving"]])
        other_category.save()
        return other, other_category

    draft, draft_category = tagged_forum("concept-netwerk")
    topic(draft, "In een niet gepubliceerd forum", category=draft_category)
    draft.unpublish()
    closed, closed_category = tagged_forum("besloten-netwerk")
    topic(closed, "In een besloten forum", category=closed_category)
    restrict(closed)

    story.themes.set([terms["werving"]])
    story.save_revision().publish()
    add_reactions(story, 2, text="Reactie op het verhaal")
    return ["Verborgen onderwerp", "Wachtend onderwerp", "Opening verborgen", "Van een geblokkeerd lid"] + [
        "In een niet gepubliceerd forum",
        "In een besloten forum",
        "Reactie op het verhaal",
    ]


def test_what_no_one_may_read_is_on_no_hub_and_in_no_feed(client, hubs_page, forum, tagged_category, unreadable_topics):
    topic(forum, "Open onderwerp", category=tagged_category)
    label, slug = section()
    pages = [
        text_of(client.get("/themas/werving/")),
        text_of(client.get(f"/themas/werving/{slug}/")),
        text_of(client.get("/themas/doelgroep/gemeenten/")),
    ]
    feeds = [
        client.get(reverse(name, args=[arg])).content.decode()
        for name, arg in (("feed_theme", "werving"), ("feed_audience", "gemeenten"), ("feed_kind", "topics"))
    ]
    assert f"{label} (1)" in pages[0]
    for content in pages + feeds:
        assert "Open onderwerp" in content
        for title in unreadable_topics:
            assert title not in content, title
    assert [thread.title for thread in topics_kind().public()] == ["Open onderwerp"]
    werving = next(row for row in hubs.overview()["themes"] if row["term"]["slug"] == "werving")
    assert werving["count"] == 2  # the open topic and the story (whose reactions are no topic)


def test_the_theme_and_audience_feeds_have_topics_the_newest_feed_does_not(client, hubs_page, forum, tagged_category):
    thread = topic(forum, "Ervaringsdeskundigen werven", category=tagged_category)
    feed = client.get(reverse("feed_theme", args=["werving"])).content.decode()
    assert "<title>Ervaringsdeskundigen werven</title>" in feed
    assert f"{thread.get_url()}</link>" in feed
    assert "<category>Werving</category>" in feed  # the category's theme
    assert "Hoe betrekken jullie ervaringsdeskundigen" in feed
    assert (
        "Ervaringsdeskundigen werven" in client.get(reverse("feed_audience_atom", args=["gemeenten"])).content.decode()
    )
    # What the programme published: the newest-content feed, the home page's figures, the newsletter.
    assert "Ervaringsdeskundigen werven" not in client.get(reverse("feed_newest")).content.decode()
    assert "topics" not in [kind.key for kind in content_registry.kinds()]
    assert "topics" in [kind.key for kind in content_registry.kinds(include_community=True)]


def test_related_content_of_a_page_on_the_theme_has_the_topic(hubs_page, forum, tagged_category, terms, story):
    thread = topic(forum, "Ervaringsdeskundigen werven", category=tagged_category)
    cards = related.computed_items(story, [terms["werving"].pk], [])
    card = next(card for card in cards if card["kind"] == "topics")
    assert card["title"] == "Ervaringsdeskundigen werven"
    assert card["url"] == thread.get_url()
    assert card["summary"].startswith("Hoe betrekken jullie ervaringsdeskundigen")
    assert not [card for card in related.computed_items(story, [terms["inclusie"].pk], []) if card["kind"] == "topics"]


def measure(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_hub_pages_and_feeds_cost_the_same_at_10_and_100_topics(client, hubs_page, forum, tagged_category):
    _label, slug = section()
    urls = [
        "/themas/",
        "/themas/werving/",
        "/themas/doelgroep/gemeenten/",
        f"/themas/werving/{slug}/",
        f"/themas/werving/{slug}/?page=2",
        reverse("feed_theme", args=["werving"]),
        reverse("feed_kind", args=["topics"]),
    ]
    author = MemberFactory(username="schrijver")

    def grow(n):
        while topics_kind().public().count() < n:
            thread = topic(
                forum, f"Onderwerp {topics_kind().public().count()}", category=tagged_category, author=author
            )
            PostFactory(thread=thread, author=author)

    grow(30)  # a second page of the section at both sizes
    for url in urls:
        measure(client, url)  # per-process caches (content types, site root paths) outside the measurement
    at_30 = {url: measure(client, url) for url in urls}
    grow(100)
    assert {url: measure(client, url) for url in urls} == at_30


def test_editors_choose_a_categorys_themes_and_audiences_in_the_forum_editor(client, forum, terms):
    client.force_login(UserFactory(username="redactie", is_superuser=True, is_staff=True))
    url = f"/admin/pages/{forum.pk}/edit/"
    assert 'name="categories-0-themes"' in client.get(url).content.decode()
    categories = list(forum.categories.order_by("sort_order"))
    data = nested_form_data(
        {
            "title": forum.title,
            "slug": forum.slug,
            "introduction": rich_text(""),
            "categories": inline_formset(
                [{"id": c.pk, "name": c.name, "slug": c.slug, "description": ""} for c in categories], initial=2, min=1
            ),
            "related_pins": inline_formset([]),
            "action-publish": "publish",
        }
    )
    # Checkboxes post one value per ticked box (nested_form_data would number them).
    data["categories-1-themes"] = [terms["werving"].pk, terms["inclusie"].pk]
    data["categories-1-audiences"] = [terms["gemeenten"].pk]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = ForumCategory.objects.get(pk=categories[1].pk)
    assert {theme.slug for theme in saved.themes.all()} == {"werving", "inclusie"}
    assert [audience.slug for audience in saved.audiences.all()] == ["gemeenten"]
    assert not ForumCategory.objects.get(pk=categories[0].pk).themes.exists()


def test_the_topics_kind_keeps_the_registrys_promises(forum, tagged_category, terms):
    thread = topic(forum, "Ervaringsdeskundigen werven", category=tagged_category)
    kind = topics_kind()
    item = kind.with_terms(kind.listing(kind.public())).get()
    assert content_registry.kind_for(item) is kind
    assert item.get_url() == thread.get_url()
    assert kind.date_of(item) == thread.last_post_at
    assert kind.terms_of(item, "themes") == [terms["werving"]]
    assert kind.terms_of(item, "audiences") == [terms["gemeenten"]]
    assert content_registry.summary_of(item, 4) == "Hoe betrekken jullie ervaringsdeskundigen…"
    with translation.override("en"):
        assert (str(kind.label), str(kind.singular)) == ("Forum topics", "Forum topic")
