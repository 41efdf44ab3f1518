"""Easy-read in a real browser: switch by keyboard, get easy-read by default on another page, switch back; axe
on both versions; 320 px without sideways scrolling; and the switch without JavaScript."""

import pytest

from core.models import ContentPage
from stories.models import StoryPage
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab

EASY_LINK = "Makkelijk lezen (B1)"
STANDARD_LINK = "Standaard taal"


@pytest.fixture
def pages(demo_live_server):
    about = ContentPage.objects.get(slug="over-het-programma")
    story = StoryPage.objects.get(slug="een-kop-koffie-werd-een-taalcafe")
    privacy = ContentPage.objects.get(slug="privacyverklaring")
    return about, story, privacy


def current(page):
    return page.locator('#leesversie a[aria-current="true"]').inner_text()


def test_switch_by_keyboard_and_get_easy_read_on_the_next_page(pages, demo_page, demo_url):
    about, story, privacy = pages
    demo_page.goto(demo_url + about.url)
    assert current(demo_page) == STANDARD_LINK
    assert "Meer mensen, meer verschillende mensen" in demo_page.locator("main").inner_text()
    assert_no_axe_violations(demo_page)

    # Tab from the top of the page to the easy-read link, then Enter.
    for _ in range(60):
        demo_page.keyboard.press("Tab")
        if demo_page.evaluate("document.activeElement.textContent.trim()") == EASY_LINK:
            break
    else:
        pytest.fail("The easy-read link cannot be reached with Tab")
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{about.url}#leesversie")
    assert current(demo_page) == EASY_LINK
    main = demo_page.locator("main").inner_text()
    assert "Dit is de uitleg in makkelijke taal" in main
    assert "Meer mensen, meer verschillende mensen" not in main
    assert_no_axe_violations(demo_page)

    # Another page with an easy-read version: easy-read by default.
    demo_page.goto(demo_url + story.url)
    assert current(demo_page) == EASY_LINK
    assert "Fatima had twee buurvrouwen" in demo_page.locator("main").inner_text()
    assert_no_axe_violations(demo_page)

    # A page without one: the normal page, no switch.
    demo_page.goto(demo_url + privacy.url)
    assert demo_page.locator("#leesversie").count() == 0
    assert demo_page.locator("h1").inner_text() == privacy.title

    # Back to standard language, remembered too.
    demo_page.goto(demo_url + story.url)
    demo_page.get_by_role("link", name=STANDARD_LINK).focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{story.url}#leesversie")
    demo_page.goto(demo_url + about.url)
    assert current(demo_page) == STANDARD_LINK


def test_both_versions_fit_in_320_pixels(pages, chromium_browser, demo_url):
    about, story, _privacy = pages
    for tab in open_tab(chromium_browser, demo_url, viewport={"width": 320, "height": 640}):
        for path in (about.url, f"{about.url}?leesversie=makkelijk", story.url):
            tab.goto(demo_url + path)
            width = tab.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert width[0] <= width[1], (path, width)
            assert tab.locator("#leesversie").is_visible()
        assert_no_axe_violations(tab)


def test_the_switch_works_without_javascript(pages, chromium_browser, demo_url):
    about, _story, _privacy = pages
    context = chromium_browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(demo_url + about.url)
    page.get_by_role("link", name=EASY_LINK).click()
    page.wait_for_url(f"**{about.url}#leesversie")
    assert current(page) == EASY_LINK
    context.close()
