"""Addresses are kept only as long as needed: unsubscription hashes and never-confirmed requests are pruned."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import OutboxEmail
from newsletter import emails
from newsletter.models import Subscriber, Unsubscription, email_hash

pytestmark = pytest.mark.django_db


def subscriber(email, created, confirmed):
    row = Subscriber.objects.create(
        email=email,
        consent_text="Ik wil de nieuwsbrief.",
        consented_at=created,
        confirmed_at=created if confirmed else None,
    )
    Subscriber.objects.filter(pk=row.pk).update(created_at=created)
    return row


def test_prune_removes_old_hashes_and_stale_requests(home_page):
    now = timezone.now()
    Unsubscription.objects.create(
        email_hash=email_hash("oud@example.nl"), unsubscribed_at=now - datetime.timedelta(days=31)
    )
    Unsubscription.objects.create(
        email_hash=email_hash("recent@example.nl"), unsubscribed_at=now - datetime.timedelta(days=2)
    )
    subscriber("nooit@example.nl", now - datetime.timedelta(days=9), confirmed=False)
    subscriber("net@example.nl", now - datetime.timedelta(days=1), confirmed=False)
    subscriber("trouw@example.nl", now - datetime.timedelta(days=400), confirmed=True)
    OutboxEmail.objects.create(kind=emails.KIND_CONFIRM, to="nooit@example.nl", subject="Bevestig", body_text="…")

    call_command("prune_newsletter", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(Unsubscription.objects.values_list("email_hash", flat=True)) == [email_hash("recent@example.nl")]
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == ["net@example.nl", "trouw@example.nl"]
    assert not OutboxEmail.objects.filter(to="nooit@example.nl").exists()


def test_the_hash_does_not_reveal_the_address():
    value = email_hash("Sam@Example.nl")
    assert value == email_hash(" sam@example.nl ")
    assert "sam" not in value and len(value) == 64
