"""Moderation services (community.moderation): reports that hide a post, every moderator action and its log entry,
who may do what, blocking and unblocking a member."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from community import moderation
from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import (
    HiddenReason,
    ModerationAction,
    Post,
    PostStatus,
    Report,
    ReportReason,
    Thread,
    ThreadKind,
)
from community.models.moderation import REPORTS_TO_HIDE

Action = ModerationAction.Action


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Vrijwilligers vinden")


@pytest.fixture
def opening(topic):
    return topic.posts.get(is_opening=True)


@pytest.fixture
def reply(topic):
    return PostFactory(thread=topic, body="Een antwoord met een telefoonnummer 06-12345678.")


@pytest.fixture
def reporters(db):
    return [MemberFactory(username=f"melder{number}") for number in range(REPORTS_TO_HIDE + 1)]


@pytest.fixture
def global_moderator(db):
    user = MemberFactory(username="hoofdmoderator")
    user.groups.add(moderation.ensure_moderators_group())
    return user


@pytest.fixture
def reactions_post(home_page, member):
    thread = Thread.objects.create(
        kind=ThreadKind.REACTIONS, target_type=ContentType.objects.get_for_model(home_page), target_id=home_page.pk
    )
    return PostFactory(thread=thread, author=member, body="Mooi artikel!")


def allauth_login(username, password):
    """Log in through the site's login form (allauth); True when the session holds the user afterwards."""
    client = Client()
    client.post(reverse("account_login"), {"login": username, "password": password})
    return "_auth_user_id" in client.session


def fresh(obj):
    obj.refresh_from_db()
    return obj


# --- Who moderates ------------------------------------------------------------------------------------------


def test_the_moderators_group_exists_with_admin_access(db):
    group = Group.objects.get(name=moderation.GLOBAL_GROUP_NAME)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_report", "view_moderationaction"} <= codenames


def test_forum_moderators_group_gets_admin_access(forum, moderator):
    assert moderator.has_perm("wagtailadmin.access_admin")


def test_who_moderates_what(forum, moderator, global_moderator, member, network):
    other_forum = ForumPageFactory(parent=network.get_parent(), slug="ander-forum")
    admin = MemberFactory(username="beheer1", is_superuser=True)
    assert moderation.is_moderator(moderator, forum)
    assert not moderation.is_moderator(moderator, other_forum)
    assert not moderation.is_moderator(moderator)  # reactions: the global group only
    assert moderation.is_moderator(global_moderator, forum)
    assert moderation.is_moderator(global_moderator, other_forum)
    assert moderation.is_moderator(global_moderator)
    assert moderation.is_moderator(admin) and moderation.is_moderator(admin, forum)
    assert not moderation.is_moderator(member, forum) and not moderation.is_moderator(member)
    assert moderation.moderated_forum_ids(moderator) == {forum.pk}
    assert moderation.moderated_forum_ids(global_moderator) is None


# --- Reports ------------------------------------------------------------------------------------------------


def test_three_reports_from_different_members_hide_the_post(reply, reporters):
    for reporter in reporters[:2]:
        moderation.report(reply, reporter, ReportReason.PERSONAL_DATA, "Een telefoonnummer")
    assert fresh(reply).status == PostStatus.VISIBLE
    assert reply.report_count == 2
    assert not ModerationAction.objects.exists()

    moderation.report(reply, reporters[2], ReportReason.OFFENSIVE)
    reply = fresh(reply)
    assert reply.status == PostStatus.HIDDEN
    assert reply.hidden_reason == HiddenReason.REPORTS
    assert not Post.objects.visible().filter(pk=reply.pk).exists()
    entry = ModerationAction.objects.get()
    assert entry.action == Action.AUTO_HIDE
    assert entry.moderator is None and entry.post == reply and entry.thread == reply.thread
    assert "3" in entry.reason

    # A fourth report (it arrived while the third hid the post) is kept; the post is not hidden twice.
    moderation.report(reply, reporters[3], ReportReason.SPAM)
    assert Report.objects.filter(post=reply).count() == 4
    assert ModerationAction.objects.count() == 1


def test_the_same_member_reports_once(reply, reporters):
    moderation.report(reply, reporters[0], ReportReason.SPAM)
    with pytest.raises(moderation.AlreadyReported) as refused:
        moderation.report(reply, reporters[0], ReportReason.OFFENSIVE)
    assert "al gemeld" in str(refused.value.message).lower() or "already" in str(refused.value.message)
    assert Report.objects.filter(post=reply).count() == 1


