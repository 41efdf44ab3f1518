"""Theme and audience hubs and the related-content block in a real browser: axe, keyboard, 320 px reflow."""

import re

import pytest

from core import content_registry, hubs
from core.models import Audience, Theme
from expeditions.models import LessonPage
from stories.models import StoryPage
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def hub_paths(demo_live_server):
    theme = Theme.objects.filter(slug="werving").first() or Theme.objects.order_by("name").first()
    audience = Audience.objects.order_by("name").first()
    lesson = LessonPage.objects.live().filter(themes__isnull=False).order_by("pk").first()
    topics = content_registry.get("topics")
    assert topics.tagged(themes=[theme]).exists(), "the demo's forum has no topics on this theme"
    return {
        "index": "/themas/",
        "theme": f"/themas/{theme.slug}/",
        "audience": f"/themas/doelgroep/{audience.slug}/",
        "section": f"/themas/{theme.slug}/tips/",
        "topics": f"/themas/{theme.slug}/{hubs.kind_slug(topics)}/",
        "lesson": lesson.url,
    }


def test_hubs_and_the_related_block_pass_axe(hub_paths, demo_page, demo_url):
    for name, path in hub_paths.items():
        response = demo_page.goto(demo_url + path)
        assert response.status == 200, path
        assert demo_page.locator("h1").count() == 1, path
        if name in ("theme", "audience"):
            assert demo_page.locator(".hub__section").count() >= 2, path
        if name in ("theme", "topics"):  # forum topics, as cards linking to the forum
            assert demo_page.locator('.card a[href*="/forum/onderwerp/"]').count() >= 1, path
        if name == "lesson":
            assert demo_page.locator("section.related .card").count() >= 1
        assert_no_axe_violations(demo_page)


def test_from_a_label_to_its_hub_and_on_to_a_section_by_keyboard(demo_live_server, demo_page, demo_url):
    story = StoryPage.objects.live().filter(themes__isnull=False).order_by("pk").first()
    theme = story.themes.order_by("name").first()
    demo_page.goto(demo_url + story.url)
    link = demo_page.locator(f'.taxonomy a[href="/themas/{theme.slug}/"]')
    link.focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**/themas/{theme.slug}/")
    assert demo_page.locator("h1").inner_text() == theme.name

    # The table of contents leads to a section: the browser moves focus to it.
    toc = demo_page.locator(".hub__toc a").first
    target = toc.get_attribute("href")
    toc.focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{target}")
    assert demo_page.evaluate("() => document.activeElement.id") == target.lstrip("#")

    # Each card's title is a link, reachable with Tab from the section.
    demo_page.keyboard.press("Tab")
    focused_href = demo_page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused_href and focused_href.startswith("/")


def test_show_all_lists_a_section_with_pagination(hub_paths, demo_page, demo_url):
    demo_page.goto(demo_url + hub_paths["theme"])
    more = demo_page.locator(".hub__more a").first
    if more.count() == 0:
        pytest.skip("no section of this theme has more items than the hub shows")
    expected = int(re.search(r"\d+", more.inner_text()).group(0))
    href = more.get_attribute("href")
    more.focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{href}")
    assert demo_page.locator("h1").count() == 1
    assert f"{expected} onderdelen" in demo_page.locator(".hub__total").inner_text()
    assert demo_page.locator(".card").count() == min(expected, 20)
    assert_no_axe_violations(demo_page)


def test_hubs_and_related_blocks_do_not_scroll_sideways_at_320_px(hub_paths, chromium_browser, demo_url):
    for page in open_tab(chromium_browser, demo_url, viewport={"width": 320, "height": 640}):
        for path in hub_paths.values():
            assert page.goto(demo_url + path).status == 200
            assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways at 320 px"
