"""Fixtures of the Kennisboostweken tests: an index, an upcoming week with sessions, mail helpers."""

import datetime
import smtplib
import socket
import threading

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from knowledgeboost.factories import (
    KnowledgeBoostIndexPageFactory,
    KnowledgeBoostWeekPageFactory,
    SessionPageFactory,
    next_weekday,
)

SECRET_MEETING_URL = "https://teams.example.org/l/meetup-join/geheim-123"


class ConnectionRefusedBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SMTPDisconnectedBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class PartlyFailingBackend(BaseEmailBackend):
    """A mail server that refuses some recipients, silently drops others (reports 0 sent), delivers the rest."""

    def send_messages(self, email_messages):
        sent = 0
        for message in email_messages:
            if "weigert" in message.to[0]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            if "zoek" in message.to[0]:
                continue
            mail.outbox.append(message)
            sent += 1
        return sent


class HangingMailServer:
    """A mail server that accepts every connection and then never says a word, not even its greeting."""

    def __init__(self, on_connect=None):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.on_connect = on_connect
        self.connections = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                accepted, _address = self.listener.accept()
            except TimeoutError:
                continue
            self.connections.append(accepted)  # kept open, and silent
            if self.on_connect:
                self.on_connect()

    def close(self):
        self.stopped.set()
        self.thread.join(timeout=5)
        self.listener.close()
        for accepted in self.connections:
            accepted.close()


@pytest.fixture
def hanging_mail_server(settings):
    """Django's SMTP backend pointed at a server that hangs, with a timeout of one second."""
    server = HangingMailServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 1
    yield server
    server.close()


@pytest.fixture(autouse=True)
def clear_rate_limit_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index_page(home_page):
    return KnowledgeBoostIndexPageFactory(parent=home_page)


@pytest.fixture
def week_page(index_page):
    monday = next_weekday(0).date()
    return KnowledgeBoostWeekPageFactory(
        parent=index_page, title="Kennisboostweek Nieuwe gezichten", start_date=monday, end_date=monday
    )


@pytest.fixture
def session_page(week_page):
    start = timezone.make_aware(datetime.datetime.combine(week_page.start_date, datetime.time(10)))
    return SessionPageFactory(
        parent=week_page,
        title="Webinar: wie mis je nog?",
        start=start,
        end=start + datetime.timedelta(hours=1),
        capacity=2,
        meeting_url=SECRET_MEETING_URL,
    )


@pytest.fixture
def registration_data():
    return {
        "name": "Anna de Boer",
        "email": "Anna@Example.org",
        "organisation": "Vrijwilligerscentrale Zwolle",
        "municipality": "Zwolle",
        "needs": "Live ondertiteling",
        "consent": "on",
    }


@pytest.fixture
def post_registration(client, django_capture_on_commit_callbacks):
    """POST a registration and run what would happen after the commit (the outbox task)."""

    def post(url, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return post
