"""Storing and sending outbox emails, for every section.

``queue_email`` stores a mail in the caller's transaction: a cheap insert, so write transactions stay short.
Either the caller passes the finished content (subject, body_text, optional body_html and attachments), or
only *which* mail goes to whom, and a renderer registered for its ``kind`` writes it when it is sent
(``deliver``, in the background task, outside any transaction; the registration flow does that, see
``events.emails``). After the commit the mail is handed to the background task.

    from events.outbox import queue_email, register_kind
    register_kind("match_request", _("Match request"))          # once, e.g. in AppConfig.ready
    queue_email(kind="match_request", to=team_address, subject=..., body_text=..., body_html=...)

``deliver`` sends one mail. It never holds a database transaction (or lock) while it talks to the
mail server: a short transaction claims the mail, the mail server is called with a timeout
(``EMAIL_TIMEOUT``), and a second short transaction records the outcome. A failing or hanging mail
server never raises into the caller, it only moves the next attempt further away.
"""

import datetime
import enum
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.utils import timezone

from events import conf
from events.models import OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)

MAX_BACKOFF = datetime.timedelta(hours=6)
# How long a claimed mail is held while it is being sent; after a crash it is retried after this.
CLAIM_DURATION = datetime.timedelta(minutes=15)
# What a mail server that is down, refusing or hanging looks like.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError, TimeoutError)


class Delivery(enum.StrEnum):
    """What one call of ``deliver`` did."""

    SENT = "sent"  # handed to the mail server just now
    FAILED = "failed"  # the attempt failed; a retry is planned
    GAVE_UP = "gave_up"  # failed for good: no attempts left, or nothing to send any more
    SKIPPED = "skipped"  # nothing done: sent already, not due, or another worker has it


class NothingSentError(Exception):
    """The mail backend returned without error but reports that it sent nothing."""


# kind -> label (admin), kind -> function(email) -> {subject, body_text, body_html, attachments}, and
# kind -> function(email) -> {header: value} (extra headers, e.g. List-Unsubscribe, added each time it is sent).
_kind_labels = {}
_renderers = {}
_header_builders = {}


def register_kind(kind, label, renderer=None, headers=None):
    """Name a kind of mail for the admin; ``renderer`` writes mails of this kind that were queued unwritten;
    ``headers(email)`` returns extra headers for each mail of this kind when it is sent."""
    _kind_labels[kind] = label
    if renderer is not None:
        _renderers[kind] = renderer
    if headers is not None:
        _header_builders[kind] = headers


def kind_label(kind):
    if kind in OutboxEmail.Kind.values:
        return OutboxEmail.Kind(kind).label
    return _kind_labels.get(kind, kind)


def kind_choices():
    """Every known kind, for the admin's filter."""
    return [*OutboxEmail.Kind.choices, *sorted(_kind_labels.items(), key=lambda item: str(item[1]))]


def queue_email(*, kind, to, registrations=(), **content):
    """Store a mail in the caller's transaction; it is rendered (if need be) and sent after the commit.

    ``registrations`` (instances of ``AbstractRegistration`` subclasses) are linked to the mail, so
    cancelling, reminders and anonymising find it. ``content``: subject, body_text, body_html, attachments
    ([{"filename", "content", "mimetype"}]); without body_text the kind's renderer writes it when it is sent.
    """
    email = OutboxEmail.objects.create(kind=kind, to=to, **content)
    _link(email, registrations)
    transaction.on_commit(lambda: enqueue(email.pk))
    return email


def _link(email, registrations):
    """Link a new mail to its registrations: one INSERT per registration model (a new mail has no links yet,
    so the check for existing links that ``emails.add`` makes is not needed)."""
    by_through = {}
    for registration in registrations:
        field = registration._meta.get_field("emails")
        through = field.remote_field.through
        row = through(**{field.m2m_field_name(): registration, field.m2m_reverse_field_name(): email})
        by_through.setdefault(through, []).append(row)
    for through, rows in by_through.items():
        through.objects.bulk_create(rows)


def enqueue(email_id):
    """After the commit: hand the mail to the task backend, which renders it (if need be) and sends it.

    The request does not render the mail (that took a third of a registration's time): ``deliver`` does,
    in the worker; until then the admin says so and shows a preview (``preview``). Nothing here may fail the
    request that stored the mail: whatever goes wrong, cron's send_outbox picks the mail up.
    """
    from events.tasks import send_outbox_email

    try:
        send_outbox_email.enqueue(email_id)
    except Exception:
        logger.exception("Could not enqueue outbox email %s; send_outbox will retry it", email_id)