def test_members_cannot_report_their_own_post(reply):
    with pytest.raises(moderation.ReportRefused):
        moderation.report(reply, reply.author, ReportReason.SPAM)
    assert not Report.objects.exists()


def test_report_explanation_is_cleaned(reply, reporters):
    report = moderation.report(reply, reporters[0], ReportReason.OTHER, "Zie\x00 dit" + "x" * 2000)
    report.refresh_from_db()
    assert "\x00" not in report.explanation
    assert len(report.explanation) == moderation.EXPLANATION_MAX_LENGTH


def test_hiding_an_opening_post_by_reports_hides_the_topic(topic, opening, reporters):
    for reporter in reporters[:REPORTS_TO_HIDE]:
        moderation.report(opening, reporter, ReportReason.SPAM)
    assert fresh(topic).status == PostStatus.HIDDEN
    assert not Thread.objects.visible().filter(pk=topic.pk).exists()


def test_dismissed_reports_do_not_count_again(reply, reporters, moderator):
    for reporter in reporters[:2]:
        moderation.report(reply, reporter, ReportReason.SPAM)
    moderation.dismiss(reply, moderator, "Geen spam")
    moderation.report(reply, reporters[2], ReportReason.SPAM)
    assert fresh(reply).status == PostStatus.VISIBLE
    assert reply.report_count == 1


# --- Actions and their log ----------------------------------------------------------------------------------


def test_hide_and_restore_are_logged(reply, moderator):
    entry = moderation.hide(reply, moderator, "Persoonsgegevens")
    assert fresh(reply).status == PostStatus.HIDDEN and reply.hidden_reason == HiddenReason.MODERATOR
    assert (entry.action, entry.moderator, entry.post) == (Action.HIDE, moderator, reply)
    assert entry.reason == "Persoonsgegevens"
    assert entry.member == reply.author and entry.created_at is not None
    assert moderation.hide(reply, moderator, "nog eens") is None  # already hidden: nothing, no log

    entry = moderation.restore(reply, moderator, "Toch in orde")
    assert fresh(reply).status == PostStatus.VISIBLE and reply.hidden_reason == ""
    assert entry.action == Action.RESTORE and entry.details["previous"]["hidden_reason"] == HiddenReason.MODERATOR
    assert moderation.restore(reply, moderator) is None
    assert ModerationAction.objects.count() == 2


def test_hiding_and_restoring_an_opening_post_hides_and_restores_the_topic(topic, opening, moderator):
    moderation.hide(opening, moderator, "Reclame")
    assert fresh(topic).status == PostStatus.HIDDEN
    moderation.restore(opening, moderator)
    assert fresh(topic).status == PostStatus.VISIBLE


def test_hiding_a_reported_post_resolves_its_reports(reply, reporters, moderator):
    for reporter in reporters[:REPORTS_TO_HIDE]:
        moderation.report(reply, reporter, ReportReason.SPAM)
    entry = moderation.hide(reply, moderator, "Klopt, spam")  # confirms the automatic hiding
    assert entry.action == Action.HIDE and entry.details["reports_resolved"] == REPORTS_TO_HIDE
    assert fresh(reply).hidden_reason == HiddenReason.MODERATOR and reply.report_count == 0
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert set(Report.objects.values_list("resolved_by", flat=True)) == {moderator.pk}


def test_dismiss_shows_an_auto_hidden_post_again(reply, reporters, moderator):
    for reporter in reporters[:REPORTS_TO_HIDE]:
        moderation.report(reply, reporter, ReportReason.SPAM)
    entry = moderation.dismiss(reply, moderator, "Geen overtreding")
    assert fresh(reply).status == PostStatus.VISIBLE and reply.hidden_reason == ""
    assert entry.action == Action.DISMISS and entry.details == {"reports_resolved": 3, "shown_again": True}
    assert moderation.dismiss(reply, moderator) is None


def test_dismiss_keeps_a_reported_post_visible(reply, reporters, moderator):
    moderation.report(reply, reporters[0], ReportReason.SPAM)
    entry = moderation.dismiss(reply, moderator)
    assert entry.details["shown_again"] is False
    assert fresh(reply).status == PostStatus.VISIBLE and reply.report_count == 0


def test_approve_publishes_a_pending_opening_post_and_its_topic(forum, new_member, moderator, monkeypatch):
    published = []
    monkeypatch.setattr("community.notifications.post_published", published.append)
    topic = TopicFactory(forum=forum, author=new_member, status=PostStatus.PENDING)
    opening = topic.posts.get()
    entry = moderation.approve(opening, moderator, "Welkom")
    assert fresh(opening).status == PostStatus.VISIBLE
    assert fresh(topic).status == PostStatus.VISIBLE
    assert Post.objects.visible().filter(pk=opening.pk).exists()
    assert entry.action == Action.APPROVE and entry.moderator == moderator
    assert [post.pk for post in published] == [opening.pk]
    assert moderation.approve(opening, moderator) is None
    assert len(published) == 1


