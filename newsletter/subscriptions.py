"""Subscribing (double opt-in), confirming, changing choices, unsubscribing and pruning: the newsletter's rules.

- ``subscribe`` never says whether an address is known (the visitor always reads "check your mailbox"): a new or
  unconfirmed address gets the confirmation mail, a confirmed one a mail with the link to its settings (its choices
  are not changed by whoever typed the address). At most one such mail per address per ``RESEND_INTERVAL``.
- ``unsubscribe`` deletes the subscriber and blanks the address in the newsletter's outbox mails (queued ones are
  then never sent); only a keyed hash of the address stays (``Unsubscription``), until ``prune`` removes it.
- ``prune`` (``manage.py prune_newsletter``, nightly) removes those hashes after
  ``NEWSLETTER_UNSUBSCRIBE_RETENTION_DAYS`` (30) and requests that were never confirmed once their link expired.
"""

import datetime
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletter import emails, tokens
from newsletter.models import Subscriber, Unsubscription, email_hash, normalise_email

RESEND_INTERVAL = datetime.timedelta(minutes=10)

CONSENT_TEXT = _(
    "I want to receive the newsletter of the Kennisplatform by email, with the themes and audiences I chose. "
    "My email address and choices are only used for the newsletter. I can unsubscribe at any time with the link "
    "in every newsletter."
)


class Outcome:
    NEW = "new"
    PENDING = "pending"
    CONFIRMED = "confirmed"


def retention():
    return datetime.timedelta(days=int(getattr(settings, "NEWSLETTER_UNSUBSCRIBE_RETENTION_DAYS", 30)))


def _may_mail(subscriber, now):
    return subscriber.confirmation_sent_at is None or now - subscriber.confirmation_sent_at >= RESEND_INTERVAL


def subscribe(email, themes, audiences, consent_text, now=None):
    """Store a request (or renew a pending one) and queue the right mail; returns an ``Outcome`` value."""
    now = now or timezone.now()
    email = normalise_email(email)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(
                        email=email, consent_text=str(consent_text), consented_at=now, confirmation_sent_at=now
                    )
            except IntegrityError:  # the same address at the same moment: the other request handles it
                return Outcome.PENDING
            subscriber.themes.set(themes)
            subscriber.audiences.set(audiences)
            emails.queue_confirmation(subscriber)
            return Outcome.NEW
        if subscriber.is_confirmed:
            if _may_mail(subscriber, now):
                Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=now)
                emails.queue_already_subscribed(subscriber)
            return Outcome.CONFIRMED
        subscriber.consent_text, subscriber.consented_at = str(consent_text), now
        fields = ["consent_text", "consented_at", "updated_at"]
        send = _may_mail(subscriber, now)
        if send:
            subscriber.confirmation_sent_at = now
            fields.append("confirmation_sent_at")
        subscriber.save(update_fields=fields)
        subscriber.themes.set(themes)
        subscriber.audiences.set(audiences)
        if send:
            emails.queue_confirmation(subscriber)
        return Outcome.PENDING


def subscriber_for(public_id):
    """The subscriber with this public id (from a signed link), or None."""
    try:
        value = uuid.UUID(str(public_id))
    except (TypeError, ValueError):
        return None
    return Subscriber.objects.filter(public_id=value).first()


def confirm(subscriber, now=None):
    """Confirm the address (once; later clicks change nothing). Returns True when this call confirmed it."""
    now = now or timezone.now()
    with transaction.atomic():
        confirmed = Subscriber.objects.filter(pk=subscriber.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, updated_at=now
        )
        if confirmed:
            Unsubscription.objects.filter(email_hash=email_hash(subscriber.email)).delete()
    subscriber.refresh_from_db()
    return bool(confirmed)


def update_choices(subscriber, themes, audiences):
    with transaction.atomic():
        subscriber.themes.set(themes)
        subscriber.audiences.set(audiences)
        Subscriber.objects.filter(pk=subscriber.pk).update(updated_at=timezone.now())


def forget_address(address):
    """Blank this address in the newsletter's outbox mails: queued ones are then never sent (the outbox gives up on
    a mail without address), sent ones no longer show it."""
    from events.models import OutboxEmail

    OutboxEmail.objects.filter(kind__in=emails.KINDS, to__iexact=address).update(to="")


def unsubscribe(subscriber, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        Unsubscription.objects.update_or_create(
            email_hash=email_hash(subscriber.email), defaults={"unsubscribed_at": now}
        )
        forget_address(subscriber.email)
        subscriber.delete()


def is_unsubscribed(address):
    return Unsubscription.objects.filter(email_hash=email_hash(address)).exists()


def prune(now=None):
    """Delete expired unsubscription hashes and never-confirmed requests; returns (hashes, requests) deleted."""
    now = now or timezone.now()
    hashes, _details = Unsubscription.objects.filter(unsubscribed_at__lt=now - retention()).delete()
    stale = Subscriber.objects.pending().filter(
        created_at__lt=now - datetime.timedelta(seconds=tokens.confirm_max_age()) - datetime.timedelta(days=1)
    )
    requests = 0
    with transaction.atomic():
        for subscriber in stale.select_for_update():
            forget_address(subscriber.email)
            subscriber.delete()
            requests += 1
    return hashes, requests
