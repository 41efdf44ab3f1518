"""The posting rules: who may post, first-post approval, first-day limits, interval, duplicates, editing, counts."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from community import notifications, posting
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import Post, PostStatus, Thread, ThreadKind
from community.posting import PostingError


@pytest.fixture
def published(monkeypatch):
    """The posts handed to notifications.post_published, in order."""
    calls = []
    monkeypatch.setattr(notifications, "post_published", calls.append)
    return calls


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def topic(user, forum, title="Vrijwilligers werven", body="Hoe vinden jullie nieuwe vrijwilligers?", **kwargs):
    return posting.create_topic(
        user=user, forum=forum, category=forum.categories.first(), title=title, body=body, **kwargs
    )


def reply(user, thread, body="Wij werken met een vacaturebank.", **kwargs):
    return posting.create_reply(user=user, thread=thread, body=body, **kwargs)


def message(excinfo):
    return " ".join(excinfo.value.messages)


# --- Who may post ------------------------------------------------------------------------------------------


def test_member_opens_a_visible_topic(forum, member, published):
    post = topic(member, forum, title="Vrijwilligers  werven in de wijk!")
    thread = post.thread
    assert post.is_opening and post.status == PostStatus.VISIBLE
    assert thread.status == PostStatus.VISIBLE and thread.kind == ThreadKind.TOPIC
    assert thread.title == "Vrijwilligers werven in de wijk!"
    assert thread.slug == "vrijwilligers-werven-in-de-wijk"
    assert thread.reply_count == 0 and thread.last_post_at == post.created_at
    assert post.body_html == "<p>Hoe vinden jullie nieuwe vrijwilligers?</p>\n"
    assert published == [post]


def test_reply_counts_and_last_activity(forum, member, clock, published):
    opening = topic(member, forum)
    clock.shift(60)
    other = MemberFactory(username="bram")
    answer = reply(other, opening.thread)
    thread = Thread.objects.get(pk=opening.thread_id)
    assert thread.reply_count == 1 and thread.last_post_at == answer.created_at
    assert published == [opening, answer]


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: MemberFactory(username="onbevestigd", verified=False), "Bevestig eerst je e-mailadres"),
        (lambda: MemberFactory(username="slapend", is_active=False), "Je account is niet actief"),
        (lambda: MemberFactory(username="geblokkeerd", profile__blocked_at=timezone.now()), "geblokkeerd"),
    ],
)
def test_who_may_not_post(forum, make, expected):
    with pytest.raises(PostingError) as excinfo:
        topic(make(), forum)
    assert expected in message(excinfo)
    assert not Thread.objects.exists()


def test_anonymous_visitor_may_not_post(forum):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PostingError, match="Log in"):
        topic(AnonymousUser(), forum)


def test_category_of_another_forum_is_refused(forum, member, network):
    from community.factories import ForumPageFactory
    from networks.factories import NetworkPageFactory

    other_forum = ForumPageFactory(parent=NetworkPageFactory(parent=network.get_parent(), slug="ander-netwerk"))
    with pytest.raises(PostingError, match="categorie"):
        posting.create_topic(
            user=member, forum=forum, category=other_forum.categories.first(), title="Titel", body="Tekst"
        )


# --- First post waits for approval ---------------------------------------------------------------------------


def test_new_members_first_topic_waits_for_approval(forum, new_member, member, published, clock):
    post = topic(new_member, forum)
    assert post.status == PostStatus.PENDING and post.thread.status == PostStatus.PENDING
    assert published == []
    assert not Post.objects.visible().filter(pk=post.pk).exists()
    # Still pending until a moderator approves one post.
    clock.shift(60)
    visible_topic = topic(member, forum, title="Ander onderwerp", body="Iets anders")
    clock.shift(60)
    second = reply(new_member, visible_topic.thread, body="Nog een vraag")
    assert second.status == PostStatus.PENDING
    assert Thread.objects.get(pk=visible_topic.thread_id).reply_count == 0
    # Approved: the next post is visible at once.
    Post.objects.filter(pk=post.pk).update(status=PostStatus.VISIBLE)
    clock.shift(60)
    third = reply(new_member, visible_topic.thread, body="En nog iets")
    assert third.status == PostStatus.VISIBLE
    assert published[-1] == third


def test_moderator_and_trusted_group_skip_approval(forum, moderator):
    from django.contrib.auth.models import Group, Permission

    new_moderator = MemberFactory(username="nieuwe-mod", new=True)
    new_moderator.groups.add(forum.moderators)
    assert topic(new_moderator, forum).status == PostStatus.VISIBLE
    officials = Group.objects.create(name="Gemeenteambtenaren")
    officials.permissions.add(Permission.objects.get(codename="post_without_approval"))
    official = MemberFactory(username="ambtenaar", new=True)
    official.groups.add(officials)
    assert topic(official, forum, title="Van de gemeente", body="Welkom").status == PostStatus.VISIBLE


# --- Limits ----------------------------------------------------------------------------------------------------


def test_thirty_seconds_between_posts(forum, member, clock):
    opening = topic(member, forum)
    clock.shift(10)
    with pytest.raises(PostingError) as excinfo:
        reply(member, opening.thread)
    assert "Wacht 20 seconden" in message(excinfo)
    clock.shift(20)
    assert reply(member, opening.thread).status == PostStatus.VISIBLE


def test_first_day_at_most_three_topics(forum, new_member, clock):
    for number in range(3):
        topic(new_member, forum, title=f"Onderwerp {number}", body=f"Tekst {number}")
        clock.shift(31)
    with pytest.raises(PostingError) as excinfo:
        topic(new_member, forum, title="Vierde", body="Nog een")
    assert "hoogstens 3 onderwerpen" in message(excinfo)
    clock.shift(datetime.timedelta(days=1))
    assert topic(new_member, forum, title="Vierde", body="Nog een")


def test_first_day_at_most_ten_replies(forum, member, new_member, clock):
    thread = topic(member, forum).thread
    for number in range(10):
        clock.shift(31)
        reply(new_member, thread, body=f"Antwoord nummer {number}")
    clock.shift(31)
    with pytest.raises(PostingError) as excinfo:
        reply(new_member, thread, body="Het elfde antwoord")
    assert "hoogstens 10 reacties" in message(excinfo)
    clock.shift(datetime.timedelta(days=1))
    assert reply(new_member, thread, body="Het elfde antwoord")


def test_same_text_twice_within_five_minutes(forum, member, clock):
    thread = topic(member, forum).thread
    clock.shift(31)
    reply(member, thread, body="Goed idee, dat gaan we ook doen!")
    clock.shift(60)
    with pytest.raises(PostingError) as excinfo:
        reply(member, thread, body="goed idee  dat gaan we ook doen")
    assert "Je plaatste deze tekst net al" in message(excinfo)
    clock.shift(5 * 60)
    assert reply(member, thread, body="Goed idee, dat gaan we ook doen!")


def test_limits_come_from_settings(forum, member, settings, clock):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    thread = topic(member, forum).thread
    assert reply(member, thread, body="Meteen erachteraan")


def test_moderator_skips_interval_but_not_duplicates(forum, moderator, clock):
    thread = topic(moderator, forum).thread
    reply(moderator, thread, body="Mededeling")
    with pytest.raises(PostingError):
        reply(moderator, thread, body="Mededeling")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"body": "x" * 10_001}, "te lang: hoogstens 10.000 tekens"),
        ({"body": "   "}, "Schrijf eerst een tekst"),
        ({"body": "nul\x00byte"}, "tekens die niet zijn toegestaan"),
        ({"title": "t" * 151}, "titel is te lang"),
        ({"title": "kop\x00"}, "tekens die niet zijn toegestaan"),
        ({"title": ""}, "Geef je onderwerp een titel"),
    ],
)
def test_text_and_title_checks(forum, member, fields, expected):
    with pytest.raises(PostingError) as excinfo:
        topic(member, forum, **fields)
    assert expected in message(excinfo)
    assert not Thread.objects.exists()


def test_longest_text_and_title_pass(forum, member):
    post = topic(member, forum, title="t" * 150, body="x" * 10_000)
    assert len(post.body) == 10_000 and len(post.thread.title) == 150


# --- Locked topics and quotes -------------------------------------------------------------------------------------


def test_locked_topic_takes_no_replies_except_from_moderators(forum, member, moderator):
    thread = TopicFactory(forum=forum, is_locked=True)
    with pytest.raises(PostingError) as excinfo:
        reply(member, thread)
    assert "gesloten" in message(excinfo)
    assert reply(moderator, thread).status == PostStatus.VISIBLE


def test_hidden_topic_takes_no_replies(forum, member):
    thread = TopicFactory(forum=forum, status=PostStatus.HIDDEN)
    with pytest.raises(PostingError):
        reply(member, thread)


def test_quote_must_be_a_visible_post_of_the_same_topic(forum, member, clock):
    thread = TopicFactory(forum=forum)
    quoted = PostFactory(thread=thread, body="Wij **zijn** blij")
    elsewhere = PostFactory(thread=TopicFactory(forum=forum))
    with pytest.raises(PostingError, match="citeert"):
        reply(member, thread, quoted_post=elsewhere)
    answer = reply(member, thread, body="Ik ook", quoted_post=quoted)
    assert answer.quoted_post == quoted


# --- Editing ---------------------------------------------------------------------------------------------------


def test_edit_own_post_within_thirty_minutes(forum, member, clock):
    post = topic(member, forum)
    clock.shift(29 * 60)
    assert posting.can_edit(member, post)
    edited = posting.edit_post(user=member, post=post, body="Aangepast: *nieuwe* tekst")
    assert edited.edited_at == timezone.now()
    assert Post.objects.get(pk=post.pk).body_html == "<p>Aangepast: <em>nieuwe</em> tekst</p>\n"
    clock.shift(2 * 60)
    assert not posting.can_edit(member, post)
    with pytest.raises(PostingError) as excinfo:
        posting.edit_post(user=member, post=post, body="Te laat")
    assert "30 minuten" in message(excinfo)


def test_nobody_edits_someone_elses_post(forum, member):
    post = topic(member, forum)
    other = MemberFactory(username="bram")
    assert not posting.can_edit(other, post)
    with pytest.raises(PostingError):
        posting.edit_post(user=other, post=post, body="Overgenomen")
    assert Post.objects.get(pk=post.pk).edited_at is None


def test_edit_is_checked_like_a_new_text(forum, member):
    post = topic(member, forum)
    with pytest.raises(PostingError):
        posting.edit_post(user=member, post=post, body="a\x00b")


# --- Counts ------------------------------------------------------------------------------------------------------


def test_refresh_thread_counts_visible_posts_only(forum):
    thread = TopicFactory(forum=forum)
    visible = PostFactory(thread=thread)
    PostFactory(thread=thread, status=PostStatus.PENDING)
    PostFactory(thread=thread, status=PostStatus.HIDDEN)
    posting.refresh_thread(thread)
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert thread.last_post_at == visible.created_at


# --- Reactions ---------------------------------------------------------------------------------------------------


def test_reactions_share_one_thread_per_page(home_page, member, clock, published):
    first = posting.create_reaction(user=member, target=home_page, body="Mooi artikel")
    clock.shift(31)
    second = posting.create_reaction(user=MemberFactory(username="bram"), target=home_page, body="Eens!")
    assert first.thread_id == second.thread_id
    thread = Thread.objects.for_target(home_page).get()
    assert thread.kind == ThreadKind.REACTIONS and thread.reply_count == 2
    assert published == [first, second]


def test_reactions_closed_on_page(home_page, member):
    home_page.reactions_enabled = False
    with pytest.raises(PostingError, match="gesloten"):
        posting.create_reaction(user=member, target=home_page, body="Hallo")
    assert not Thread.objects.exists()
