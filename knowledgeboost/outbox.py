"""Storing and sending outbox emails.

``queue_email`` stores the mail in the caller's transaction and schedules the background task
for after the commit. ``deliver`` sends one mail, recording the attempt; a failing mail server
never raises into the caller, it only moves the next attempt further away.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.utils import timezone

from knowledgeboost import conf
from knowledgeboost.models import OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)

MAX_BACKOFF = datetime.timedelta(hours=6)
# What a mail server that is down or refusing looks like.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


def queue_email(*, kind, to, subject, body_text, body_html="", attachments=(), registrations=()):
    email = OutboxEmail.objects.create(
        kind=kind,
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=list(attachments),
    )
    if registrations:
        email.registrations.add(*registrations)
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def enqueue_delivery(email_id):
    """Hand the mail to the task backend; if even that fails, cron's send_outbox picks it up."""
    from knowledgeboost.tasks import send_outbox_email

    try:
        send_outbox_email.enqueue(email_id)
    except Exception:
        logger.exception("Could not enqueue outbox email %s; send_outbox will retry it", email_id)


def backoff(attempts):
    """Delay before the next attempt after `attempts` failures: 1, 2, 4, 8 … minutes, at most 6 hours."""
    seconds = conf.outbox_backoff_seconds() * 2 ** min(max(attempts - 1, 0), 20)
    return min(datetime.timedelta(seconds=seconds), MAX_BACKOFF)


def build_message(email):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment.get("mimetype", "text/plain"))
    return message


def deliver(email_id, now=None):
    """Send one outbox mail unless it is sent already or another worker holds it. Returns the new status."""
    now = now or timezone.now()
    with transaction.atomic():
        skip_locked = connection.features.has_select_for_update_skip_locked
        locking = OutboxEmail.objects.select_for_update(skip_locked=skip_locked)
        email = locking.filter(pk=email_id).first()
        if email is None or email.status == OutboxStatus.SENT:
            return email.status if email else None
        if not email.to:
            # Anonymised before it could be sent: nothing to deliver any more.
            email.status, email.next_attempt_at = OutboxStatus.FAILED, None
            email.save(update_fields=["status", "next_attempt_at"])
            return email.status
        email.attempts += 1
        try:
            build_message(email).send(fail_silently=False)
        except DELIVERY_ERRORS as error:
            email.status = OutboxStatus.FAILED
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts < conf.outbox_max_attempts():
                email.next_attempt_at = now + backoff(email.attempts)
            else:
                email.next_attempt_at = None
            logger.warning("Outbox email %s failed (attempt %s): %s", email.pk, email.attempts, email.last_error)
        else:
            email.status = OutboxStatus.SENT
            email.sent_at = now
            email.next_attempt_at = None
            email.last_error = ""
        email.save(update_fields=["status", "attempts", "next_attempt_at", "last_error", "sent_at"])
        return email.status


def send_due(now=None, limit=500):
    """Send every due pending/failed mail once. Returns {"sent": n, "failed": n}."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0}
    for email_id in OutboxEmail.objects.due(now).values_list("pk", flat=True)[:limit]:
        status = deliver(email_id, now=now)
        if status == OutboxStatus.SENT:
            counts["sent"] += 1
        elif status == OutboxStatus.FAILED:
            counts["failed"] += 1
    return counts
