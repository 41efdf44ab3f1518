"""A mail server that accepts the connection and then never answers.

Registering still works: the registration is stored and the visitor sees the confirmation within
the mail server's timeout; the mail waits in the outbox and goes out once the server is back. No
database transaction is ever open while the mail server is called (that held the SQLite write lock,
so other people's registrations failed with "database is locked").
"""

import datetime
import time

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import smtp
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from knowledgeboost.factories import SessionPageFactory
from knowledgeboost.models import OutboxEmail, OutboxStatus, Registration, RegistrationStatus

from .conftest import HangingMailServer
from .http_workers import Visitor, gunicorn, manage, shared_database, task_worker

pytestmark = pytest.mark.django_db(transaction=True)  # real commits, as in production

REGISTRATIONS = 8


class TransactionCheckingSMTPBackend(smtp.EmailBackend):
    """Django's SMTP backend that notes, each time it calls the mail server, whether a transaction is open."""

    in_transaction = []

    def open(self):
        TransactionCheckingSMTPBackend.in_transaction.append(connection.in_atomic_block)
        return super().open()


def test_registrations_one_after_another_succeed_while_the_mail_server_hangs(
    session_page, registration_data, client, settings, hanging_mail_server, tmp_path
):
    settings.EMAIL_BACKEND = f"{__name__}.TransactionCheckingSMTPBackend"
    TransactionCheckingSMTPBackend.in_transaction = []

    for number in range(REGISTRATIONS):
        started = time.monotonic()
        response = client.post(session_page.url, {**registration_data, "email": f"deelnemer{number}@example.org"})
        seconds = time.monotonic() - started
        assert response.status_code == 302, response.content.decode()[:500]
        # Bounded by the mail server's timeout (1 s), not by the mail server.
        assert seconds < settings.EMAIL_TIMEOUT + 4
        assert "Bedankt voor je aanmelding" in client.get(response["Location"]).content.decode()

    # Everyone is stored (the session has two places), and every mail was tried once, right away...
    registrations = Registration.objects.filter(session=session_page)
    assert registrations.filter(status=RegistrationStatus.REGISTERED).count() == 2
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).count() == REGISTRATIONS - 2
    assert len(hanging_mail_server.connections) == REGISTRATIONS
    # ...never while a database transaction was open.
    assert TransactionCheckingSMTPBackend.in_transaction == [False] * REGISTRATIONS

    # The mails wait in the outbox with a retry planned.
    emails = OutboxEmail.objects.all()
    assert emails.count() == REGISTRATIONS
    now = timezone.now()
    for email in emails:
        assert (email.status, email.attempts) == (OutboxStatus.FAILED, 1)
        assert email.next_attempt_at > now
        assert "timed out" in email.last_error or "Connection unexpectedly closed" in email.last_error
    assert mail.outbox == []

    # The mail server is back: cron's send_outbox sends every one of them, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = tmp_path / "send_outbox.txt"
    with time_machine.travel(now + datetime.timedelta(minutes=5), tick=False), open(output, "w") as out:
        call_command("send_outbox", stdout=out)
    assert output.read_text().strip() == f"Outbox: {REGISTRATIONS} sent, 0 failed (will be retried), 0 failed for good."
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"deelnemer{number}@example.org" for number in range(REGISTRATIONS)
    )
    assert OutboxEmail.objects.filter(status=OutboxStatus.SENT).count() == REGISTRATIONS


def wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_production_task_worker_waits_for_a_hanging_mail_server_without_blocking_registrations(home_page, tmp_path):
    """Gunicorn and `db_worker` on a shared database (a SQLite file, or PostgreSQL), as in production.

    Before the fix the worker held a transaction open while the mail server hung, and 4 of 8 people
    who registered meanwhile got a 500 ("database is locked") on SQLite.
    """
    session = SessionPageFactory(parent=home_page, title="Sessie met haperende mail", capacity=3)
    url = session.url
    database = shared_database(tmp_path)
    locked_while_sending = []
    # Each time the worker calls the mail server: is a transaction (the SQLite write lock) held meanwhile?
    mail_server = HangingMailServer(on_connect=lambda: locked_while_sending.append(database.transaction_held()))
    env = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_server.port),
        "EMAIL_TIMEOUT": "2",
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "OUTBOX_BACKOFF_SECONDS": "1",
    }
    results = []
    try:
        with gunicorn(database.url, workers=2, env=env) as web, task_worker(database.url, env):
            for number in range(REGISTRATIONS):
                visitor = Visitor(web.address, f"10.0.1.{number + 1}")
                visitor.open_form(url)
                data = {"name": f"Deelnemer {number}", "email": f"deelnemer{number}@example.org"}
                results.append(visitor.submit({**data, "organisation": "Vrijwilligerscentrale", "consent": "on"}))
                time.sleep(1)  # one after another, while the worker is waiting for the mail server
            wait_until(lambda: database.count(OutboxEmail, status=OutboxStatus.FAILED) == REGISTRATIONS, 120)
            log = web.log_text()
    finally:
        mail_server.close()

    assert [status for status, _location, _seconds in results] == [302] * REGISTRATIONS, log[-3000:]
    assert max(seconds for _status, _location, seconds in results) < 5
    assert database.count(Registration, status=RegistrationStatus.REGISTERED) == 3
    assert database.count(Registration, status=RegistrationStatus.WAITLISTED) == REGISTRATIONS - 3
    # The worker tried every mail once, and never held a transaction while the mail server hung.
    assert len(locked_while_sending) == REGISTRATIONS
    assert locked_while_sending == [False] * REGISTRATIONS

    # The mail server is back: cron's send_outbox sends them all (after the 1 s backoff of this test).
    time.sleep(1.5)
    mail_dir = tmp_path / "sent"
    output = manage(
        database.url,
        "send_outbox",
        env={"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(mail_dir)},
    )
    assert output.strip() == f"Outbox: {REGISTRATIONS} sent, 0 failed (will be retried), 0 failed for good."
    sent_to = sorted(
        line.removeprefix("To: ")
        for message in mail_dir.iterdir()
        for line in message.read_text().splitlines()
        if line.startswith("To: ")
    )
    assert sent_to == sorted(f"deelnemer{number}@example.org" for number in range(REGISTRATIONS))
    assert database.count(OutboxEmail, status=OutboxStatus.SENT) == REGISTRATIONS
