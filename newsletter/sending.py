"""Sending an issue in batches through the outbox: every confirmed subscriber gets it at most once.

``start`` moves a draft to *being sent* (once: an ``UPDATE … WHERE status = draft``), takes the items' current
snapshot and hands the issue to the background task; ``send_pending`` (``manage.py send_newsletter``, every five
minutes from the scheduler) finishes whatever is still being sent, e.g. after a crash.

``send_batch`` handles up to ``BATCH_SIZE`` subscribers in one short transaction that first locks the issue's row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions take the write lock at once). A second run at
the same time waits for it and then sees the first one's ``IssueDelivery`` rows, so it goes on with the next
subscribers; the unique constraint on (issue, subscriber) stops a double mail even without the lock. A subscriber
whose themes and audiences match none of the items is recorded without a mail.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from newsletter import content, emails
from newsletter.models import Issue, IssueDelivery, Subscriber

BATCH_SIZE = 200


class NothingToSend(Exception):
    """None of the issue's items is public any more: the issue stays a draft."""


def start(issue_id, now=None):
    """Begin sending a draft; False when it was not a draft any more (sent, or started by someone else).

    Raises NothingToSend (and leaves the draft) when refreshing the items dropped them all (no longer public)."""
    now = now or timezone.now()
    issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.DRAFT).first()
    if issue is None:
        return False
    content.refresh_items(issue)
    if not issue.items.exists():
        raise NothingToSend(issue_id)
    started = Issue.objects.filter(pk=issue_id, status=Issue.Status.DRAFT).update(
        status=Issue.Status.SENDING, send_started_at=now, updated_at=now
    )
    if started:
        transaction.on_commit(lambda: enqueue(issue_id))
    return bool(started)


def enqueue(issue_id):
    from newsletter.tasks import send_issue

    try:
        send_issue.enqueue(issue_id)
    except Exception:  # the scheduler's send_newsletter picks it up  # noqa: BLE001
        import logging

        logging.getLogger(__name__).exception("Could not enqueue newsletter issue %s", issue_id)


def send_batch(issue_id, batch_size=BATCH_SIZE, now=None):
    """Queue the issue for the next subscribers; returns how many were handled (0: the issue is done)."""
    from events.outbox import queue_email

    now = now or timezone.now()
    with transaction.atomic():
        issue = Issue.objects.select_for_update().filter(pk=issue_id, status=Issue.Status.SENDING).first()
        if issue is None:
            return 0
        handled = IssueDelivery.objects.filter(issue=issue, subscriber=OuterRef("pk"))
        batch = list(
            Subscriber.objects.confirmed()
            .filter(~Exists(handled))
            .prefetch_related("themes", "audiences")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            recipients = IssueDelivery.objects.filter(issue=issue, email__isnull=False).count()
            Issue.objects.filter(pk=issue.pk).update(
                status=Issue.Status.SENT, sent_at=now, recipients=recipients, updated_at=now
            )
            return 0
        items = list(issue.items.all())
        for subscriber in batch:
            theme_ids = [theme.pk for theme in subscriber.themes.all()]
            audience_ids = [audience.pk for audience in subscriber.audiences.all()]
            matching = [item.pk for item in items if item.matches(theme_ids, audience_ids)]
            email = queue_email(kind=emails.KIND_ISSUE, to=subscriber.email) if matching else None
            IssueDelivery.objects.create(issue=issue, subscriber=subscriber, email=email, item_ids=matching)
        return len(batch)


def send_issue(issue_id, batch_size=BATCH_SIZE, max_batches=None):
    """Send batches until the issue is done (or ``max_batches``); returns the number of subscribers handled."""
    total, batches = 0, 0
    while max_batches is None or batches < max_batches:
        handled = send_batch(issue_id, batch_size)
        if not handled:
            break
        total += handled
        batches += 1
    return total


def send_pending(batch_size=BATCH_SIZE):
    """Finish every issue that is being sent; returns {issue id: subscribers handled now}."""
    ids = Issue.objects.filter(status=Issue.Status.SENDING).order_by("pk").values_list("pk", flat=True)
    return {issue_id: send_issue(issue_id, batch_size) for issue_id in list(ids)}


def reach(issue):
    """How many confirmed subscribers would get this issue now (three queries, however many subscribers)."""
    items = list(issue.items.all())
    count = 0
    for subscriber in Subscriber.objects.confirmed().prefetch_related("themes", "audiences"):
        theme_ids = [theme.pk for theme in subscriber.themes.all()]
        audience_ids = [audience.pk for audience in subscriber.audiences.all()]
        if any(item.matches(theme_ids, audience_ids) for item in items):
            count += 1
    return count
