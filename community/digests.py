"""Daily and weekly digests of notifications (``manage.py send_digests``, every 5 minutes from the scheduler).

A daily digest holds what arrived before today's 07:00 (``COMMUNITY_DIGEST_HOUR``, Dutch time), a weekly digest
what arrived before the last Monday 07:00; what arrives later waits for the next one, so a member gets at most
one daily and one weekly digest per day and week, however often the command runs (and when it was down, the
next run catches up).

Never twice: per member, in one short transaction, a mail is stored in the outbox and the due notifications are
claimed for it with ``UPDATE … SET emailed_at, email WHERE pk IN (…) AND emailed_at IS NULL``. Of two runs at
once, the second one's UPDATE waits for the first one's row locks (PostgreSQL) or its transaction waits for the
write lock (SQLite, IMMEDIATE transactions), finds the rows taken and drops its empty mail.

Items whose post became hidden or pending, whose follow was stopped, or whose reader switched mail off are
marked handled without a mail, so they are never mailed later either.
"""

import datetime
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from community.models import FollowFrequency, Notification
from community.notifications import KIND_DIGEST, eligible, shown


def digest_hour():
    return getattr(settings, "COMMUNITY_DIGEST_HOUR", 7)


def cutoffs(now):
    """{frequency: the moment before which items are due}: today's (or yesterday's) 07:00, last Monday's 07:00."""
    local = timezone.localtime(now)
    today = local.replace(hour=digest_hour(), minute=0, second=0, microsecond=0)
    daily = today if local >= today else today - datetime.timedelta(days=1)
    monday = today - datetime.timedelta(days=local.weekday())
    weekly = monday if local >= monday else monday - datetime.timedelta(days=7)
    return {FollowFrequency.DAILY: daily, FollowFrequency.WEEKLY: weekly}


def send_digests(now=None):
    """Queue every due digest; returns {frequency: number of digests queued}."""
    now = now or timezone.now()
    queued = {}
    for frequency, cutoff in cutoffs(now).items():
        due = Notification.objects.filter(frequency=frequency, emailed_at__isnull=True, created_at__lt=cutoff)
        user_ids = list(due.order_by("user_id").values_list("user_id", flat=True).distinct())
        queued[frequency] = sum(_send_digest(user_id, frequency, cutoff, now) for user_id in user_ids)
    return queued


def _send_digest(user_id, frequency, cutoff, now):
    from events.models import OutboxEmail
    from events.outbox import enqueue

    with transaction.atomic():
        due = Notification.objects.filter(
            user_id=user_id, frequency=frequency, emailed_at__isnull=True, created_at__lt=cutoff
        )
        candidates = set(due.values_list("pk", flat=True))
        reader = eligible(get_user_model().objects.filter(pk=user_id), "").values("mail_to").first()
        mail_to = reader["mail_to"] if reader else ""
        sendable = set()
        if mail_to:
            sendable = set(due.filter(shown(), follow__isnull=False).values_list("pk", flat=True))
        dropped = candidates - sendable
        if dropped:
            Notification.objects.filter(pk__in=dropped, emailed_at__isnull=True).update(emailed_at=now)
        if not sendable:
            return 0
        email = OutboxEmail.objects.create(kind=KIND_DIGEST, to=mail_to)
        claimed = Notification.objects.filter(pk__in=sendable, emailed_at__isnull=True).update(
            emailed_at=now, email=email
        )
        if not claimed:  # another run was first
            email.delete()
            return 0
        transaction.on_commit(partial(enqueue, email.pk))
        return 1
