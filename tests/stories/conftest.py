import pytest
from django.core.cache import cache

from core.factories import AudienceFactory, ImageFactory, ThemeFactory
from stories.factories import StoryIndexPageFactory, StoryPageFactory


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def stories(story_index):
    jongeren = ThemeFactory(name="Jongeren")
    inclusie = ThemeFactory(name="Inclusie")
    gemeenten = AudienceFactory(name="Gemeenten")
    result = []
    for title, theme, audiences in (
        ("Studenten houden het buurthuis open", jongeren, []),
        ("Meedoen met een rolstoel", inclusie, [gemeenten]),
        ("Een taalcafé in de wijk", inclusie, []),
    ):
        story = StoryPageFactory(
            parent=story_index,
            title=title,
            portrait=ImageFactory(),
            portrait_alt_text=f"Portret bij {title}",
        )
        story.themes.set([theme])
        story.audiences.set(audiences)
        story.save_revision().publish()
        result.append(story)
    return result
