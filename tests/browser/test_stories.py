"""Stories in a real browser: axe on the index and a story page; appreciation without JavaScript."""

import re

import pytest

from stories.models import StoryPage
from tests.browser.axe import assert_no_axe_violations


@pytest.fixture
def stories_demo(demo_live_server):
    return StoryPage.objects.live().order_by("pk")


def test_story_pages_pass_axe(stories_demo, demo_page, demo_url):
    story = stories_demo.first()
    for path in ("/verhalen/", "/verhalen/?theme=inclusie&audience=vrijwilligers", story.url):
        response = demo_page.goto(demo_url + path)
        assert response.status == 200, path
        assert demo_page.locator("h1").count() == 1
        assert_no_axe_violations(demo_page)


def test_featured_story_and_filter_by_keyboard(stories_demo, demo_page, demo_url):
    demo_page.goto(demo_url + "/verhalen/")
    assert demo_page.locator(".story-featured").count() == 1
    demo_page.locator("#filter-theme").focus()
    demo_page.keyboard.type("Jongeren")
    demo_page.keyboard.press("Tab")
    demo_page.keyboard.press("Tab")
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**theme=jongeren**")
    expected = stories_demo.filter(themes__slug="jongeren").count()
    assert demo_page.locator(".card").count() == expected
    assert demo_page.locator(".story-featured").count() == 0


def test_appreciate_a_story_without_javascript(stories_demo, chromium_browser, demo_url):
    context = chromium_browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    story = stories_demo.first()
    page.goto(demo_url + story.url)
    # The visually hidden part of the name is a separate box, so browsers put a space before the colon.
    page.get_by_role("button", name=re.compile(rf"^Waarderen ?: {re.escape(story.title)}$")).click()
    page.wait_for_load_state()
    assert page.url == demo_url + story.url
    assert "Dank je wel voor je waardering!" in page.locator(".messages").inner_text()
    assert "1 waardering" in page.locator("form[data-appreciate]").inner_text()
    context.close()
