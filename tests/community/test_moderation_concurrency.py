"""Concurrency (PostgreSQL): the third report arriving twice at once, and two moderators acting on the same report
at once, leave one consistent state and a sensible log.

Each request runs in its own thread with its own database connection. Every lock taken by community.moderation is
held a little longer here (``slow_locks``), so the second request really arrives while the first holds the row:
without the row lock both would see the post as it was and hide it (or log) twice.
"""

import threading
import time

import pytest
from django.db import connection, connections

from community import moderation
from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import HiddenReason, ModerationAction, Post, PostStatus, Report, ReportReason
from community.models.moderation import REPORTS_TO_HIDE
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only (SQLite serialises)"),
    pytest.mark.django_db(transaction=True),
]

Action = ModerationAction.Action
HOLD_SECONDS = 0.3


@pytest.fixture
def slow_locks(monkeypatch):
    """Keep every post lock a moment longer, so the other thread's request waits for it."""
    original = moderation._lock_post

    def lock_and_hold(post):
        locked = original(post)
        time.sleep(HOLD_SECONDS)
        return locked

    monkeypatch.setattr(moderation, "_lock_post", lock_and_hold)


@pytest.fixture
def forum(home_page):
    network = NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page))
    return ForumPageFactory(parent=network)


@pytest.fixture
def topic(forum):
    return TopicFactory(forum=forum)


