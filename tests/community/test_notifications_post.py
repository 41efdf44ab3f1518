"""post_published: who hears about a new post, what the instant mail says, and unsubscribing from it."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import notifications
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification, NotificationKind, PostStatus
from events.models import OutboxEmail


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Vervoer naar de dagbesteding")


def follow(user, frequency=FollowFrequency.INSTANT, **target):
    return Follow.objects.create(user=user, frequency=frequency, **target)


def publish(post, capture):
    with capture(execute=True):
        return notifications.post_published(post)


def test_followers_of_topic_category_and_forum_hear_once_and_the_author_never(
    forum, category, topic, member, django_capture_on_commit_callbacks
):
    on_topic, on_category, on_forum, on_all = (MemberFactory(username=name) for name in ("bram", "cor", "dirk", "eva"))
    follow(on_topic, thread=topic)
    follow(on_category, category=category)
    follow(on_forum, forum=forum)
    for target in ({"thread": topic}, {"category": category}, {"forum": forum}):
        follow(on_all, **target)
    follow(member, thread=topic)  # the author follows their own topic
    reply = PostFactory(thread=topic, author=member, body="Wie rijdt er mee?")
    publish(reply, django_capture_on_commit_callbacks)
    notified = Notification.objects.filter(post=reply)
    assert sorted(notified.values_list("user__username", flat=True)) == ["bram", "cor", "dirk", "eva"]
    assert set(notified.values_list("kind", flat=True)) == {NotificationKind.REPLY}
    # eva follows all three: the topic follow is the one that counts (and that her mail's link stops)
    assert notified.get(user=on_all).follow.thread_id == topic.pk
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        user.email for user in (on_topic, on_category, on_forum, on_all)
    )
    # published twice (say, approved after being restored): nobody hears twice
    publish(reply, django_capture_on_commit_callbacks)
    assert notified.count() == 4 and len(mail.outbox) == 4


def test_a_mention_notifies_without_a_follow_and_wins_over_a_digest_follow(
    category, topic, member, django_capture_on_commit_callbacks
):
    MemberFactory(username="bram")
    cor = MemberFactory(username="cor")
    follow(cor, frequency=FollowFrequency.WEEKLY, category=category)
    reply = PostFactory(thread=topic, author=member, body="Vraag voor @bram en @Cor, en @niemand of @anna zelf.")
    publish(reply, django_capture_on_commit_callbacks)
    rows = {n.user.username: n for n in Notification.objects.filter(post=reply).select_related("user")}
    assert set(rows) == {"bram", "cor"}
    assert {n.kind for n in rows.values()} == {NotificationKind.MENTION}
    assert {n.frequency for n in rows.values()} == {FollowFrequency.INSTANT}
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == ["Anna anna noemde je in ‘Vervoer naar de dagbesteding’"] * 2


def test_nothing_for_hidden_or_pending_posts_or_a_blocked_author(
    forum, topic, member, django_capture_on_commit_callbacks
):
    follow(MemberFactory(username="bram"), forum=forum)
    hidden = PostFactory(thread=topic, author=member, status=PostStatus.HIDDEN)
    pending = PostFactory(thread=topic, author=member, status=PostStatus.PENDING)
    for post in (hidden, pending):
        publish(post, django_capture_on_commit_callbacks)
    member.profile.blocked_at = "2026-11-01T10:00:00Z"
    member.profile.save()
    member.refresh_from_db()
    publish(PostFactory(thread=topic, author=member), django_capture_on_commit_callbacks)
    topic.status = PostStatus.HIDDEN
    topic.save()
    publish(PostFactory(thread=topic, author=MemberFactory(username="cor")), django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_blocked_inactive_and_unverified_recipients(forum, topic, member, django_capture_on_commit_callbacks):
    blocked = MemberFactory(username="geblokkeerd")
    blocked.profile.blocked_at = "2026-11-01T10:00:00Z"
    blocked.profile.save()
    inactive = MemberFactory(username="inactief", is_active=False)
    unverified = MemberFactory(username="onbevestigd", verified=False)
    muted = MemberFactory(username="stil")
    notifications.set_email_enabled(muted.pk, False)
    for user in (blocked, inactive, unverified, muted):
        follow(user, forum=forum)
    reply = PostFactory(thread=topic, author=member, body="Hallo @geblokkeerd")
    publish(reply, django_capture_on_commit_callbacks)
    # the unverified and the muted member see it on Mijn meldingen, but get no mail
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == ["onbevestigd", "stil"]
    assert mail.outbox == []


def test_the_instant_mail_links_to_the_post_and_unsubscribes_in_one_click(
    client, forum, topic, member, django_capture_on_commit_callbacks
):
    bram = MemberFactory(username="bram", first_name="Bram")
    followed = follow(bram, thread=topic)
    reply = PostFactory(thread=topic, author=member, body="We rijden om **negen** uur, <b>samen</b> & zo.")
    publish(reply, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == [bram.email]
    assert message.subject == "Nieuwe reactie in ‘Vervoer naar de dagbesteding’"
    assert "Beste Bram bram," in message.body
    assert "We rijden om negen uur, <b>samen</b> & zo." in message.body
    assert "Je krijgt deze e-mail omdat je het onderwerp ‘Vervoer naar de dagbesteding’ volgt." in message.body
    html = message.alternatives[0][0]
    assert "negen uur, &lt;b&gt;samen&lt;/b&gt; &amp; zo." in html and "&amp;lt;" not in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://testserver/meldingen/afmelden/")
    assert url in message.body and url in html
    email = OutboxEmail.objects.get()
    assert email.kind == notifications.KIND_INSTANT and email.status == "sent"
    assert Notification.objects.get().emailed_at is not None

    # the mail client's one-click POST (RFC 8058): no login, no CSRF token
    client.handler.enforce_csrf_checks = True
    response = client.post(url.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Je volgt het onderwerp ‘Vervoer naar de dagbesteding’ niet meer" in response.content.decode()
    assert not Follow.objects.filter(pk=followed.pk).exists()


def test_the_unsubscribe_page_asks_first_and_can_stop_all_mail(client, topic, member):
    bram = MemberFactory(username="bram")
    followed = follow(bram, thread=topic)
    path = reverse("community_unsubscribe", args=[notifications.unsubscribe_token(bram.pk, followed.pk)])
    page = client.get(path).content.decode()
    assert "Wil je het onderwerp ‘Vervoer naar de dagbesteding’ niet meer volgen?" in page
    assert Follow.objects.filter(pk=followed.pk).exists()  # a GET (a link scanner) changes nothing
    response = client.post(path, {"scope": "all"})
    assert "Je krijgt geen e-mail meer over meldingen" in response.content.decode()
    assert not notifications.email_enabled(bram)
    assert Follow.objects.filter(pk=followed.pk).exists()


def test_an_unsubscribe_link_with_a_bad_signature_is_refused_in_dutch(client, member):
    token = notifications.unsubscribe_token(member.pk)
    for bad in (token[:-2] + "xx", "zomaar-iets", token.replace(":", ":A", 1)):
        response = client.post(reverse("community_unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
    assert notifications.email_enabled(member)


def test_queries_stay_flat_for_many_followers(forum, member, django_capture_on_commit_callbacks):
    """The same queries for 5 and 200 followers; only SQLite splits the bulk INSERTs (999 parameters a statement)."""

    def queries_for(count):
        topic = TopicFactory(forum=forum, author=member)
        Follow.objects.bulk_create([Follow(user=user, thread=topic) for user in MemberFactory.create_batch(count)])
        reply = PostFactory(thread=topic, author=member, body="Vraag voor @anna en @lid1")
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as callbacks:
            notifications.post_published(reply)
        assert Notification.objects.filter(post=reply).count() == count
        assert (
            OutboxEmail.objects.filter(pk__in=Notification.objects.filter(post=reply).values("email")).count() == count
        )
        assert len(callbacks) == 1  # one after-commit hand-over for all mails
        statements = [query["sql"] for query in queries.captured_queries]
        return [sql.split()[0] for sql in statements if not sql.startswith("INSERT")], len(statements)

    few, few_total = queries_for(5)
    many, many_total = queries_for(200)
    assert few == many and len(few) <= 6
    if connection.vendor == "postgresql":
        assert few_total == many_total
    else:
        assert many_total - few_total <= 4


def test_posting_and_approval_notify_through_the_real_flows(
    forum, category, member, new_member, moderator, no_posting_limits, django_capture_on_commit_callbacks
):
    from community import moderation, posting

    bram = MemberFactory(username="bram")
    follow(bram, category=category)
    with django_capture_on_commit_callbacks(execute=True):
        opening = posting.create_topic(
            user=member, forum=forum, category=category, title="Nieuwe buurtbus", body="Wie weet meer?"
        )
    assert [m.subject for m in mail.outbox] == ["Nieuw onderwerp in Algemeen: Nieuwe buurtbus"]
    assert Notification.objects.get(post=opening).kind == NotificationKind.TOPIC

    with django_capture_on_commit_callbacks(execute=True):
        pending = posting.create_reply(user=new_member, thread=opening.thread, body="Mijn eerste bericht, @bram")
    assert pending.status == PostStatus.PENDING
    assert not Notification.objects.filter(post=pending).exists() and len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(pending, moderator)
    assert Notification.objects.get(post=pending).kind == NotificationKind.MENTION
    assert mail.outbox[-1].subject.endswith("noemde je in ‘Nieuwe buurtbus’")
