"""The engine is tested through the first section built on it (Kennisboostweken): a Wagtail page model of its
own only for the tests would need a migration in a test app."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from events import registry
from knowledgeboost.factories import SessionPageFactory
from knowledgeboost.models import SessionPage


@pytest.fixture
def event_page(home_page):
    start = timezone.now() + datetime.timedelta(days=10)
    return SessionPageFactory(
        parent=home_page,
        title="Netwerkbijeenkomst Zwolle",
        start=start,
        end=start + datetime.timedelta(hours=2),
        capacity=1,
        meeting_url="https://teams.example.org/l/geheim",
    )


@pytest.fixture
def generic_templates(monkeypatch):
    """The event type as a section without templates of its own would have it: the engine's generic wording."""
    event_type = registry.for_page(SessionPage)
    generic = dataclasses.replace(event_type, template_prefix="no-such-section")
    monkeypatch.setitem(registry._types, event_type.label, generic)
    return generic


@pytest.fixture
def person():
    return {"name": "Fatima El Amrani", "email": "Fatima@Example.org", "organisation": "Gemeente Zwolle"}
