"""The expeditions in a real browser: axe on every page type, keyboard filtering with an announced count."""

import re

import pytest

from expeditions.models import ExpeditionIndexPage, ExpeditionPage, LessonPage
from tests.browser.axe import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def expeditions_site(demo_live_server):
    index = ExpeditionIndexPage.objects.live().get()
    expedition = ExpeditionPage.objects.live().get(slug="wad-en-weide-natuurwerk-voor-iedereen")
    return {
        "index": index,
        "expedition": expedition,
        "lesson": LessonPage.objects.live().child_of(expedition).first(),
    }


def assert_accessible_page(page):
    assert page.locator("h1").count() == 1, f"{page.url} must have exactly one h1"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_no_axe_violations(page)


def test_every_expedition_page_type_passes_axe(expeditions_site, demo_page, demo_url):
    index = expeditions_site["index"]
    urls = [
        index.url,
        index.url + "lessen/",
        index.url + "?status=completed&doelgroep=young_people",
        index.url + "lessen/?provincie=zeeland",  # no results
        expeditions_site["expedition"].url,
        expeditions_site["lesson"].url,
    ]
    for url in urls:
        response = demo_page.goto(demo_url + url)
        assert response.status == 200, url
        assert_accessible_page(demo_page)


def test_impact_chart_is_an_image_with_a_name_and_the_same_figures_in_a_table(expeditions_site, demo_page, demo_url):
    demo_page.goto(demo_url + expeditions_site["index"].url)
    chart = demo_page.get_by_role("img", name=re.compile("Nieuwe vrijwilligers per doelgroep"))
    assert chart.count() == 1
    table = demo_page.get_by_role("table", name=re.compile("Nieuwe vrijwilligers per doelgroep"))
    assert table.locator("tbody tr").count() == 6
    young = table.get_by_role("row", name=re.compile("^Jongeren"))
    assert young.locator("td").inner_text() == "17"
    assert "Jongeren: 17" in chart.locator("desc").text_content()


def test_lesson_filters_work_by_keyboard_and_announce_the_count(expeditions_site, demo_page, demo_url):
    demo_page.goto(demo_url + expeditions_site["index"].url + "lessen/")
    status = demo_page.locator("#result-count")
    total = int(status.inner_text().split()[0])
    assert total >= 12

    # Keyboard only: focus the lens filter, choose the second option, tab to the button and press Enter.
    lens = demo_page.get_by_label("Lens", exact=True)
    lens.focus()
    demo_page.keyboard.press("ArrowDown")
    demo_page.keyboard.press("ArrowDown")
    assert lens.input_value() == "accessibility"
    for _ in range(10):
        demo_page.keyboard.press("Tab")
        if demo_page.evaluate("document.activeElement.type") == "submit":
            break
    assert demo_page.evaluate("document.activeElement.textContent.trim()") == "Toon resultaten"
    with demo_page.expect_navigation():
        demo_page.keyboard.press("Enter")

    assert "lens=accessibility" in demo_page.url
    assert demo_page.get_by_label("Lens", exact=True).input_value() == "accessibility"
    announced = demo_page.locator("#result-count")
    assert re.fullmatch(r"\d+ less(en)? gevonden", announced.inner_text())
    filtered = int(announced.inner_text().split()[0])
    assert 0 < filtered < total
    # Focus moved to the count, so screen reader users hear it and continue from there.
    assert demo_page.evaluate("document.activeElement.id") == "result-count"
    cards = demo_page.locator(".lesson-card .lens")
    assert set(cards.all_inner_texts()) == {"Toegankelijkheid"}
    assert_no_axe_violations(demo_page)


def test_expedition_index_filters_without_javascript(expeditions_site, chromium_browser, demo_url):
    context = chromium_browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(demo_url + expeditions_site["index"].url)
        page.get_by_label("Provincie").select_option("friesland")
        with page.expect_navigation():
            page.get_by_role("button", name="Toon resultaten").click()
        assert "provincie=friesland" in page.url
        assert page.locator("#result-count").inner_text() == "1 expeditie gevonden"
        assert page.locator(".expedition-card h3").inner_text().startswith("Wad en Weide")
    finally:
        context.close()


def test_index_page_is_in_the_main_menu(expeditions_site, demo_page, demo_url):
    demo_page.goto(demo_url + "/")
    link = demo_page.locator(".main-nav").get_by_role("link", name="Expedities Nieuwe Gezichten")
    assert link.count() == 1
    assert ExpeditionIndexPage.objects.get().show_in_menus
