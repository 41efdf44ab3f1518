"""The home page and the list of all tips in a real browser, on the seeded demo: axe, keyboard only, and no
sideways scrolling at 320 CSS pixels (with filters applied)."""

import pytest

from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab

NARROW = {"width": 320, "height": 640}
PAGES = ["/", "/tips/alle/", "/tips/alle/?theme=werving", "/tips/alle/?theme=werving&audience=gemeenten"]


@pytest.fixture
def narrow_page(chromium_browser, demo_url):
    yield from open_tab(chromium_browser, demo_url, viewport=NARROW)


def test_home_and_all_tips_pass_axe(demo_page, demo_url):
    for path in PAGES:
        response = demo_page.goto(demo_url + path)
        assert response.status == 200, path
        assert demo_page.locator("h1").count() == 1, path
        assert_no_axe_violations(demo_page)


def test_home_page_guides_with_entry_points_figures_and_pictures(demo_page, demo_url):
    demo_page.goto(demo_url + "/")
    entries = demo_page.locator(".entry-point")
    assert entries.count() >= 3
    assert demo_page.get_by_role("link", name="Ik werk bij een gemeente").count() == 1
    figures = demo_page.locator(".key-figure")
    assert figures.count() >= 1
    for number in figures.locator(".key-figure__number").all_inner_texts():
        assert number.strip() not in {"", "0"}
    # Pictures are the drawn illustrations, loaded and visible (no broken images).
    images = demo_page.locator("main img")
    assert images.count() >= 3
    for index in range(images.count()):
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")


def test_entry_point_by_keyboard(demo_page, demo_url):
    demo_page.goto(demo_url + "/")
    first = demo_page.locator(".entry-point").first
    target = first.get_attribute("href")
    demo_page.keyboard.press("Tab")  # the skip link
    demo_page.keyboard.press("Enter")
    for _ in range(40):
        demo_page.keyboard.press("Tab")
        if demo_page.evaluate("document.activeElement.classList.contains('entry-point')"):
            break
    assert demo_page.evaluate("document.activeElement.getAttribute('href')") == target
    outline = demo_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{target}")
    assert demo_page.locator("h1").count() == 1


def test_filter_all_tips_by_keyboard(demo_page, demo_url):
    demo_page.goto(demo_url + "/tips/alle/")
    total = int(demo_page.locator("#tip-count").inner_text().split()[0])
    demo_page.locator("#all-tips-theme").focus()
    demo_page.keyboard.type("Werving")
    demo_page.keyboard.press("Tab")
    demo_page.keyboard.press("Tab")
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**theme=werving**")
    # The count is announced: focus moves to it after filtering.
    assert demo_page.evaluate("document.activeElement.id") == "tip-count"
    filtered = int(demo_page.locator("#tip-count").inner_text().split()[0])
    assert 0 < filtered < total
    assert demo_page.locator(".tip__source").count() == min(filtered, 20)


def test_no_sideways_scrolling_at_320_pixels(narrow_page, demo_url):
    for path in PAGES:
        narrow_page.goto(demo_url + path)
        width = narrow_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width} px wide"
