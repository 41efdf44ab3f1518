"""The demo site in a real browser: axe on every page the demo content creates, and a keyboard walk."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from tests.browser.axe import assert_no_axe_violations
from tests.conftest import ensure_wagtail_base


@pytest.fixture
def demo_site(transactional_db):
    ensure_wagtail_base()
    call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Page.objects.live().public().filter(depth__gte=2).specific()


def one_page_per_type(pages):
    seen = {}
    for page in pages:
        seen.setdefault(type(page), page)
    return list(seen.values())


def test_every_page_type_of_the_demo_passes_axe(demo_site, browser_page, live_url):
    """One page of every type seed_demo creates, plus search results and the 404 page (one seeding for all)."""
    pages = one_page_per_type(demo_site)
    assert pages, "seed_demo made no pages"
    paths = [page.url for page in pages] + ["/zoeken/?q=vrijwilligers", "/deze-pagina-bestaat-niet/"]
    for path in paths:
        response = browser_page.goto(live_url + path)
        assert response.status in (200, 404), path
        assert browser_page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        assert browser_page.locator("html").get_attribute("lang") == "nl"
        assert_no_axe_violations(browser_page)


def test_keyboard_walk_from_skip_link_through_main_navigation(demo_site, browser_page, live_url):
    browser_page.goto(live_url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Ga naar de inhoud"
    assert browser_page.locator(".skip-link").is_visible(), "the focused skip link must be visible"

    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"

    # Back to the top: tab through header and main navigation, collecting what receives focus.
    browser_page.goto(live_url + "/")
    nav_links = browser_page.locator(".main-nav a")
    expected = [text.strip() for text in nav_links.all_inner_texts()]
    assert len(expected) >= 2
    reached = []
    for _ in range(40):
        browser_page.keyboard.press("Tab")
        in_nav = browser_page.evaluate("!!document.activeElement.closest('.main-nav')")
        if in_nav:
            reached.append(browser_page.evaluate("document.activeElement.textContent.trim()"))
        elif reached:
            break
    assert reached == expected

    # Follow the last menu item by keyboard.
    browser_page.goto(live_url + "/")
    browser_page.locator(".main-nav a").last.focus()
    browser_page.keyboard.press("Enter")
    browser_page.wait_for_load_state()
    assert browser_page.locator("h1").inner_text().strip()
    assert browser_page.locator('.main-nav a[aria-current="page"]').count() == 1
