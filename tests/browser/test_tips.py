"""Tips in a real browser: axe on the collection (filtered), a permalink and the index; keyboard journey; JS."""

import pytest

from tests.browser.axe import assert_no_axe_violations
from tips.models import Tip, TipCollectionPage

COLLECTION = "/tips/tips-van-lokale-initiatieven-voor-gemeenten/"


@pytest.fixture
def tips_demo(demo_live_server):
    return TipCollectionPage.objects.get(slug="tips-van-lokale-initiatieven-voor-gemeenten")


def test_tip_pages_pass_axe(tips_demo, demo_page, demo_url):
    tip = Tip.objects.filter(page=tips_demo).first()
    for path in ("/tips/", f"{COLLECTION}?theme=werving&audience=gemeenten", tip.url):
        response = demo_page.goto(demo_url + path)
        assert response.status == 200, path
        assert demo_page.locator("h1").count() == 1
        assert_no_axe_violations(demo_page)


def test_filter_tips_by_keyboard_and_open_a_permalink(tips_demo, demo_page, demo_url):
    demo_page.goto(demo_url + COLLECTION)
    total = Tip.objects.filter(page=tips_demo).count()
    assert demo_page.locator("#tip-count").inner_text().strip() == f"{total} tips"

    demo_page.locator("#filter-theme").focus()
    demo_page.keyboard.type("Jongeren")  # type-ahead selects the option in a native select
    demo_page.keyboard.press("Tab")
    assert demo_page.evaluate("document.activeElement.id") == "filter-audience"
    demo_page.keyboard.press("Tab")
    assert demo_page.evaluate("document.activeElement.textContent.trim()") == "Filteren"
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**theme=jongeren**")

    expected = Tip.objects.filter(page=tips_demo, themes__slug="jongeren").order_by("sort_order")
    count_text = demo_page.locator("#tip-count").inner_text().strip()
    assert count_text == f"{expected.count()} van {total} tips getoond"
    assert demo_page.locator("#tip-count").get_attribute("role") == "status"
    assert demo_page.evaluate("document.activeElement.id") == "tip-count"  # focus moves to the count
    assert demo_page.locator(".tip").count() == expected.count()

    # From the count, the keyboard reaches the first tip's permalink.
    for _ in range(5):
        demo_page.keyboard.press("Tab")
        if demo_page.evaluate("document.activeElement.classList.contains('tip__permalink')"):
            break
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{expected[0].slug}/")
    assert demo_page.locator("h1").inner_text().strip() == expected[0].title
    canonical = demo_page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical.endswith(expected[0].url)


def test_appreciate_updates_in_place_once_per_browser(tips_demo, demo_page, demo_url):
    tip = Tip.objects.filter(page=tips_demo).first()
    demo_page.goto(demo_url + tip.url)
    form = demo_page.locator("form[data-appreciate]")
    assert form.locator("[data-appreciate-count]").inner_text().strip() == "0 waarderingen"
    form.locator("button").focus()
    demo_page.keyboard.press("Enter")
    status = form.locator("[data-appreciate-status]")
    status.filter(has_text="Dank je wel").wait_for()
    assert form.locator("[data-appreciate-count]").inner_text().strip() == "1 waardering"
    assert demo_page.url == demo_url + tip.url  # no reload
    assert status.get_attribute("aria-live") == "polite"

    demo_page.reload()
    assert "Gewaardeerd" in demo_page.locator("form[data-appreciate]").inner_text()
    assert demo_page.locator("form[data-appreciate] button").count() == 0


def test_copy_link_becomes_a_button_and_share_links_are_plain(tips_demo, demo_page, demo_url):
    tip = Tip.objects.filter(page=tips_demo).first()
    demo_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    demo_page.goto(demo_url + tip.url)
    share = demo_page.locator(".share")
    assert share.locator("a[data-copy-link]").count() == 0
    button = share.get_by_role("button", name="Link kopiëren")
    button.click()
    share.locator("[data-copy-status]").filter(has_text="gekopieerd").wait_for()
    assert demo_page.evaluate("navigator.clipboard.readText()").endswith(tip.url)
    hrefs = share.locator("a").evaluate_all("links => links.map(link => link.href)")
    assert any(href.startswith("mailto:") for href in hrefs)
    assert any(href.startswith("https://www.linkedin.com/") for href in hrefs)
    assert any(href.startswith("https://wa.me/") for href in hrefs)
    assert demo_page.locator("iframe").count() == 0


def test_print_version_hides_filters_and_buttons(tips_demo, demo_page, demo_url):
    demo_page.goto(demo_url + COLLECTION)
    demo_page.emulate_media(media="print")
    assert not demo_page.locator(".filters").is_visible()
    assert not demo_page.locator(".appreciate").first.is_visible()
    assert demo_page.locator(".tip").first.is_visible()
