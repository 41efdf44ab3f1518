import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.test.utils import WagtailPageTestCase

from core.factories import ContentPageFactory, ImageFactory
from core.models import HomePage
from stories.factories import StoryPageFactory
from stories.models import StoryIndexPage, StoryPage, StoryRelatedPage
from stories.wagtail_hooks import newest_stories


class TestPageTree(WagtailPageTestCase):
    def test_where_story_pages_may_be_created(self):
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertCanCreateAt(StoryIndexPage, StoryPage)
        self.assertCanNotCreateAt(HomePage, StoryPage)


@pytest.mark.django_db
def test_story_page_shows_person_portrait_with_alt_text_and_quote(client, stories):
    story = stories[1]
    response = client.get(story.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Meedoen met een rolstoel</h1>" in html
    assert story.person_name in html
    assert 'alt="Portret bij Meedoen met een rolstoel"' in html
    assert "<blockquote><p>Ik krijg er minstens zoveel voor terug als ik geef.</p></blockquote>" in html
    assert "Waarderen" in html and "Delen" in html
    assert f'<link rel="canonical" href="http://localhost{story.url}">' in html


@pytest.mark.django_db
def test_a_portrait_needs_an_alt_text(story_index):
    story = StoryPage(title="Zonder alt-tekst", slug="zonder", person_name="Sam", portrait=ImageFactory())
    with pytest.raises(ValidationError) as error:
        story_index.add_child(instance=story)
    assert "portrait_alt_text" in error.value.message_dict


@pytest.mark.django_db
def test_related_pages_only_show_when_live(client, home_page, story_index):
    live = ContentPageFactory(parent=home_page, title="Expeditie Nieuwe Gezichten")
    draft = ContentPageFactory(parent=home_page, title="Nog niet gepubliceerd", live=False)
    story = StoryPageFactory(parent=story_index)
    story.related_links = [StoryRelatedPage(page=live), StoryRelatedPage(page=draft)]
    story.save_revision().publish()
    html = client.get(story.url).content.decode()
    assert "Lees hier meer over" in html
    assert "Expeditie Nieuwe Gezichten" in html
    assert "Nog niet gepubliceerd" not in html


@pytest.mark.django_db
def test_index_features_the_newest_story_by_default(client, story_index, stories):
    html = client.get(story_index.url).content.decode()
    featured = html[html.index("story-featured") : html.index("story-filter-heading")]
    assert "Een taalcafé in de wijk" in featured
    assert "2 verhalen" in html  # the featured one is not repeated in the list


@pytest.mark.django_db
def test_index_features_the_editors_choice(client, story_index, stories):
    story_index.featured_story = stories[0]
    story_index.save_revision().publish()
    html = client.get(story_index.url).content.decode()
    featured = html[html.index("story-featured") : html.index("story-filter-heading")]
    assert "Studenten houden het buurthuis open" in featured


@pytest.mark.django_db
def test_index_filters_by_theme_and_audience(client, story_index, stories):
    html = client.get(story_index.url, {"theme": "inclusie"}).content.decode()
    assert "Meedoen met een rolstoel" in html and "Een taalcafé in de wijk" in html
    assert "Studenten houden het buurthuis open" not in html
    assert "2 verhalen" in html
    html = client.get(story_index.url, {"theme": "inclusie", "audience": "gemeenten"}).content.decode()
    assert "1 verhaal" in html and "Een taalcafé in de wijk" not in html


@pytest.mark.django_db
def test_index_query_count_is_flat(client, story_index, stories):
    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(story_index.url).status_code == 200
        return len(context.captured_queries)

    count()
    few = count()
    for number in range(8):
        story = StoryPageFactory(
            parent=story_index, title=f"Verhaal {number}", portrait=ImageFactory(), portrait_alt_text="Portret"
        )
        story.save_revision().publish()
    count()  # renditions are created once, on first view
    assert count() == few


@pytest.mark.django_db
def test_appreciating_a_story(client, stories):
    story = stories[0]
    response = client.post(f"/waarderen/stories.storypage/{story.pk}/", HTTP_ACCEPT="application/json")
    assert response.json()["count"] == 1
    assert "1 waardering" in client.get(story.url).content.decode()


@pytest.mark.django_db
def test_draft_stories_cannot_be_appreciated(client, story_index):
    draft = StoryPageFactory(parent=story_index, live=False)
    assert client.post(f"/waarderen/stories.storypage/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_home_section(home_page, story_index, stories, rf):
    section = newest_stories(home_page, rf.get("/"))
    assert section.order == 40
    assert str(section.title) == "Verhalen"
    assert [story.title for story in section.items] == [story.title for story in reversed(stories)]
    assert section.more_url == story_index.url


def test_demo_has_at_least_eight_stories_and_is_idempotent(demo):
    from core.demo import DemoBuilder
    from core.demo_content import seed_core
    from stories.demo import seed_stories
    from tips.demo import seed_tips

    assert StoryPage.objects.live().count() >= 8
    assert StoryIndexPage.objects.get().featured_story is not None
    assert all(story.portrait_alt_text for story in StoryPage.objects.all())
    again = DemoBuilder()
    seed_core(again)
    seed_tips(again)
    seed_stories(again)
    assert again.created == 0