def test_restore_of_a_pending_post_approves_it(topic, new_member, moderator, monkeypatch):
    published = []
    monkeypatch.setattr("community.notifications.post_published", published.append)
    pending = PostFactory(thread=topic, author=new_member, status=PostStatus.PENDING)
    entry = moderation.restore(pending, moderator)
    assert entry.action == Action.APPROVE and fresh(pending).status == PostStatus.VISIBLE
    assert len(published) == 1


def test_edit_keeps_the_old_text_in_the_log(reply, moderator):
    old = reply.body
    entry = moderation.edit(reply, moderator, "Een antwoord zonder **telefoonnummer**.", "Persoonsgegevens")
    reply = fresh(reply)
    assert reply.body == "Een antwoord zonder **telefoonnummer**."
    assert "<strong>telefoonnummer</strong>" in reply.body_html
    assert reply.edited_at is not None
    assert entry.action == Action.EDIT and entry.details["old_body"] == old
    assert moderation.edit(reply, moderator, reply.body) is None
    with pytest.raises(moderation.ModerationError):
        moderation.edit(reply, moderator, "  \x00 ")


def test_lock_pin_and_move_a_topic(topic, forum, moderator):
    assert moderation.lock(topic, moderator, "Uitgepraat").action == Action.LOCK
    assert fresh(topic).is_locked
    assert moderation.lock(topic, moderator) is None
    assert moderation.unlock(topic, moderator).action == Action.UNLOCK
    assert not fresh(topic).is_locked
    assert moderation.pin(topic, moderator).action == Action.PIN
    assert fresh(topic).is_pinned
    assert moderation.unpin(topic, moderator).action == Action.UNPIN
    assert not fresh(topic).is_pinned

    questions = forum.categories.get(slug="vragen")
    entry = moderation.move(topic, questions, moderator, "Is een vraag")
    assert fresh(topic).category == questions
    assert entry.details["from_category"]["name"] == "Algemeen" and entry.details["to_category"]["name"] == "Vragen"
    assert moderation.move(topic, questions, moderator) is None
    assert list(ModerationAction.objects.order_by("pk").values_list("action", flat=True)) == [
        Action.LOCK,
        Action.UNLOCK,
        Action.PIN,
        Action.UNPIN,
        Action.MOVE,
    ]


def test_a_topic_moves_only_within_its_forum(topic, network, moderator, global_moderator):
    other_forum = ForumPageFactory(parent=network.get_parent(), slug="ander-forum")
    with pytest.raises(moderation.ModerationError):
        moderation.move(topic, other_forum.categories.first(), global_moderator)


# --- Permissions --------------------------------------------------------------------------------------------


def test_non_moderators_and_moderators_of_another_forum_are_refused(topic, reply, network, member):
    other_forum = ForumPageFactory(parent=network.get_parent(), slug="ander-forum")
    other_moderator = MemberFactory(username="andermod")
    other_moderator.groups.add(other_forum.moderators)
    for user in (member, other_moderator):
        for action in (moderation.hide, moderation.restore, moderation.approve, moderation.dismiss):
            with pytest.raises(PermissionDenied):
                action(reply, user)
        with pytest.raises(PermissionDenied):
            moderation.lock(topic, user)
        with pytest.raises(PermissionDenied):
            moderation.edit(reply, user, "Anders")
    assert fresh(reply).status == PostStatus.VISIBLE and not fresh(topic).is_locked
    assert not ModerationAction.objects.exists()


def test_reactions_are_moderated_by_the_global_group(reactions_post, moderator, global_moderator):
    with pytest.raises(PermissionDenied):
        moderation.hide(reactions_post, moderator)
    assert moderation.hide(reactions_post, global_moderator).action == Action.HIDE


# --- Blocking -----------------------------------------------------------------------------------------------


@pytest.fixture
def blocked_setup(forum, member, topic, opening, reply, moderator):
    """The member wrote a topic, a reply elsewhere, and a post a moderator hid earlier."""
    other_topic = TopicFactory(forum=forum, title="Ander onderwerp")
    reply_elsewhere = PostFactory(thread=other_topic, author=member, body="Mijn reactie")
    hidden_before = PostFactory(thread=other_topic, author=member, body="Al verborgen")
    moderation.hide(hidden_before, moderator, "Eerder")
    return other_topic, reply_elsewhere, hidden_before


