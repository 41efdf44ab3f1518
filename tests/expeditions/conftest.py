"""Fixtures for the expeditions: an index under the home page, expeditions, leaders with accounts."""

import datetime

import pytest
from django.contrib.auth.models import Group

from core.factories import UserFactory
from expeditions import permissions
from expeditions.factories import (
    ExpeditionIndexPageFactory,
    ExpeditionLeaderFactory,
    ExpeditionLeadershipFactory,
    ExpeditionPageFactory,
    LessonPageFactory,
)
from expeditions.models import ExpeditionLeader


@pytest.fixture
def index_page(home_page):
    return ExpeditionIndexPageFactory(parent=home_page)


@pytest.fixture
def make_expedition(index_page):
    def make(**kwargs):
        kwargs.setdefault("start_date", datetime.date(2021, 3, 1))
        kwargs.setdefault("end_date", datetime.date(2021, 10, 31))
        return ExpeditionPageFactory(parent=index_page, **kwargs)

    return make


@pytest.fixture
def expedition(make_expedition):
    return make_expedition(title="Sportclub De Zwaluwen", slug="de-zwaluwen")


@pytest.fixture
def other_expedition(make_expedition):
    return make_expedition(title="Zorgcentrum De Lindehof", slug="de-lindehof", province="noord-brabant")


@pytest.fixture
def lesson(expedition):
    return LessonPageFactory(parent=expedition, title="Knip de klus in stukjes", slug="knip-de-klus")


@pytest.fixture
def other_lesson(other_expedition):
    return LessonPageFactory(parent=other_expedition, title="Meelopen voor de papieren", slug="meelopen")


def make_leader_user(username):
    """An active user with a password: how a leader looks once an administrator activated the account."""
    return UserFactory(username=username, password="correct-horse-battery", is_active=True)


@pytest.fixture
def leader(expedition) -> ExpeditionLeader:
    """A leader with an account, assigned to `expedition` (and to nothing else)."""
    leader = ExpeditionLeaderFactory(name="Anna de Jong", user=make_leader_user("anna"))
    ExpeditionLeadershipFactory(expedition=expedition, leader=leader)
    return leader


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader.user)
    return client


@pytest.fixture
def programme_team_user(index_page):
    user = make_leader_user("programmateam")
    user.groups.add(Group.objects.get(name=permissions.PROGRAMME_TEAM_GROUP))
    return user