def render(email):
    """Subject, bodies and attachments of a stored mail, by the renderer registered for its kind."""
    from events import emails  # registers the registration flow's renderers

    renderer = _renderers.get(email.kind) or emails.RENDERERS.get(email.kind)
    if renderer is None:
        raise ValueError(f"Outbox email {email.pk} of kind {email.kind!r} has no content and no renderer.")
    return renderer(email)


def preview(email):
    """What ``render`` would write for a mail that is not written yet, for the admin: nothing is stored or sent.

    A renderer may write to the database (a community mail whose posts were all hidden gives itself up); here that
    happens in a savepoint that is always rolled back. Raises what the renderer raises.
    """
    with transaction.atomic():
        content = render(email)
        transaction.set_rollback(True)
    return content


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
        headers=_header_builders[email.kind](email) if email.kind in _header_builders else None,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment.get("mimetype", "text/plain"))
    return message


def _is_due(email, now):
    return (
        email.status in (OutboxStatus.PENDING, OutboxStatus.FAILED)
        and email.next_attempt_at is not None
        and email.next_attempt_at <= now
    )


def _claim(email_id, now, content):
    """Take the mail for one attempt, in a short transaction. Returns the mail, or the reason it was not taken."""
    # durable: a RuntimeError if a caller's transaction is open, so nobody ever sends inside one.
    with transaction.atomic(durable=True):
        skip_locked = connection.features.has_select_for_update_skip_locked
        email = OutboxEmail.objects.select_for_update(skip_locked=skip_locked).filter(pk=email_id).first()
        if email is None or not _is_due(email, now):
            return Delivery.SKIPPED
        if not email.to:
            # Anonymised before it could be sent: nothing to deliver any more.
            email.status, email.next_attempt_at = OutboxStatus.FAILED, None
            email.save(update_fields=["status", "next_attempt_at"])
            return Delivery.GAVE_UP
        fields = ["attempts", "next_attempt_at"]
        if not email.is_rendered and content:
            for name, value in content.items():
                setattr(email, name, value)
            fields += list(content)
        email.attempts += 1
        # Held while the mail server is called; should this process die, the mail is retried later.
        email.next_attempt_at = now + CLAIM_DURATION
        email.save(update_fields=fields)
        return email


def _record(email, now, error=None):
    """Store the outcome of an attempt (a short transaction of its own)."""
    if error is None:
        email.status, email.sent_at, email.next_attempt_at, email.last_error = OutboxStatus.SENT, now, None, ""
        outcome = Delivery.SENT
    else:
        email.status = OutboxStatus.FAILED
        email.last_error = f"{type(error).__name__}: {error}"[:2000]
        if email.attempts < conf.outbox_max_attempts():
            email.next_attempt_at, outcome = now + backoff(email.attempts), Delivery.FAILED
        else:
            email.next_attempt_at, outcome = None, Delivery.GAVE_UP
        logger.warning("Outbox email %s failed (attempt %s): %s", email.pk, email.attempts, email.last_error)
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=email.status,
        sent_at=email.sent_at,
        next_attempt_at=email.next_attempt_at,
        last_error=email.last_error,
    )
    return outcome


def deliver(email_id, now=None):
    """Send one outbox mail if it is due and no other worker has it. Returns a ``Delivery``."""
    now = now or timezone.now()
    email = OutboxEmail.objects.filter(pk=email_id).first()
    if email is None or not _is_due(email, now):
        return Delivery.SKIPPED
    content, render_error = {}, None
    if email.to and not email.is_rendered:
        try:
            content = render(email)  # outside any transaction
        except Exception as error:  # a broken template must not stop the queue; the admin shows why
            logger.exception("Could not render outbox email %s", email_id)
            render_error = error
    claimed = _claim(email_id, now, content)
    if isinstance(claimed, Delivery):
        return claimed
    email = claimed
    if render_error is not None or not email.is_rendered:
        return _record(email, now, render_error or NothingSentError("The email could not be rendered."))
    try:
        # Outside any transaction, with the mail server's timeout (EMAIL_TIMEOUT).
        if build_message(email).send(fail_silently=False) != 1:
            raise NothingSentError("The mail backend accepted nothing.")
    except (*DELIVERY_ERRORS, NothingSentError) as error:
        return _record(email, now, error)
    return _record(email, now)


def send_due(now=None, limit=500):
    """Try every due pending/failed mail once. Returns how many were sent and how many failed now."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "gave_up": 0}
    for email_id in OutboxEmail.objects.due(now).values_list("pk", flat=True)[:limit]:
        outcome = deliver(email_id, now=now)
        if outcome != Delivery.SKIPPED:
            counts[outcome.value] += 1
    return counts
