"""Email that is never lost: the registration is stored first, the mail goes out once the server is back."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.outbox import Delivery, backoff, deliver
from knowledgeboost.models import OutboxEmail, OutboxStatus, Registration

pytestmark = pytest.mark.django_db

BACKENDS = [
    "tests.knowledgeboost.conftest.ConnectionRefusedBackend",
    "tests.knowledgeboost.conftest.SMTPDisconnectedBackend",
]


def send_outbox(moment, django_capture_on_commit_callbacks):
    with time_machine.travel(moment, tick=False):
        call_command("send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.mark.parametrize("backend", BACKENDS)
def test_registration_survives_a_failing_mail_server(
    backend, session_page, registration_data, post_registration, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = backend
    response = post_registration(session_page.url, registration_data)

    # The person sees the confirmation and the registration is stored.
    assert response.status_code == 302
    assert "Bedankt voor je aanmelding" in client.get(response["Location"]).content.decode()
    assert Registration.objects.filter(email="anna@example.org").exists()

    # The mail waits in the outbox, visible as failed, with a retry planned.
    email = OutboxEmail.objects.get()
    assert email.status == OutboxStatus.FAILED
    assert email.attempts == 1
    assert email.last_error
    assert email.next_attempt_at > timezone.now()

    # Cron before the retry time sends nothing; the mail server is still down anyway.
    send_outbox(timezone.now(), django_capture_on_commit_callbacks)
    assert OutboxEmail.objects.get().attempts == 1

    # The mail server is back: the next run after the backoff sends it, exactly once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + datetime.timedelta(minutes=5)
    send_outbox(later, django_capture_on_commit_callbacks)
    send_outbox(later + datetime.timedelta(minutes=10), django_capture_on_commit_callbacks)
    email.refresh_from_db()
    assert email.status == OutboxStatus.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]


def test_backoff_doubles_and_gives_up_after_max_attempts(session_page, settings):
    settings.EMAIL_BACKEND = BACKENDS[0]
    settings.OUTBOX_MAX_ATTEMPTS = 3
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(50) == datetime.timedelta(hours=6)

    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Test", body_text="Hoi")
    now = timezone.now()
    assert deliver(email.pk, now=now) == Delivery.FAILED
    email.refresh_from_db()
    assert email.next_attempt_at == now + datetime.timedelta(minutes=1)
    assert deliver(email.pk, now=now) == Delivery.SKIPPED  # not due yet: no attempt
    second = email.next_attempt_at
    assert deliver(email.pk, now=second) == Delivery.FAILED
    email.refresh_from_db()
    assert email.next_attempt_at == second + datetime.timedelta(minutes=2)
    assert deliver(email.pk, now=email.next_attempt_at) == Delivery.GAVE_UP
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (OutboxStatus.FAILED, 3, None)
    assert not OutboxEmail.objects.due(now + datetime.timedelta(days=7)).exists()


def test_a_sent_mail_is_never_sent_again(session_page):
    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Test", body_text="Hoi")
    assert deliver(email.pk) == Delivery.SENT
    assert deliver(email.pk) == Delivery.SKIPPED
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_the_transaction_commits(session_page, registration_data, client):
    # Without running the on-commit callbacks (the transaction of the test never commits) no mail leaves.
    client.post(session_page.url, registration_data)
    assert OutboxEmail.objects.get().status == OutboxStatus.PENDING
    assert mail.outbox == []


def test_send_outbox_counts_only_what_it_really_sent(session_page, settings, tmp_path):
    settings.EMAIL_BACKEND = "tests.knowledgeboost.conftest.PartlyFailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    for to in ["een@example.org", "twee@example.org", "weigert@example.org", "raakt-zoek@example.org", ""]:
        OutboxEmail.objects.create(kind="confirmation", to=to, subject="Test", body_text="Hoi")
    sent_before = OutboxEmail.objects.create(
        kind="confirmation", to="al@example.org", subject="Test", body_text="Hoi", status=OutboxStatus.SENT
    )

    output = tmp_path / "out.txt"
    with open(output, "w") as out:
        call_command("send_outbox", stdout=out)

    # Two mails reached the server; the refused one and the one the backend dropped are retried; the
    # anonymised one (no address left) is given up; the mail sent earlier is not counted again.
    assert output.read_text().strip() == "Outbox: 2 sent, 2 failed (will be retried), 1 failed for good."
    assert sorted(message.to[0] for message in mail.outbox) == ["een@example.org", "twee@example.org"]
    statuses = dict(OutboxEmail.objects.exclude(pk=sent_before.pk).values_list("to", "status"))
    assert statuses == {
        "een@example.org": OutboxStatus.SENT,
        "twee@example.org": OutboxStatus.SENT,
        "weigert@example.org": OutboxStatus.FAILED,
        "raakt-zoek@example.org": OutboxStatus.FAILED,
        "": OutboxStatus.FAILED,
    }
    dropped = OutboxEmail.objects.get(to="raakt-zoek@example.org")
    assert dropped.next_attempt_at is not None and "accepted nothing" in dropped.last_error
    assert "No such user" in OutboxEmail.objects.get(to="weigert@example.org").last_error
