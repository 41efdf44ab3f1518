"""Shared fixtures of the community tests: a network with a forum, members, a moderator.

Other community test modules may define their own fixtures beside these (in their own module).
"""

import pytest

from community.factories import ForumPageFactory, MemberFactory
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory


@pytest.fixture
def network(home_page):
    index = NetworkIndexPageFactory(parent=home_page)
    return NetworkPageFactory(parent=index)


@pytest.fixture
def forum(network):
    """The network's forum with the categories "Algemeen" and "Vragen" and its moderators group."""
    return ForumPageFactory(parent=network)


@pytest.fixture
def category(forum):
    return forum.categories.get(slug="algemeen")


@pytest.fixture
def member(db):
    """A verified member who joined a month ago and may post without approval."""
    return MemberFactory(username="anna", first_name="Anna")


@pytest.fixture
def new_member(db):
    """A verified member who joined just now: first post waits for approval, first-day limits apply."""
    return MemberFactory(username="nieuwkomer", first_name="Noor", new=True)


@pytest.fixture
def moderator(forum):
    user = MemberFactory(username="moderator", first_name="Mo")
    user.groups.add(forum.moderators)
    return user


@pytest.fixture
def no_posting_limits(settings):
    """Switch off the interval, the first-day limits and the duplicate check (for tests that post a lot)."""
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_NEW_MEMBER_MAX_TOPICS = 1000
    settings.COMMUNITY_NEW_MEMBER_MAX_REPLIES = 1000
    settings.COMMUNITY_DUPLICATE_WINDOW_SECONDS = 0
