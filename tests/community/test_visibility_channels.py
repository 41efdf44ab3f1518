"""Hidden, pending and blocked content never appears in pages, feeds, search, the API, notifications or digests.

Each test builds the same small forum through the real services (community.posting, community.moderation): a
visible control topic by Anna, and then, for one of three cases, a topic, a reply in Anna's topic and a reaction on
a story, all mentioning one bird that only they mention:

* ``hidden``: written by a trusted member, then hidden by a moderator;
* ``pending``: a new member's first posts, waiting for approval;
* ``blocked``: written by a trusted member, who is then blocked.

Followers of the forum (at once) and of the category (daily digest) were told about what was visible at the
time. Then every channel is read as a visitor, the follower or a mail reader would: the bird is nowhere, while
the control text is there (so no check passes because a page is empty).
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from community import digests, moderation, notifications, posting
from community.factories import MemberFactory
from community.feeds import forum_feed_url
from community.models import Follow, FollowFrequency, Notification, PostStatus
from stories.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

CASES = ("hidden", "pending", "blocked")
BIRD = {"hidden": "kwartelkoning", "pending": "roerdomp", "blocked": "woudaap"}
CONTROL = "ijsvogel"


@pytest.fixture
def story(home_page):
    index = StoryIndexPageFactory(parent=home_page)
    return StoryPageFactory(parent=index, title="Het verhaal van Fatima", slug="fatima")


@pytest.fixture
def followers(forum, category):
    instant = MemberFactory(username="volger_direct")
    daily = MemberFactory(username="volger_dagelijks")
    Follow.objects.create(user=instant, forum=forum, frequency=FollowFrequency.INSTANT)
    Follow.objects.create(user=daily, category=category, frequency=FollowFrequency.DAILY)
    return instant, daily


@pytest.fixture
def world(
    request,
    forum,
    category,
    member,
    new_member,
    moderator,
    story,
    followers,
    no_posting_limits,
    django_capture_on_commit_callbacks,
):
    """Builds the forum for one case (``request.param``) with after-commit work (search index, mails) done."""
    case = request.param
    bird = BIRD[case]
    global_moderator = MemberFactory(username="beheer_moderator", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        control = posting.create_topic(
            user=member,
            forum=forum,
            category=category,
            title=f"Over de {CONTROL}",
            body=f"De {CONTROL} vist langs de beek.",
        ).thread
        posting.create_reaction(user=member, target=story, body=f"Mooi verhaal over de {CONTROL}.")
        author = new_member if case == "pending" else MemberFactory(username=f"schrijver_{case}")
        posts = [
            posting.create_topic(
                user=author, forum=forum, category=category, title=f"Over de {bird}", body=f"De {bird} roept."
            ),
            posting.create_reply(user=author, thread=control, body=f"Ik hoorde gisteren een {bird}."),
            posting.create_reaction(user=author, target=story, body=f"Dit deed me denken aan de {bird}."),
        ]
        if case == "pending":
            assert all(post.status == PostStatus.PENDING for post in posts)
        else:
            assert all(post.status == PostStatus.VISIBLE for post in posts)
        if case == "hidden":
            for post in posts:
                moderation.hide(post, global_moderator, reason="Hoort hier niet.")
        if case == "blocked":
            moderation.block(author, global_moderator, reason="Herhaaldelijk ongepast.")
    return {
        "case": case,
        "bird": bird,
        "forum": forum,
        "category": category,
        "control": control,
        "topic": posts[0].thread,
        "story": story,
        "followers": followers,
    }


def parametrize_cases():
    return pytest.mark.parametrize("world", CASES, indirect=True)


def assert_absent(html, world, where):
    assert world["bird"] not in html, f"{world['case']} content shows on {where}"


@parametrize_cases()
def test_pages(client, world):
    pages = {
        "forum index": world["forum"].url,
        "category page": world["category"].get_url(),
        "topic page": world["control"].get_absolute_url(),
        "story with reactions": world["story"].url,
        "network page (latest topics)": world["forum"].get_parent().url,
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        html = response.content.decode()
        assert_absent(html, world, where)
        assert CONTROL in html, f"the control text is missing on {where}"
    response = client.get(world["topic"].get_absolute_url())
    assert response.status_code == 404 or world["bird"] not in response.content.decode()


@parametrize_cases()
def test_feed(client, world):
    response = client.get(forum_feed_url(world["forum"]))
    assert response.status_code == 200
    xml = response.content.decode()
    assert_absent(xml, world, "the feed")
    assert CONTROL in xml


@parametrize_cases()
def test_search_page(client, world):
    response = client.get("/zoeken/", {"q": world["bird"]})
    assert response.status_code == 200
    assert list(response.context["results"]) == []
    html = response.content.decode()  # the words searched for are repeated on the page: look for what was written
    for written in (f"Over de {world['bird']}", f"De {world['bird']} roept", f"een {world['bird']}"):
        assert written not in html, f"{world['case']} content shows on the search page"
    titles = [result["title"] for result in client.get("/zoeken/", {"q": CONTROL}).context["results"]]
    assert titles == [f"Over de {CONTROL}"]


@parametrize_cases()
def test_search_api(client, world):
    data = client.get("/api/v1/search", {"q": world["bird"]}).json()
    assert data["total"] == 0
    assert data["results"] == []
    suggestions = client.get("/api/v1/search/suggestions", {"q": world["bird"][:5]}).json()
    assert suggestions == []
    data = client.get("/api/v1/search", {"q": CONTROL}).json()
    assert [result["title"] for result in data["results"]] == [f"Over de {CONTROL}"]


@parametrize_cases()
def test_notifications(client, world):
    instant, _daily = world["followers"]
    shown = notifications.for_member(instant)
    assert all(world["bird"] not in (n.post.body if n.post_id else "") for n in shown)
    assert any(CONTROL in n.post.body for n in shown if n.post_id)
    client.force_login(instant)
    response = client.get("/account/meldingen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert_absent(html, world, "Mijn meldingen")
    assert CONTROL in html
    if world["case"] == "pending":
        assert not Notification.objects.filter(post__body__contains=world["bird"]).exists()


@parametrize_cases()
def test_digests(world, django_capture_on_commit_callbacks):
    _instant, daily = world["followers"]
    mail.outbox.clear()
    tomorrow = timezone.now() + datetime.timedelta(days=1, hours=digests.digest_hour())
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digests(now=tomorrow)
    sent = [message for message in mail.outbox if daily.email in message.to]
    assert sent, "the daily follower gets a digest with the control topic"
    for message in sent:
        bodies = [message.body, *(content for content, _type in getattr(message, "alternatives", []))]
        for body in bodies:
            assert_absent(body, world, "the digest")
        assert CONTROL in message.body