def at_once(*calls):
    """Run the calls in threads started together; returns their results (or the exceptions they raised)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 (the test looks at it)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def reporters(count, prefix):
    return [MemberFactory(username=f"{prefix}{number}") for number in range(count)]


def assert_consistent(post):
    post.refresh_from_db()
    assert post.report_count == Report.objects.filter(post=post, resolved_at__isnull=True).count()
    if post.is_opening:
        assert post.thread.__class__.objects.get(pk=post.thread_id).status == post.status


@pytest.mark.parametrize(("existing", "arriving"), [(REPORTS_TO_HIDE - 1, 2), (REPORTS_TO_HIDE - 2, 3)])
def test_the_third_report_arriving_twice_at_once_hides_once(topic, slow_locks, existing, arriving):
    post = PostFactory(thread=topic)
    members = reporters(existing + arriving, f"melder{existing}x")
    for member in members[:existing]:
        moderation.report(post, member, ReportReason.SPAM)

    results = at_once(*[lambda m=m: moderation.report(post, m, ReportReason.OFFENSIVE) for m in members[existing:]])

    assert all(isinstance(result, Report) for result in results), results
    post.refresh_from_db()
    assert post.status == PostStatus.HIDDEN and post.hidden_reason == HiddenReason.REPORTS
    assert Report.objects.filter(post=post).count() == existing + arriving
    assert ModerationAction.objects.filter(post=post, action=Action.AUTO_HIDE).count() == 1
    assert_consistent(post)


def test_the_same_member_reporting_twice_at_once_counts_once(topic, slow_locks):
    post = PostFactory(thread=topic)
    member = MemberFactory(username="dubbelmelder")
    results = at_once(*[lambda: moderation.report(post, member, ReportReason.SPAM)] * 2)
    assert sorted(type(result).__name__ for result in results) == ["AlreadyReported", "Report"]
    assert Report.objects.filter(post=post).count() == 1
    assert_consistent(post)


def test_an_opening_post_reported_at_once_hides_its_topic_once(topic, slow_locks):
    opening = topic.posts.get(is_opening=True)
    members = reporters(REPORTS_TO_HIDE + 1, "openingsmelder")
    moderation.report(opening, members[0], ReportReason.SPAM)
    at_once(*[lambda m=m: moderation.report(opening, m, ReportReason.SPAM) for m in members[1:]])
    topic.refresh_from_db()
    assert topic.status == PostStatus.HIDDEN
    assert ModerationAction.objects.filter(action=Action.AUTO_HIDE).count() == 1
    assert_consistent(opening)


@pytest.fixture
def two_moderators(forum):
    first = MemberFactory(username="moderator1")
    second = MemberFactory(username="moderator2")
    for user in (first, second):
        user.groups.add(forum.moderators)
    return first, second


def auto_hidden(topic, prefix):
    post = PostFactory(thread=topic)
    for member in reporters(REPORTS_TO_HIDE, prefix):
        moderation.report(post, member, ReportReason.SPAM)
    post.refresh_from_db()
    assert post.hidden_reason == HiddenReason.REPORTS
    return post


@pytest.mark.parametrize("action", ["hide", "dismiss", "restore"])
def test_two_moderators_doing_the_same_at_once_act_once(topic, two_moderators, slow_locks, action):
    post = auto_hidden(topic, f"{action}melder")
    function = getattr(moderation, action)
    results = at_once(*[lambda user=user: function(post, user, "Tegelijk") for user in two_moderators])

    done = [result for result in results if isinstance(result, ModerationAction)]
    assert len(done) == 1 and results.count(None) == 1, results
    post.refresh_from_db()
    expected = {
        "hide": (PostStatus.HIDDEN, HiddenReason.MODERATOR),
        "dismiss": (PostStatus.VISIBLE, ""),
        "restore": (PostStatus.VISIBLE, ""),
    }[action]
    assert (post.status, post.hidden_reason) == expected
    assert ModerationAction.objects.filter(post=post).exclude(action=Action.AUTO_HIDE).count() == 1
    assert not Report.objects.filter(post=post, resolved_at__isnull=True).exists()
    assert_consistent(post)


def test_hide_and_dismiss_of_one_report_at_once_end_consistent(topic, two_moderators, slow_locks):
    post = auto_hidden(topic, "tegenstrijdig")
    first, second = two_moderators
    results = at_once(lambda: moderation.hide(post, first, "Spam"), lambda: moderation.dismiss(post, second, "Geen"))
    assert not any(isinstance(result, Exception) for result in results), results
    post.refresh_from_db()
    log = list(ModerationAction.objects.filter(post=post).order_by("pk").values_list("action", flat=True))
    # Whichever came second saw what the first did: hide then dismiss (nothing left to dismiss), or dismiss
    # (shown again) then hide. Either way the post ends hidden by a moderator and the log tells the story.
    assert log in ([Action.AUTO_HIDE, Action.HIDE], [Action.AUTO_HIDE, Action.DISMISS, Action.HIDE])
    assert (post.status, post.hidden_reason) == (PostStatus.HIDDEN, HiddenReason.MODERATOR)
    assert_consistent(post)


def test_two_moderators_approving_at_once_publish_once(forum, two_moderators, slow_locks, monkeypatch):
    published = []
    monkeypatch.setattr("community.notifications.post_published", lambda post: published.append(post.pk))
    newcomer = MemberFactory(username="nieuweling", new=True)
    topic = TopicFactory(forum=forum, author=newcomer, status=PostStatus.PENDING)
    opening = topic.posts.get()
    results = at_once(*[lambda user=user: moderation.approve(opening, user) for user in two_moderators])
    assert results.count(None) == 1
    assert published == [opening.pk]
    assert Post.objects.visible().filter(pk=opening.pk).exists()
    assert ModerationAction.objects.filter(action=Action.APPROVE).count() == 1
    assert_consistent(opening)


def test_blocking_twice_at_once_blocks_once(topic, forum):
    member = topic.author
    PostFactory(thread=topic, author=member)
    admins = [MemberFactory(username=f"beheer{number}", is_superuser=True) for number in range(2)]
    results = at_once(*[lambda admin=admin: moderation.block(member, admin, "Spam") for admin in admins])
    assert results.count(None) == 1, results
    assert ModerationAction.objects.filter(action=Action.BLOCK).count() == 1
    assert not Post.objects.visible().filter(author=member).exists()
