"""Fixtures of the Kennisboostweken tests: an index, an upcoming week with sessions, mail helpers."""

import datetime
import smtplib

import pytest
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
