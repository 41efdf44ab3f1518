import datetime

import pytest
from django.utils import timezone

from core import content_registry
from core.factories import AudienceFactory, ThemeFactory
from stories.factories import StoryIndexPageFactory, StoryPageFactory
from stories.models import StoryPage


@pytest.fixture
def stories_kind(monkeypatch):
    """A registry with one kind (stories), whatever the sections register: the tests know what to expect."""
    kind = content_registry.ContentKind(key="stories", label="Verhalen", model=StoryPage)
    monkeypatch.setattr(content_registry, "_kinds", {"stories": kind})
    return kind


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def terms(db):
    return {
        "inclusie": ThemeFactory(name="Inclusie", slug="inclusie"),
        "armoede": ThemeFactory(name="Armoede", slug="armoede"),
        "gemeenten": AudienceFactory(name="Gemeenten", slug="gemeenten"),
        "vrijwilligers": AudienceFactory(name="Vrijwilligers", slug="vrijwilligers"),
    }


@pytest.fixture
def make_story(story_index):
    def make(title, themes=(), audiences=(), published=None):
        story = StoryPageFactory(parent=story_index, title=title, listing_summary=f"Over {title.lower()}.")
        story.first_published_at = published or timezone.now() - datetime.timedelta(hours=1)
        story.save()
        story.themes.set(themes)
        story.audiences.set(audiences)
        story.save()
        return story

    return make
