import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from core.factories import UserFactory
from knowledgeboost.factories import (
    KnowledgeBoostIndexPageFactory,
    KnowledgeBoostWeekPageFactory,
    RegistrationFactory,
    SessionPageFactory,
)

# The event ended two days ago, on the hour; its evaluation mail was due a day later (tests travel there to send).
ENDED = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=2)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.FEEDBACK_PUBLIC_MINIMUM_RESPONSES = 3
    settings.FEEDBACK_REPORT_MINIMUM_VOTES = 3


@pytest.fixture
def index_page(home_page):
    return KnowledgeBoostIndexPageFactory(parent=home_page)


def make_week(index_page, title="Kennisboostweek Inclusief welkom", day=ENDED):
    monday = (day - datetime.timedelta(days=day.weekday())).date()
    return KnowledgeBoostWeekPageFactory(
        parent=index_page, title=title, start_date=monday, end_date=monday + datetime.timedelta(days=4)
    )


def make_session(week, title="Webinar: wie mis je nog?", end=ENDED):
    return SessionPageFactory(parent=week, title=title, start=end - datetime.timedelta(hours=1), end=end, capacity=50)


@pytest.fixture
def week_page(index_page):
    return make_week(index_page)


@pytest.fixture
def session_page(week_page):
    return make_session(week_page)


@pytest.fixture
def registrations(session_page):
    """Three confirmed participants, one on the waiting list, one who cancelled."""
    confirmed = [RegistrationFactory(session=session_page, name=f"Deelnemer {n}") for n in range(3)]
    RegistrationFactory(session=session_page, status="waitlisted", name="Wachtende")
    RegistrationFactory(session=session_page, status="cancelled", name="Afgemeld", cancelled_at=ENDED)
    return confirmed


@pytest.fixture
def organiser(db):
    """Staff with admin access and the view permission on evaluations and page votes."""
    user = UserFactory(username="organisator", is_staff=True)
    group, _created = Group.objects.get_or_create(name="Evaluaties bekijken")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_evaluation", "view_pagevote"],
        )
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor(db):
    """Staff with admin access but without the feedback permissions."""
    user = UserFactory(username="redacteur", is_staff=True)
    group, _created = Group.objects.get_or_create(name="Alleen admin")
    group.permissions.set(Permission.objects.filter(codename="access_admin"))
    user.groups.add(group)
    return user


def now():
    return timezone.now()
