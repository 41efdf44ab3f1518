"""The forum's pages as visitors and members read them: index, category, topic, pagination, anchors, unread marks."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community import links
from community.factories import ForumPageFactory, TopicFactory
from community.models import ForumPage, PostStatus, ReadMarker
from tests.community.forum_helpers import html, topic_with_replies


def test_the_forum_index_shows_categories_with_counts_and_the_newest_topics_pinned_first(client, forum, member):
    old = TopicFactory(forum=forum, title="Toegankelijk stemmen", author=member)
    questions = forum.categories.get(slug="vragen")
    pinned = TopicFactory(forum=forum, title="Lees dit eerst", is_pinned=True, category=questions)
    TopicFactory(forum=forum, title="Verborgen onderwerp", status=PostStatus.HIDDEN)
    response = client.get(forum.url)
    assert response.status_code == 200
    page = html(response)
    assert page.count("<h1") == 1
    assert "Algemeen" in page and "Vragen" in page
    assert "1 onderwerp" in page
    assert "Verborgen onderwerp" not in page
    assert page.index("Lees dit eerst") < page.index("Toegankelijk stemmen")
    assert links.thread_url(pinned) in page and links.thread_url(old) in page
    assert "Start een onderwerp" in page


def test_a_category_lists_its_topics_pinned_first_then_by_last_activity(client, forum, category, member):
    now = timezone.now()
    days = datetime.timedelta(days=1)
    TopicFactory(forum=forum, title="Oud onderwerp", last_post_at=now - datetime.timedelta(days=3))
    TopicFactory(forum=forum, title="Nieuw onderwerp", last_post_at=now - datetime.timedelta(hours=1))
    TopicFactory(forum=forum, title="Vastgezet onderwerp", is_pinned=True, last_post_at=now - 9 * days)
    TopicFactory(forum=forum, title="In een andere categorie", category=forum.categories.get(slug="vragen"))
    page = html(client.get(category.url))
    titles = re.findall(r'class="topic-list__title">\s*<a href="[^"]+">([^<]+)</a>', page)
    assert titles == ["Vastgezet onderwerp", "Nieuw onderwerp", "Oud onderwerp"]
    assert "vastgezet" in page


def test_category_lists_show_reply_counts_and_who_was_last(client, forum, category):
    topic = topic_with_replies(forum, 2)
    last = topic.posts.order_by("-created_at").first()
    last.author.profile.display_name = "Bea de Vries"
    last.author.profile.save()
    page = html(client.get(category.url))
    assert "2 reacties" in page
    assert "door Bea de Vries" in page


def test_category_pages_have_25_topics_each_with_pagina_links(client, forum, category):
    for number in range(27):
        TopicFactory(forum=forum, title=f"Onderwerp {number:02d}")
    first = html(client.get(category.url))
    assert first.count('class="topic-list__item') == 25
    assert "?pagina=2" in first
    second = client.get(category.url, {"pagina": 2})
    assert html(second).count('class="topic-list__item') == 2


def test_an_unknown_category_is_not_found(client, forum):
    assert client.get(f"{forum.url}bestaat-niet/").status_code == 404


def test_topic_pages_show_20_posts_with_stable_anchors(client, forum):
    topic = topic_with_replies(forum, 25)
    url = links.thread_url(topic)
    first = html(client.get(url))
    assert first.count('<article class="post') == 20
    assert first.count("<h1") == 1
    later = topic.posts.order_by("created_at", "pk")[22]
    post_url = links.post_url(later)
    assert post_url == f"{url}?pagina=2#reactie-{later.pk}"
    second = html(client.get(post_url.split("#")[0]))
    assert f'id="reactie-{later.pk}"' in second
    assert second.count('<article class="post') == 6
    early = topic.posts.order_by("created_at", "pk")[3]
    assert links.post_url(early) == f"{url}#reactie-{early.pk}"
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT', first)


def test_a_wrong_or_missing_slug_redirects_permanently_to_the_right_one(client, forum):
    topic = TopicFactory(forum=forum, title="Inclusieve speeltuinen")
    right = links.thread_url(topic)
    assert right.endswith(f"/onderwerp/{topic.pk}-inclusieve-speeltuinen/")
    wrong = client.get(f"{forum.url}onderwerp/{topic.pk}-iets-anders/?pagina=2")
    assert wrong.status_code == 301
    assert wrong["Location"] == f"{right}?pagina=2"
    missing = client.get(f"{forum.url}onderwerp/{topic.pk}/")
    assert (missing.status_code, missing["Location"]) == (301, right)


def test_topics_of_another_forum_are_not_found_here(client, forum, network, home_page):
    from networks.factories import NetworkPageFactory

    other_network = NetworkPageFactory(parent=network.get_parent(), slug="ander-netwerk", title="Ander netwerk")
    other = ForumPageFactory(parent=other_network)
    topic = TopicFactory(forum=other)
    assert client.get(f"{forum.url}onderwerp/{topic.pk}-{topic.slug}/").status_code == 404


def test_locked_and_pinned_topics_are_marked_and_locked_ones_take_no_reply(client, forum, member):
    topic = TopicFactory(forum=forum, is_locked=True, is_pinned=True)
    client.force_login(member)
    page = html(client.get(links.thread_url(topic)))
    assert "gesloten" in page and "vastgezet" in page
    assert "Dit onderwerp is gesloten" in page
    assert "<form" not in page.split('id="reageren"')[1]


def test_visitors_get_a_login_link_instead_of_the_reply_form(client, forum):
    topic = TopicFactory(forum=forum)
    page = html(client.get(links.thread_url(topic)))
    assert "Log in om te reageren" in page
    assert "csrfmiddlewaretoken" not in page


def test_unread_markers_for_members(client, forum, member):
    now = timezone.now()
    member.date_joined = now - datetime.timedelta(days=10)
    member.save()
    read = TopicFactory(forum=forum, title="Gelezen", last_post_at=now - datetime.timedelta(days=2))
    ReadMarker.objects.create(user=member, thread=read, read_at=now - datetime.timedelta(days=1))
    hour = datetime.timedelta(hours=1)
    newer = TopicFactory(forum=forum, title="Nieuwe reactie sinds bezoek", last_post_at=now - hour)
    ReadMarker.objects.create(user=member, thread=newer, read_at=now - datetime.timedelta(days=1))
    TopicFactory(forum=forum, title="Nooit geopend en nieuw", last_post_at=now - datetime.timedelta(days=1))
    TopicFactory(forum=forum, title="Van voor de aanmelding", last_post_at=now - datetime.timedelta(days=20))
    client.force_login(member)
    page = html(client.get(forum.categories.get(slug="algemeen").url))
    marked = set(re.findall(r'<a href="[^"]+">([^<]+)</a>\s*<span class="forum-mark forum-mark--new">', page))
    assert marked == {"Nieuwe reactie sinds bezoek", "Nooit geopend en nieuw"}
    # Visitors see no markers.
    client.logout()
    assert "forum-mark--new" not in html(client.get(forum.categories.get(slug="algemeen").url))


def test_opening_a_topic_marks_it_read(client, forum, member):
    topic = topic_with_replies(forum, 3)
    client.force_login(member)
    category_url = topic.category.url
    assert "forum-mark--new" in html(client.get(category_url))
    client.get(links.thread_url(topic))
    marker = ReadMarker.objects.get(user=member, thread=topic)
    assert marker.read_at == topic.last_post_at
    assert "forum-mark--new" not in html(client.get(category_url))
    with CaptureQueriesContext(connection) as again:
        client.get(links.thread_url(topic))
    assert not [query for query in again.captured_queries if query["sql"].startswith(("UPDATE", "INSERT", "SAVEPOINT"))]


def test_the_network_page_shows_the_latest_topics_and_a_link_to_the_forum(client, network, forum):
    now = timezone.now()
    minute = datetime.timedelta(minutes=1)
    for number in range(7):
        TopicFactory(forum=forum, title=f"Netwerkonderwerp {number}", last_post_at=now + number * minute)
    TopicFactory(forum=forum, title="Wacht nog", status=PostStatus.PENDING, last_post_at=now + 60 * minute)
    page = html(client.get(network.url))
    assert "Nieuw op het forum" in page
    assert page.count("Netwerkonderwerp") == 5
    assert "Netwerkonderwerp 6" in page and "Netwerkonderwerp 1" not in page
    assert "Wacht nog" not in page
    assert f'href="{forum.url}"' in page


def test_a_new_forum_gets_its_own_moderators_group(network):
    forum = ForumPage(title="Forum", slug="forum")
    network.add_child(instance=forum)
    assert forum.moderators.name == f"Moderatoren {network.title}"
    assert Group.objects.filter(name=f"Moderatoren {network.title}").count() == 1


def test_one_forum_per_network(network, forum):
    assert not ForumPage.can_create_at(network)


@pytest.mark.parametrize("slug", ["nieuw", "onderwerp", "bericht"])
def test_category_slugs_cannot_hide_a_route(forum, slug):
    from django.core.exceptions import ValidationError

    from community.models import ForumCategory

    with pytest.raises(ValidationError):
        ForumCategory(forum=forum, name="X", slug=slug).clean()


@pytest.mark.parametrize(
    "query",
    [
        {"pagina": "\x00"},
        {"pagina": "9" * 40},
        {"pagina": "-1"},
        {"citeer": "9" * 40},
        {"citeer": "²"},
        {"citeer": "\x00<script>"},
        {"categorie": "\x00"},
    ],
)
def test_hostile_query_parameters_get_a_normal_page(client, forum, member, query):
    topic = topic_with_replies(forum, 2)
    client.force_login(member)
    for url in (links.thread_url(topic), topic.category.url, f"{forum.url}nieuw/"):
        response = client.get(url, query)
        assert response.status_code == 200, (url, query)
        assert "<script>" not in html(response).split("<main")[1]


def test_huge_or_unknown_ids_are_not_found(client, forum, member):
    client.force_login(member)
    huge = "9" * 30
    assert client.get(f"{forum.url}onderwerp/{huge}-x/").status_code == 404
    assert client.get(f"{forum.url}onderwerp/12345-x/").status_code == 404
    assert client.get(f"{forum.url}bericht/{huge}/bewerken/").status_code == 404
    assert client.get(f"{forum.url}bericht/12345/bewerken/").status_code == 404


def test_links_of_a_reactions_thread_point_to_its_page(network, member):
    from django.contrib.contenttypes.models import ContentType

    from community.factories import PostFactory, ThreadFactory
    from community.models import ThreadKind

    thread = ThreadFactory(
        kind=ThreadKind.REACTIONS,
        forum=None,
        category=None,
        title="",
        target_type=ContentType.objects.get_for_model(network, for_concrete_model=False),
        target_id=network.pk,
    )
    reaction = PostFactory(thread=thread, author=member)
    assert links.thread_url(thread) == f"{network.url}#reacties"
    assert links.post_url(reaction) == f"{network.url}#reactie-{reaction.pk}"
    assert thread.get_absolute_url() == links.thread_url(thread)
