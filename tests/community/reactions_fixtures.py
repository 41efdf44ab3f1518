"""Fixtures of the reactions tests: one page of each type that takes reactions, and a tip.

Imported into the tests/community/test_reactions_*.py modules as ``*_fixture`` (pytest registers them as ``story``,
``lesson``, ``tip`` and ``agenda``; the shared conftest has the members).
"""

import pytest

from community.factories import MemberFactory, PostFactory
from community.models import PostStatus, Thread, ThreadKind
from community.reactions import content_type_of
from expeditions.factories import ExpeditionIndexPageFactory, ExpeditionPageFactory, LessonPageFactory
from networks.factories import (
    InclusionAgendaPageFactory,
    MunicipalityIndexPageFactory,
    MunicipalityPageFactory,
    NetworkIndexPageFactory,
    NetworkPageFactory,
)
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory


@pytest.fixture(name="story")
def story_fixture(home_page):
    index = StoryIndexPageFactory(parent=home_page)
    return StoryPageFactory(parent=index, title="Het verhaal van Fatima", slug="fatima")


@pytest.fixture(name="lesson")
def lesson_fixture(home_page):
    index = ExpeditionIndexPageFactory(parent=home_page)
    expedition = ExpeditionPageFactory(parent=index, slug="expeditie-zwolle")
    return LessonPageFactory(parent=expedition, title="Jongeren bereik je persoonlijk", slug="jongeren")


@pytest.fixture(name="tip")
def tip_fixture(home_page):
    index = TipCollectionIndexPageFactory(parent=home_page)
    collection = TipCollectionPageFactory(parent=index, slug="bijeenkomst")
    return TipFactory(page=collection, title="Vraag mensen persoonlijk")


@pytest.fixture(name="agenda")
def agenda_fixture(home_page):
    networks = NetworkIndexPageFactory(parent=home_page)
    network = NetworkPageFactory(parent=networks)
    municipalities = MunicipalityIndexPageFactory(parent=network)
    municipality = MunicipalityPageFactory(parent=municipalities)
    return InclusionAgendaPageFactory(parent=municipality)


def reactions_thread(target):
    thread, _created = Thread.objects.get_or_create(
        kind=ThreadKind.REACTIONS, target_type=content_type_of(target), target_id=target.pk
    )
    return thread


def add_reactions(target, count, status=PostStatus.VISIBLE, author=None, text="Reactie nummer", **kwargs):
    """``count`` reactions made directly (without the posting rules), oldest first."""
    thread = reactions_thread(target)
    author = author or MemberFactory()
    return [
        PostFactory(thread=thread, author=author, status=status, body=f"{text} {number}.", **kwargs)
        for number in range(count)
    ]
