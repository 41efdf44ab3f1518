"""The demo's home page and pictures: drawn illustrations with alt text everywhere, no generated shapes."""

import re

from PIL import Image

from core.illustrations import HERE, ILLUSTRATIONS, PORTRAITS
from core.models import ContentPage, HomePage
from expeditions.models import ExpeditionPage, LessonPage
from knowledgeboost.models import KnowledgeBoostWeekPage, SessionPage
from stories.models import StoryPage


def test_pictures_of_the_demo_pages_are_drawn_illustrations_with_alt_text(demo):
    """Home, the about page, expeditions, lessons, Kennisboostweken and their sessions, stories."""
    pages = [
        *ContentPage.objects.live().filter(listing_image__isnull=False),
        *ExpeditionPage.objects.live(),
        *LessonPage.objects.live(),
        *KnowledgeBoostWeekPage.objects.live(),
        *SessionPage.objects.live(),
    ]
    images = {HomePage.objects.get().hero_image, *(page.listing_image for page in pages)}
    images |= {story.portrait for story in StoryPage.objects.live()}
    assert None not in images
    assert len(images) >= 10
    for image in images:
        assert "illustratie-" in image.file.name, image.title
        assert image.alt_text.startswith(("Tekening:", "Getekend portret")), image.title


def test_home_hero_and_story_portraits_use_the_illustrations(demo):
    home = HomePage.objects.get()
    assert "illustratie-vrijwilligers" in home.hero_image.file.name
    stories = list(StoryPage.objects.live().select_related("portrait"))
    assert stories
    for story in stories:
        assert re.search(r"illustratie-portret-\d", story.portrait.file.name), story.title
        assert story.portrait_alt_text == f"Getekend portret van {story.person_name}"


def test_the_shipped_illustrations_are_whole_pictures():
    for key in [*ILLUSTRATIONS, *PORTRAITS]:
        with Image.open(HERE / f"{key}.png") as picture:
            assert picture.size == (1200, 675)
            assert len(picture.convert("RGB").getcolors(maxcolors=1 << 20)) > 50  # drawn and smoothed, not flat


def test_home_page_of_the_demo_guides(demo, client):
    html = client.get("/").content.decode()
    assert html.count("<h1") == 1
    assert "Ik werk bij een gemeente" in html
    assert 'class="key-figure"' in html
    assert "Nieuwste tips" in html
    assert 'class="hero__image"' in html
