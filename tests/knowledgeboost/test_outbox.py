"""Email that is never lost: the registration is stored first, the mail goes out once the server is back."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from knowledgeboost.models import OutboxEmail, OutboxStatus, Registration
from knowledgeboost.outbox import backoff, deliver

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
    settings.KNOWLEDGEBOOST_OUTBOX_MAX_ATTEMPTS = 3
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert backoff(50) == datetime.timedelta(hours=6)

    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Test", body_text="Hoi")
    now = timezone.now()
    deliver(email.pk, now=now)
    email.refresh_from_db()
    assert email.next_attempt_at == now + datetime.timedelta(minutes=1)
    deliver(email.pk, now=now)
    deliver(email.pk, now=now)
    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (OutboxStatus.FAILED, 3, None)
    assert not OutboxEmail.objects.due(now + datetime.timedelta(days=7)).exists()


def test_a_sent_mail_is_never_sent_again(session_page):
    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Test", body_text="Hoi")
    assert deliver(email.pk) == OutboxStatus.SENT
    assert deliver(email.pk) == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_the_transaction_commits(session_page, registration_data, client):
    # Without running the on-commit callbacks (the transaction of the test never commits) no mail leaves.
    client.post(session_page.url, registration_data)
    assert OutboxEmail.objects.get().status == OutboxStatus.PENDING
    assert mail.outbox == []
