"""Moderation in the Wagtail admin: the queue, the post screen and its actions, the log, the members, the menu."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from community import moderation
from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import HiddenReason, ModerationAction, PostStatus, Report, ReportReason, Thread, ThreadKind
from community.models.moderation import REPORTS_TO_HIDE

QUEUE = reverse("community_moderation_queue")
LOG = reverse("community_moderation_log")
MEMBERS = reverse("community_moderation_members")


def post_action(post):
    return reverse("community_moderation_post_action", args=[post.pk])


def text(response):
    return response.content.decode()


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Toegankelijke vergaderingen")


@pytest.fixture
def other_forum(network):
    return ForumPageFactory(parent=network.get_parent(), slug="ander-forum", title="Ander forum")


@pytest.fixture
def other_moderator(other_forum):
    user = MemberFactory(username="andermod")
    user.groups.add(other_forum.moderators)
    return user


@pytest.fixture
def superuser(db):
    return MemberFactory(username="beheerder1", is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db):
    """Has the admin, moderates nothing."""
    user = MemberFactory(username="redacteur1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def reported(post, count, prefix="melder"):
    for number in range(count):
        moderation.report(
            post, MemberFactory(username=f"{prefix}{post.pk}x{number}"), ReportReason.SPAM, f"Uitleg {number}"
        )
    post.refresh_from_db()
    return post


def queue_items(forum, count):
    """`count` posts that wait: a third pending, a third with one report, a third hidden after reports."""
    topic = TopicFactory(forum=forum)
    for number in range(count):
        kind = number % 3
        if kind == 0:
            PostFactory(thread=topic, status=PostStatus.PENDING, author=MemberFactory(new=True))
        elif kind == 1:
            reported(PostFactory(thread=topic), 1)
        else:
            reported(PostFactory(thread=topic), REPORTS_TO_HIDE)


# --- Access ------------------------------------------------------------------------------------------------


def test_the_queue_is_for_moderators(client, forum, moderator, editor, member, superuser):
    assert client.get(QUEUE).status_code == 302  # to the login
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403
    assert client.get(LOG).status_code == 403
    assert client.get(MEMBERS).status_code == 403
    client.force_login(moderator)
    assert client.get(QUEUE).status_code == 200
    client.force_login(superuser)
    assert client.get(QUEUE).status_code == 200


def test_the_menu_shows_moderation_to_moderators_only(client, forum, moderator, editor):
    client.force_login(moderator)
    assert "Moderatie" in text(client.get(reverse("wagtailadmin_home")))
    client.force_login(editor)
    assert "Moderatie" not in text(client.get(reverse("wagtailadmin_home")))


# --- The queue ---------------------------------------------------------------------------------------------


def test_the_queue_shows_what_waits_with_reports_and_reasons(client, forum, topic, moderator, new_member):
    pending = PostFactory(thread=topic, author=new_member, status=PostStatus.PENDING, body="Mijn eerste bericht")
    reported_once = reported(PostFactory(thread=topic, body="Koop nu goedkope horloges"), 1)
    auto_hidden = reported(PostFactory(thread=topic, body="Scheldpartij"), REPORTS_TO_HIDE)
    quiet = PostFactory(thread=topic, body="Gewoon een goed antwoord")
    client.force_login(moderator)
    page = text(client.get(QUEUE))
    for post in (pending, reported_once, auto_hidden):
        assert f'id="post-{post.pk}"' in page
    assert f'id="post-{quiet.pk}"' not in page
    assert "Mijn eerste bericht" in page and "Koop nu goedkope horloges" in page
    assert "Spam of reclame" in page and "Uitleg 0" in page
    assert "Wacht op goedkeuring" in page and "Gemeld door meerdere leden, wacht op beoordeling" in page
    assert page.index(f'id="post-{auto_hidden.pk}"') < page.index(f'id="post-{pending.pk}"')  # newest first
    assert reverse("community_moderation_view_post", args=[pending.pk]) in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'value="approve"' in page and 'value="hide"' in page and 'value="dismiss"' in page

    page = text(client.get(QUEUE, {"show": "pending"}))
    assert f'id="post-{pending.pk}"' in page and f'id="post-{auto_hidden.pk}"' not in page


def test_the_queue_shows_only_the_forums_you_moderate(client, forum, topic, other_forum, other_moderator, superuser):
    mine = reported(PostFactory(thread=topic), 1)
    elsewhere = reported(PostFactory(thread=TopicFactory(forum=other_forum)), 1)
    client.force_login(other_moderator)
    page = text(client.get(QUEUE))
    assert f'id="post-{elsewhere.pk}"' in page and f'id="post-{mine.pk}"' not in page
    client.force_login(superuser)
    page = text(client.get(QUEUE))
    assert f'id="post-{elsewhere.pk}"' in page and f'id="post-{mine.pk}"' in page


def test_the_queue_shows_reactions_to_global_moderators(client, home_page, member, superuser, moderator):
    thread = Thread.objects.create(
        kind=ThreadKind.REACTIONS, target_type=ContentType.objects.get_for_model(home_page), target_id=home_page.pk
    )
    reaction = reported(PostFactory(thread=thread, author=member), 1)
    client.force_login(superuser)
    page = text(client.get(QUEUE))
    assert f'id="post-{reaction.pk}"' in page and "Reactie op" in page
    client.force_login(moderator)
    assert f'id="post-{reaction.pk}"' not in text(client.get(QUEUE))


def test_the_queue_keeps_a_flat_number_of_queries(client, forum, moderator, django_assert_max_num_queries):
    client.force_login(moderator)
    queue_items(forum, 3)
    client.get(QUEUE)  # warm up what is cached (content types; the site and menu, read again after each change)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(QUEUE).status_code == 200
    budget = len(small)  # read now: the connection's query log is a bounded deque
    queue_items(forum, 47)
    client.get(QUEUE)
    with django_assert_max_num_queries(budget):
        response = client.get(QUEUE)
    assert text(response).count('class="moderation-item"') == 50


# --- Actions -----------------------------------------------------------------------------------------------


def test_a_moderator_hides_and_restores_from_the_queue(client, topic, moderator):
    post = reported(PostFactory(thread=topic), 1)
    client.force_login(moderator)
    response = client.post(post_action(post), {"action": "hide", "reason": "Reclame", "next": QUEUE})
    assert response.status_code == 302 and response["Location"] == QUEUE
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and post.hidden_reason == HiddenReason.MODERATOR
    entry = ModerationAction.objects.get(action=ModerationAction.Action.HIDE)
    assert entry.moderator == moderator and entry.reason == "Reclame"
    assert "Het bericht is verborgen." in text(client.get(QUEUE))

    # Done twice (a second moderator at the same moment): nothing changes, no second log entry, a warning.
    client.post(post_action(post), {"action": "hide", "reason": "Reclame"})
    assert ModerationAction.objects.filter(action=ModerationAction.Action.HIDE).count() == 1
    page = text(client.get(reverse("community_moderation_post", args=[post.pk])))
    assert "Er is niets veranderd" in page

    client.post(post_action(post), {"action": "restore", "reason": "Bij nader inzien goed"})
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


def test_approve_from_the_queue_publishes_a_first_topic(client, forum, new_member, moderator):
    topic = TopicFactory(forum=forum, author=new_member, status=PostStatus.PENDING)
    opening = topic.posts.get()
    client.force_login(moderator)
    client.post(post_action(opening), {"action": "approve"})
    opening.refresh_from_db()
    topic.refresh_from_db()
    assert opening.status == PostStatus.VISIBLE and topic.status == PostStatus.VISIBLE
    assert f'id="post-{opening.pk}"' not in text(client.get(QUEUE))


def test_actions_are_posts_with_a_csrf_token(topic, moderator):
    from django.test import Client

    post = reported(PostFactory(thread=topic), 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.get(post_action(post)).status_code == 405
    assert client.post(post_action(post), {"action": "hide"}).status_code == 403
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


def test_moderators_of_another_forum_and_members_are_refused(client, topic, other_moderator, member, editor):
    post = reported(PostFactory(thread=topic), 1)
    for user in (other_moderator, editor):
        client.force_login(user)
        assert client.post(post_action(post), {"action": "hide"}).status_code == 403
        assert client.get(reverse("community_moderation_post", args=[post.pk])).status_code == 403
        thread_url = reverse("community_moderation_thread_action", args=[topic.pk])
        assert client.post(thread_url, {"action": "lock"}).status_code == 403
        member_url = reverse("community_moderation_member_action", args=[topic.author.pk])
        assert client.post(member_url, {"action": "block", "reason": "x"}).status_code == 403
    post.refresh_from_db()
    topic.refresh_from_db()
    assert post.status == PostStatus.VISIBLE and not topic.is_locked
    assert not ModerationAction.objects.exclude(action=ModerationAction.Action.AUTO_HIDE).exists()


def test_the_post_screen_edits_locks_pins_and_moves(client, forum, topic, moderator):
    opening = topic.posts.get()
    client.force_login(moderator)
    detail = reverse("community_moderation_post", args=[opening.pk])
    page = text(client.get(detail))
    assert "Tekst bewerken" in page and "Verplaatsen naar categorie" in page and "Sluiten" in page

    client.post(post_action(opening), {"action": "edit", "body": "Nieuwe *tekst*", "reason": "Privacy", "next": detail})
    opening.refresh_from_db()
    assert opening.body == "Nieuwe *tekst*" and "<em>tekst</em>" in opening.body_html

    thread_url = reverse("community_moderation_thread_action", args=[topic.pk])
    client.post(thread_url, {"action": "lock", "next": detail})
    client.post(thread_url, {"action": "pin", "next": detail})
    questions = forum.categories.get(slug="vragen")
    client.post(thread_url, {"action": "move", "category": questions.pk, "next": detail})
    topic.refresh_from_db()
    assert topic.is_locked and topic.is_pinned and topic.category == questions

    elsewhere = ForumPageFactory(parent=forum.get_parent().get_parent(), slug="elders").categories.first()
    client.post(thread_url, {"action": "move", "category": elsewhere.pk})
    topic.refresh_from_db()
    assert topic.category == questions

    log = text(client.get(LOG))
    for label in ("Bewerkt", "Gesloten", "Vastgezet", "Verplaatst", "Algemeen → Vragen", "Privacy"):
        assert label in log
    filtered = text(client.get(LOG, {"action": "pin"}))
    assert "Vastgezet" in filtered and "Algemeen → Vragen" not in filtered


def test_block_and_unblock_from_the_admin(client, forum, topic, member, moderator):
    client.force_login(moderator)
    page = text(client.get(MEMBERS, {"q": "anna"}))
    assert "@anna" in page and 'value="block"' in page
    member_url = reverse("community_moderation_member_action", args=[member.pk])

    client.post(member_url, {"action": "block", "reason": ""})
    member.refresh_from_db()
    assert member.is_active  # a reason is required
    client.post(member_url, {"action": "block", "reason": "Scheldt andere leden uit"})
    member.refresh_from_db()
    assert not member.is_active and member.profile.is_blocked
    topic.refresh_from_db()
    assert topic.status == PostStatus.HIDDEN
    page = text(client.get(MEMBERS))
    assert "Geblokkeerde leden" in page and "Scheldt andere leden uit" in page and 'value="unblock"' in page

    client.post(member_url, {"action": "unblock", "reason": "Afspraken gemaakt"})
    member.refresh_from_db()
    topic.refresh_from_db()
    assert member.is_active and not member.profile.is_blocked and topic.status == PostStatus.VISIBLE
    log = text(client.get(LOG))
    assert "Lid geblokkeerd" in log and "Lid gedeblokkeerd" in log and "Afspraken gemaakt" in log


def test_the_log_shows_who_what_when_and_why(client, topic, moderator, superuser, other_moderator):
    post = reported(PostFactory(thread=topic), REPORTS_TO_HIDE)
    moderation.hide(post, moderator, "Klopt, spam")
    client.force_login(superuser)
    page = text(client.get(LOG))
    assert "het platform (automatisch)" in page and "Verborgen na meldingen" in page
    assert "@moderator" in page and "Klopt, spam" in page
    client.force_login(other_moderator)  # another forum's log is not theirs
    assert "Klopt, spam" not in text(client.get(LOG))


def test_view_on_site_goes_to_the_post(client, topic, moderator):
    post = PostFactory(thread=topic)
    client.force_login(moderator)
    response = client.get(reverse("community_moderation_view_post", args=[post.pk]))
    assert response.status_code == 302 and response["Location"].endswith(f"#reactie-{post.pk}")


# --- With the demo ------------------------------------------------------------------------------------------


@pytest.fixture
def demo_forum(demo):
    from community.models import ForumPage

    forum = ForumPage.objects.first()
    if forum is None:
        pytest.skip("The demo has no forum yet.")
    return forum


def test_the_queue_renders_with_the_demo(client, demo_forum):
    moderator = MemberFactory(username="demomoderator")
    moderator.groups.add(demo_forum.moderators)
    superuser = MemberFactory(username="demobeheer", is_superuser=True)
    topic = TopicFactory(forum=demo_forum)
    reported(PostFactory(thread=topic), REPORTS_TO_HIDE, prefix="demomelder")
    PostFactory(thread=topic, status=PostStatus.PENDING, author=MemberFactory(new=True))
    for user in (moderator, superuser):
        client.force_login(user)
        response = client.get(QUEUE)
        assert response.status_code == 200
        assert text(response).count('class="moderation-item"') >= 2
        assert client.get(LOG).status_code == 200
        assert client.get(MEMBERS, {"q": "demo"}).status_code == 200
    assert Report.objects.exists()
    assert Group.objects.filter(name=moderation.GLOBAL_GROUP_NAME).exists()
