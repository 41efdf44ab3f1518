"""Daily and weekly digests (manage.py send_digests): due after 07:00 (weekly: Monday), never an item twice, hidden
items never mailed, and two runs at once on PostgreSQL mail each item once."""

import datetime
import io
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection

from community import notifications
from community.digests import send_digests
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification, PostStatus
from core.schedule import SCHEDULE
from events.models import OutboxEmail

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def at(day, hour, minute=0):
    """A moment in Dutch time, December 2026 (Monday 7 December is a Monday)."""
    return datetime.datetime(2026, 12, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def topic(forum, member):
    return TopicFactory(forum=forum, author=member, title="Vervoer naar de dagbesteding")


def reply(topic, author, body, capture):
    post = PostFactory(thread=topic, author=author, body=body)
    with capture(execute=True):
        notifications.post_published(post)
    return post


def digests(capture, now=None):
    with capture(execute=True):
        return send_digests(now)


def test_the_daily_digest_comes_once_a_day_after_seven(topic, member, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    bram = MemberFactory(username="bram", first_name="Bram")
    Follow.objects.create(user=bram, thread=topic, frequency=FollowFrequency.DAILY)
    with time_machine.travel(at(1, 20), tick=False):
        first = reply(topic, member, "Wie rijdt er mee op dinsdag?", capture)
        hidden = reply(topic, member, "Koop goedkope horloges", capture)
        reply(topic, member, "Ik rijd mee, @bram", capture)  # a mention comes at once
    assert [m.subject for m in mail.outbox] == ["Anna anna noemde je in ‘Vervoer naar de dagbesteding’"]
    mail.outbox.clear()
    hidden.status = PostStatus.HIDDEN
    hidden.save()

    with time_machine.travel(at(2, 6, 55), tick=False):
        assert digests(capture) == {"daily": 0, "weekly": 0}
    with time_machine.travel(at(2, 7, 5), tick=False):
        assert digests(capture) == {"daily": 1, "weekly": 0}
        assert digests(capture) == {"daily": 0, "weekly": 0}  # the next run: nothing twice
    (digest,) = mail.outbox
    assert digest.to == [bram.email]
    assert digest.subject == "Je dagelijkse overzicht: 1 nieuw"
    assert "Dit is er nieuw in wat je volgt:" in digest.body
    assert "Vervoer naar de dagbesteding" in digest.body and f"#reactie-{first.pk}" in digest.body
    assert "horloges" not in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Stop e-mail over meldingen:" in digest.body  # a digest's link stops all notification mail

    # restored later: an item skipped while hidden is never mailed afterwards
    hidden.status = PostStatus.VISIBLE
    hidden.save()
    with time_machine.travel(at(2, 8), tick=False):
        later = reply(topic, member, "Nog een vraag over de bus", capture)
    with time_machine.travel(at(2, 8, 5), tick=False):
        assert digests(capture)["daily"] == 0  # arrived after 07:00: waits for tomorrow
    with time_machine.travel(at(3, 7), tick=False):
        assert digests(capture)["daily"] == 1
    assert len(mail.outbox) == 2
    assert "Nog een vraag" not in mail.outbox[1].body or f"#reactie-{later.pk}" in mail.outbox[1].body
    assert f"#reactie-{later.pk}" in mail.outbox[1].body and f"#reactie-{hidden.pk}" not in mail.outbox[1].body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_the_weekly_digest_comes_on_monday(topic, member, category, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    cor = MemberFactory(username="cor")
    Follow.objects.create(user=cor, category=category, frequency=FollowFrequency.WEEKLY)
    stopped = MemberFactory(username="dirk")
    stopped_follow = Follow.objects.create(user=stopped, category=category, frequency=FollowFrequency.WEEKLY)
    with time_machine.travel(at(1, 12), tick=False):
        reply(topic, member, "Een antwoord op dinsdag", capture)
        reply(topic, member, "Nog een op dinsdag", capture)
    stopped_follow.delete()  # stopped following before the digest: not mailed
    for day in range(2, 7):
        with time_machine.travel(at(day, 9), tick=False):
            assert digests(capture)["weekly"] == 0
    with time_machine.travel(at(7, 7, 30), tick=False):
        out = io.StringIO()
        with capture(execute=True):
            call_command("send_digests", stdout=out)
        assert out.getvalue() == "Digests queued: 0 daily, 1 weekly.\n"
        assert digests(capture)["weekly"] == 0
    (digest,) = mail.outbox
    assert digest.to == [cor.email]
    assert digest.subject == "Je wekelijkse overzicht: 2 nieuw"
    assert "Dit is er deze week nieuw in wat je volgt:" in digest.body
    assert OutboxEmail.objects.filter(kind=notifications.KIND_DIGEST).count() == 1
    assert not Notification.objects.filter(user=stopped, email__isnull=False).exists()


def test_no_digest_for_a_blocked_member_or_with_mail_off(topic, member, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    muted, blocked = MemberFactory(username="stil"), MemberFactory(username="geblokkeerd")
    for user in (muted, blocked):
        Follow.objects.create(user=user, thread=topic, frequency=FollowFrequency.DAILY)
    with time_machine.travel(at(1, 12), tick=False):
        reply(topic, member, "Een antwoord", capture)
    notifications.set_email_enabled(muted.pk, False)
    blocked.profile.blocked_at = at(1, 13)
    blocked.profile.save()
    with time_machine.travel(at(2, 7, 5), tick=False):
        assert digests(capture)["daily"] == 0
    assert mail.outbox == []
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0  # handled: never mailed later


def test_the_schedule_runs_the_digests_every_five_minutes():
    job = next(job for job in SCHEDULE if job.name == "send_digests")
    assert job.cron == "*/5 * * * *"


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_mail_each_item_once(topic, member):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    readers = MemberFactory.create_batch(12)
    Follow.objects.bulk_create([Follow(user=user, thread=topic, frequency=FollowFrequency.DAILY) for user in readers])
    posts = [PostFactory(thread=topic, author=member, body=f"Antwoord {n}") for n in range(3)]
    for post in posts:
        notifications.post_published(post)
    Notification.objects.update(created_at=at(1, 12))
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(send_digests(at(2, 7, 5)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(result["daily"] for result in results) == len(readers)
    emails = OutboxEmail.objects.filter(kind=notifications.KIND_DIGEST)
    assert emails.count() == len(readers)
    assert sorted(emails.values_list("to", flat=True)) == sorted(user.email for user in readers)
    assert Notification.objects.filter(email__isnull=True).count() == 0
    for email in emails:
        assert Notification.objects.filter(email=email).count() == len(posts)
    assert len(mail.outbox) == len(readers)