def test_blocking_hides_all_posts_and_stops_login(member, topic, opening, moderator, blocked_setup, global_moderator):
    other_topic, reply_elsewhere, hidden_before = blocked_setup
    member.set_password("geheim-wachtwoord-1")
    member.save()
    client = Client()
    assert client.login(username=member.username, password="geheim-wachtwoord-1")

    with pytest.raises(moderation.ModerationError):
        moderation.block(member, global_moderator, "")  # a reason is required
    entry = moderation.block(member, global_moderator, "Herhaaldelijk spam")
    member.refresh_from_db()
    assert not member.is_active
    assert member.profile.blocked_at is not None and member.profile.blocked_reason == "Herhaaldelijk spam"
    assert entry.action == Action.BLOCK and entry.member == member and entry.reason == "Herhaaldelijk spam"
    assert sorted(entry.details["posts_hidden"]) == sorted([opening.pk, reply_elsewhere.pk])
    assert not Post.objects.visible().filter(author=member).exists()
    assert fresh(opening).hidden_reason == HiddenReason.BLOCKED
    assert fresh(topic).status == PostStatus.HIDDEN
    assert fresh(hidden_before).hidden_reason == HiddenReason.MODERATOR
    # The old session no longer counts, and logging in again fails.
    assert client.get("/admin/").status_code == 302
    assert not Client().login(username=member.username, password="geheim-wachtwoord-1")
    assert not allauth_login(member.username, "geheim-wachtwoord-1")
    assert moderation.block(member, global_moderator, "nog eens") is None

    entry = moderation.unblock(member, global_moderator, "Beterschap beloofd")
    member.refresh_from_db()
    assert member.is_active and member.profile.blocked_at is None
    assert entry.action == Action.UNBLOCK and sorted(entry.details["posts_restored"]) == sorted(
        [opening.pk, reply_elsewhere.pk]
    )
    assert fresh(opening).status == PostStatus.VISIBLE and fresh(topic).status == PostStatus.VISIBLE
    assert fresh(reply_elsewhere).status == PostStatus.VISIBLE
    assert fresh(hidden_before).status == PostStatus.HIDDEN  # hidden for another reason: stays hidden
    assert Client().login(username=member.username, password="geheim-wachtwoord-1")
    assert allauth_login(member.username, "geheim-wachtwoord-1")
    assert moderation.unblock(member, global_moderator) is None


def test_blocked_refresh_counts(member, topic, reply, global_moderator):
    reply_by_member = PostFactory(thread=topic, author=member)
    from community.posting import refresh_thread

    refresh_thread(topic)
    assert fresh(topic).reply_count == 2
    moderation.block(member, global_moderator, "Spam")
    assert fresh(topic).status == PostStatus.HIDDEN
    moderation.unblock(member, global_moderator)
    assert fresh(topic).reply_count == 2
    assert fresh(reply_by_member).status == PostStatus.VISIBLE


def test_who_may_block(member, topic, moderator, network, global_moderator):
    other_forum = ForumPageFactory(parent=network.get_parent(), slug="ander-forum")
    other_moderator = MemberFactory(username="andermod")
    other_moderator.groups.add(other_forum.moderators)
    outsider = MemberFactory(username="buitenstaander")
    admin = MemberFactory(username="beheer1", is_superuser=True)
    assert moderation.can_block(moderator, member)  # wrote in the forum they moderate
    assert not moderation.can_block(other_moderator, member)
    assert not moderation.can_block(moderator, outsider)  # never wrote in their forum
    assert moderation.can_block(global_moderator, outsider)
    assert not moderation.can_block(member, outsider)
    assert not moderation.can_block(global_moderator, global_moderator)
    assert not moderation.can_block(global_moderator, admin)
    assert not moderation.can_block(global_moderator, moderator)  # another moderator: an administrator decides
    assert moderation.can_block(admin, moderator)
    with pytest.raises(PermissionDenied):
        moderation.block(member, other_moderator, "Geen recht")
    assert fresh(member).is_active


def test_a_blocked_authors_post_is_not_approved_or_restored(forum, new_member, global_moderator):
    topic = TopicFactory(forum=forum, author=new_member, status=PostStatus.PENDING)
    opening = topic.posts.get()
    moderation.block(new_member, global_moderator, "Spam")
    with pytest.raises(moderation.ModerationError):
        moderation.approve(opening, global_moderator)
    assert fresh(opening).status == PostStatus.PENDING
