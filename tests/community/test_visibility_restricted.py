"""Posts in a view-restricted forum, or reactions on a page that is not live and public, do not leak through the
report page, following or notifications; edits and replies follow the thread's state; flat query counts."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from community import posting
from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification, NotificationKind, PostStatus, Thread
from community.visibility import readable_threads, target_is_public, thread_is_readable
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tests.community.reactions_fixtures import (
    add_reactions,
    reactions_thread,
    tip_fixture,  # noqa: F401 (the ``tip`` fixture)
)

TITLE = "Geheime werkgroep begroting"


def restrict(page):
    group = Group.objects.create(name=f"Leden {page.pk}")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)
    return group


@pytest.fixture
def outsider(db):
    return MemberFactory(username="buiten", first_name="Bas")


@pytest.fixture
def restricted(forum, member, outsider):
    """A topic by Anna in the forum, which is then restricted to a group Anna is in (the outsider is not)."""
    topic = TopicFactory(forum=forum, author=member, title=TITLE)
    restrict(forum).user_set.add(member)
    return topic


@pytest.fixture
def story(home_page):
    return StoryPageFactory(parent=StoryIndexPageFactory(parent=home_page), title="Het verhaal", slug="verhaal")


# --- The shared rule ----------------------------------------------------------------------------------------------


def test_readable_threads_follow_the_forum_and_the_target(network, forum, member, restricted, story, tip):
    public_forum = ForumPageFactory(parent=NetworkPageFactory(parent=network.get_parent(), slug="tweede-netwerk"))
    open_topic = TopicFactory(forum=public_forum, author=member)
    add_reactions(story, 1)
    add_reactions(tip, 1)
    story_thread, tip_thread = reactions_thread(story), reactions_thread(tip)
    assert set(readable_threads()) == {open_topic, story_thread, tip_thread}
    assert thread_is_readable(open_topic) and not thread_is_readable(restricted)
    assert thread_is_readable(story_thread) and thread_is_readable(tip_thread)

    story.unpublish()
    restrict(tip.page)
    assert set(readable_threads()) == {open_topic}
    assert not thread_is_readable(Thread.objects.get(pk=story_thread.pk))
    assert not thread_is_readable(tip_thread) and not target_is_public(tip)


# --- 1. Report, follow, notifications -----------------------------------------------------------------------------


def test_report_page_is_404_in_a_restricted_forum(client, restricted, outsider):
    client.force_login(outsider)
    opening = restricted.posts.get()
    response = client.get(reverse("community_report", args=[opening.pk]))
    assert response.status_code == 404
    assert TITLE not in response.content.decode()


def test_report_page_is_404_for_a_reaction_on_an_unpublished_page(client, story, outsider):
    (reaction,) = add_reactions(story, 1)
    client.force_login(outsider)
    assert client.get(reverse("community_report", args=[reaction.pk])).status_code == 200
    story.unpublish()
    assert client.get(reverse("community_report", args=[reaction.pk])).status_code == 404


@pytest.mark.parametrize("target_type", ["thread", "category", "forum"])
def test_following_a_restricted_forum_is_refused_without_its_title(client, restricted, outsider, target_type):
    target_id = {"thread": restricted.pk, "category": restricted.category_id, "forum": restricted.forum_id}
    client.force_login(outsider)
    response = client.post(
        reverse("community_follow"),
        {"target_type": target_type, "target_id": target_id[target_type], "action": "follow"},
        follow=True,
    )
    assert not Follow.objects.filter(user=outsider).exists()
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Dit bestaat niet meer, of je kunt het niet volgen."]
    assert TITLE not in response.content.decode()


def test_a_reply_in_a_restricted_forum_notifies_nobody(client, restricted, member, outsider, no_posting_limits):
    Follow.objects.create(user=outsider, forum=restricted.forum, frequency=FollowFrequency.INSTANT)
    Follow.objects.create(user=outsider, thread=restricted, frequency=FollowFrequency.INSTANT)
    replier = MemberFactory(username="derde")
    restricted.forum.get_view_restrictions().get().groups.get().user_set.add(replier)
    posting.create_reply(user=replier, thread=restricted, body="Een antwoord voor @buiten")
    assert not Notification.objects.exists()

    client.force_login(outsider)
    page = client.get(reverse("community_notifications")).content.decode()
    assert TITLE not in page


def test_notifications_from_before_the_restriction_are_not_shown(client, forum, member, outsider):
    topic = TopicFactory(forum=forum, author=member, title=TITLE)
    reply = PostFactory(thread=topic, author=member, body="Antwoord over de begroting")
    Notification.objects.create(user=outsider, post=reply, thread=topic, kind=NotificationKind.REPLY)
    client.force_login(outsider)
    assert TITLE in client.get(reverse("community_notifications")).content.decode()

    restrict(forum)
    page = client.get(reverse("community_notifications")).content.decode()
    assert TITLE not in page and "Antwoord over de begroting" not in page


def test_reactions_on_a_page_that_is_not_public_notify_nobody(story, member, outsider, no_posting_limits):
    Follow.objects.create(user=outsider, forum=None, thread=reactions_thread(story))
    restrict(story)
    posting.create_reaction(user=member, target=story, body="Mooi verhaal, @buiten")
    assert not Notification.objects.exists()


# --- 4. Reply form and edits -------------------------------------------------------------------------------------


def test_a_pending_topic_shows_its_author_no_reply_form(client, forum, new_member):
    topic = posting.create_topic(
        user=new_member, forum=forum, category=forum.categories.first(), title="Mijn eerste vraag", body="Hallo"
    ).thread
    assert topic.status == PostStatus.PENDING
    client.force_login(new_member)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert response.context["form"] is None


def test_editing_a_post_in_a_hidden_topic_is_404(client, forum, member):
    topic = TopicFactory(forum=forum, author=member)
    opening = topic.posts.get()
    client.force_login(member)
    url = forum.url + forum.reverse_subpage("edit_post", kwargs={"post_id": opening.pk})
    assert client.get(url).status_code == 200
    Thread.objects.filter(pk=topic.pk).update(status=PostStatus.HIDDEN)
    assert client.get(url).status_code == 404


def test_editing_a_reaction_on_a_page_that_is_not_public_is_404(client, story, member):
    (reaction,) = add_reactions(story, 1, author=member)
    client.force_login(member)
    url = reverse("community_reaction_edit", args=[reaction.pk])
    assert client.get(url).status_code == 200
    restrict(story)
    assert client.get(url).status_code == 404


def test_editing_a_reaction_in_a_hidden_thread_is_404(client, story, member):
    (reaction,) = add_reactions(story, 1, author=member)
    Thread.objects.filter(pk=reaction.thread_id).update(status=PostStatus.HIDDEN)
    client.force_login(member)
    assert client.get(reverse("community_reaction_edit", args=[reaction.pk])).status_code == 404


# --- 3. Flat query counts ----------------------------------------------------------------------------------------


def _queries(client, url):
    client.get(url)  # warm the site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_wat_ik_volg_keeps_a_flat_number_of_queries(client, forum, member):
    def follow_topics(count):
        for _ in range(count):
            Follow.objects.create(user=member, thread=TopicFactory(forum=forum))

    client.force_login(member)
    follow_topics(2)
    few, _page = _queries(client, reverse("community_follows"))
    follow_topics(10)
    many, page = _queries(client, reverse("community_follows"))
    assert page.count("Onderwerp ") >= 12
    assert many == few


def test_mijn_meldingen_with_content_pages_keeps_a_flat_number_of_queries(client, story, member):
    index = story.get_parent()

    def new_pages(numbers):
        for number in numbers:
            page = StoryPageFactory(parent=index, title=f"Nieuw verhaal {number}", slug=f"nieuw-{number}")
            Notification.objects.create(user=member, page=page, kind=NotificationKind.CONTENT)

    client.force_login(member)
    new_pages(range(2))
    few, _page = _queries(client, reverse("community_notifications"))
    new_pages(range(2, 12))
    many, page = _queries(client, reverse("community_notifications"))
    assert page.count("Nieuw verhaal ") >= 12
    assert many == few


# --- 2. Replies at the same moment -------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_replies_at_the_same_moment_are_all_counted(home_page, settings):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_DUPLICATE_WINDOW_SECONDS = 0
    forum = ForumPageFactory(parent=NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page)))
    thread = posting.create_topic(
        user=MemberFactory(username="start"), forum=forum, category=forum.categories.first(), title="Start", body="Hoi"
    ).thread
    repliers = [MemberFactory(username=f"snel{number}") for number in range(2)]
    barrier = threading.Barrier(len(repliers))
    results = []

    def reply(user):
        try:
            barrier.wait(timeout=10)
            results.append(posting.create_reply(user=user, thread=thread, body=f"Antwoord van {user.username}"))
        except Exception as error:  # noqa: BLE001 (collected for the assertions)
            results.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=reply, args=(user,)) for user in repliers]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    stored = [result for result in results if not isinstance(result, Exception)]
    if connection.vendor == "postgresql":
        assert len(stored) == 2, results  # the second waits for the first one's lock, then is counted too
    thread.refresh_from_db()
    assert thread.reply_count == len(stored) == thread.posts.filter(is_opening=False).count()
    assert thread.last_post_at == thread.posts.order_by("-created_at").first().created_at
