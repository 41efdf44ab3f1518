"""The demo's home page and pictures: drawn illustrations with alt text everywhere, no generated shapes."""

import re

from PIL import Image

from core.illustrations import HERE, ILLUSTRATIONS, PORTRAITS
from core.models import CustomImage, HomePage
from stories.models import StoryPage


def test_every_demo_picture_is_a_drawn_illustration_with_alt_text(demo):
    images = list(CustomImage.objects.all())
    assert len(images) >= 5
    for image in images:
        assert "illustratie-" in image.file.name, image.title
        assert image.alt_text.startswith(("Tekening:", "Getekend portret")), image.title


def test_home_hero_and_story_portraits_use_the_illustrations(demo):
    home = HomePage.objects.get()
    assert "illustratie-vrijwilligers" in home.hero_image.file.name
    stories = list(StoryPage.objects.live().select_related("portrait"))
    assert stories
    for story in stories:
        assert re.search(r"illustratie-portret-\d\.png", story.portrait.file.name), story.title
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
