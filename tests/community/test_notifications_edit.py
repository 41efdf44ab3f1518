"""Mentions added by editing a post: the newly mentioned member hears about it once, through the edit form."""

import pytest
from django.core import mail

from community import links
from community.factories import MemberFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification, NotificationKind, PostStatus
from community.posting import PostingError, edit_post


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Vervoer naar de dagbesteding", opening__body="Wie weet dit?")


def edit_url(forum, post):
    return f"{forum.url}bericht/{post.pk}/bewerken/"


def notified(post):
    return sorted(Notification.objects.filter(post=post).values_list("user__username", "kind"))


def test_a_mention_added_in_the_edit_form_notifies_once(
    client, forum, topic, member, django_capture_on_commit_callbacks
):
    MemberFactory(username="bram", first_name="Bram")
    post = topic.posts.get()
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(forum, post), {"body": "Wie weet dit? @bram misschien?"})
    assert response.status_code == 302 and response["Location"] == links.post_url(post)
    assert notified(post) == [("bram", NotificationKind.MENTION)]
    assert [message.subject for message in mail.outbox] == ["Anna anna noemde je in ‘Vervoer naar de dagbesteding’"]
    # Editing again (the mention stays, or goes and comes back) tells nobody twice.
    for body in ("Wie weet dit? @bram, jij toch?", "Wie weet dit?", "@Bram?"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(edit_url(forum, post), {"body": body})
    assert notified(post) == [("bram", NotificationKind.MENTION)]
    assert len(mail.outbox) == 1


def test_only_members_the_edit_adds_are_told_never_the_author(topic, member, django_capture_on_commit_callbacks):
    bram, cor = MemberFactory(username="bram"), MemberFactory(username="cor")
    post = topic.posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=member, post=post, body="Vraag voor @bram")
    # bram is mentioned already, anna is the author herself: only cor is new.
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=member, post=post, body="Vraag voor @bram, @cor en @anna")
    assert notified(post) == [("bram", NotificationKind.MENTION), ("cor", NotificationKind.MENTION)]
    assert sorted(message.to[0] for message in mail.outbox) == sorted([bram.email, cor.email])


def test_an_edit_that_mentions_a_follower_who_heard_of_the_post_tells_them_nothing_new(
    topic, member, no_posting_limits, django_capture_on_commit_callbacks
):
    from community import posting

    bram = MemberFactory(username="bram")
    Follow.objects.create(user=bram, thread=topic, frequency=FollowFrequency.INSTANT)
    with django_capture_on_commit_callbacks(execute=True):
        reply = posting.create_reply(user=member, thread=topic, body="Een antwoord")
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=member, post=reply, body="Een antwoord, @bram")
    assert notified(reply) == [("bram", NotificationKind.REPLY)]
    assert len(mail.outbox) == 1


def test_blocked_inactive_and_muted_members_follow_the_usual_rules(topic, member, django_capture_on_commit_callbacks):
    from community import notifications

    blocked = MemberFactory(username="geblokkeerd")
    blocked.profile.blocked_at = "2026-11-01T10:00:00Z"
    blocked.profile.save()
    MemberFactory(username="inactief", is_active=False)
    muted = MemberFactory(username="stil")
    notifications.set_email_enabled(muted.pk, False)
    post = topic.posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=member, post=post, body="Hallo @geblokkeerd, @inactief en @stil")
    # the muted member sees it on Mijn meldingen, without a mail
    assert notified(post) == [("stil", NotificationKind.MENTION)]
    assert mail.outbox == []


def test_a_blocked_author_or_a_post_nobody_may_read_notifies_nobody(
    forum, topic, member, moderator, django_capture_on_commit_callbacks
):
    MemberFactory(username="bram")
    post = topic.posts.get()
    topic.status = PostStatus.HIDDEN
    topic.save()
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=member, post=post, body="Hallo @bram")
    assert notified(post) == []

    topic.status = PostStatus.VISIBLE
    topic.save()
    member.profile.blocked_at = "2026-11-01T10:00:00Z"
    member.profile.save()
    # a blocked member cannot post, nor edit: a moderator may still edit the post, and speaks for nobody
    with pytest.raises(PostingError), django_capture_on_commit_callbacks(execute=True):
        edit_post(user=member, post=post, body="Hallo @bram!")
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=moderator, post=post, body="Hallo @bram.")
    assert notified(post) == []
    assert mail.outbox == []


def test_a_pending_post_tells_its_mentions_when_it_is_approved_not_when_edited(
    forum, category, new_member, moderator, django_capture_on_commit_callbacks
):
    from community import moderation, posting

    MemberFactory(username="bram")
    with django_capture_on_commit_callbacks(execute=True):
        pending = posting.create_topic(
            user=new_member, forum=forum, category=category, title="Eerste vraag", body="Wie helpt?"
        )
    assert pending.status == PostStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        edit_post(user=new_member, post=pending, body="Wie helpt? @bram?")
    assert notified(pending) == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(pending, moderator)
    assert notified(pending) == [("bram", NotificationKind.MENTION)]
    assert len(mail.outbox) == 1
