"""Search in a real browser: keyboard journey with two facets, suggestions combobox, axe on every state."""

import pytest
from wagtail.models import Site

from core.factories import HomePageFactory
from search import indexing
from tests.browser.axe import assert_no_axe_violations
from tests.conftest import ensure_wagtail_base
from tests.search.conftest import AUDIENCES, THEMES, build_page
from tests.search.corpus import CORPUS

pytestmark = pytest.mark.browser


@pytest.fixture
def search_site(transactional_db):
    from core.factories import AudienceFactory, ThemeFactory

    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Kennisplatform")
    themes = {name: ThemeFactory(name=name) for name in THEMES}
    audiences = {name: AudienceFactory(name=name) for name in AUDIENCES}
    pages = {entry["slug"]: build_page(home, entry, themes, audiences) for entry in CORPUS}
    indexing.rebuild()
    return pages


def test_search_two_facets_and_open_a_result_by_keyboard(search_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + "/zoeken/")
    assert_no_axe_violations(page)
    page.locator("#search-input").focus()
    page.keyboard.type("vrijwilligers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=vrijwilligers*")
    assert "resultaten voor" in page.locator(".result-count").inner_text()
    assert page.locator(".search-results mark").count() > 0
    assert_no_axe_violations(page)

    for label in ("Werving", "Vrijwilligersorganisaties"):
        checkbox = page.get_by_role("checkbox", name=label)
        checkbox.focus()
        page.keyboard.press("Space")
        assert checkbox.is_checked()
    page.get_by_role("button", name="Filters toepassen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**theme=*")
    assert "audience=" in page.url
    assert page.locator(".search-active-filters li").count() == 2
    assert_no_axe_violations(page)

    first = page.locator(".search-result__title a").first
    title = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title


def test_zero_results_page_passes_axe(search_site, browser_page, live_url):
    browser_page.goto(live_url + "/zoeken/?q=vrijwiligers")
    assert browser_page.locator(".search-no-results").is_visible()
    assert browser_page.locator(".search-spelling a").inner_text() == "vrijwilligers"
    assert_no_axe_violations(browser_page)


def test_suggestions_follow_the_combobox_pattern(search_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + "/zoeken/")
    field = page.locator("#search-input")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"
    field.focus()
    page.keyboard.type("ervarings")
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert field.get_attribute("aria-expanded") == "true"
    assert field.get_attribute("aria-controls") == listbox.get_attribute("id")
    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    option = page.locator(f"#{active}")
    assert option.get_attribute("aria-selected") == "true"
    assert "Ervaringsdeskundigen in je team" in option.inner_text()
    assert_no_axe_violations(page)
    page.keyboard.press("Enter")
    page.wait_for_url("**/ervaringsdeskundigen-in-je-team/")
    assert page.locator("h1").inner_text() == "Ervaringsdeskundigen in je team"


PHONE = {"width": 390, "height": 844}

# Tab stops from the search field to the first result, before this fix: 37 (every filter came first).
FOCUSED = """() => {
    const el = document.activeElement;
    if (el.closest('.search-result')) return 'result';
    if (el.closest('.search-layout__filters')) return 'filter';
    return el.tagName + (el.className ? '.' + el.className : '');
}"""


def tab_until_result_or_filter(page, limit=60):
    """Press Tab from the focused element until a result link or a filter control has focus."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(FOCUSED)
        if where in ("result", "filter"):
            return where, passed
        passed.append(where)
    raise AssertionError(f"Neither a result nor a filter reached: {passed}")


def test_on_a_phone_results_come_before_the_filters(search_site, browser_page, live_url):
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_url + "/zoeken/?q=vrijwilligers")
    first_result = page.locator(".search-result").first.bounding_box()
    filters = page.locator(".search-layout__filters").bounding_box()
    assert first_result["y"] < PHONE["height"], f"first result starts {first_result['y']:.0f} px down"
    assert filters["y"] > first_result["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)

    page.locator("#search-input").focus()
    reached, passed = tab_until_result_or_filter(page)
    assert reached == "result", passed
    assert len(passed) <= 4, passed  # search button, filters link (and nothing else in between)

    # The labelled control near the result count leads to the filters, without JavaScript.
    link = page.get_by_role("link", name="Filters en sortering")
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#search-filters")
    assert page.locator("#search-filters-heading").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "filter"


def test_filters_link_counts_active_filters_and_sits_right_of_the_results_on_wide_screens(
    search_site, browser_page, live_url
):
    page = browser_page
    page.goto(live_url + "/zoeken/?q=vrijwilligers")
    page.get_by_role("checkbox", name="Werving").check()
    page.get_by_role("button", name="Filters toepassen").click()
    page.wait_for_url("**theme=*")
    assert page.get_by_role("link", name="Filters en sortering (1 actief)").is_visible()
    results = page.locator(".search-layout__results").bounding_box()
    filters = page.locator(".search-layout__filters").bounding_box()
    assert filters["x"] >= results["x"] + results["width"]  # a column to the right, in reading order
    page.locator("#search-input").focus()
    reached, passed = tab_until_result_or_filter(page)
    assert reached == "result", passed
    assert_no_axe_violations(page)


def test_search_pages_reflow_at_320_px(search_site, browser_page, live_url):
    from django.utils import timezone

    from search.models import QueryLog

    QueryLog.objects.create(query="vrijwilligers" * 5, day=timezone.localdate(), searches=3, visitors=3)
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/zoeken/",
        "/zoeken/?q=vrijwilligersorganisaties",
        "/zoeken/?q=inclusieagenda",
        "/zoeken/?q=x" + "y" * 60,
    ):
        page.goto(live_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.goto(live_url + "/zoeken/")
    assert page.get_by_role("link", name="vrijwilligers" * 5).is_visible()  # a long popular search wraps


def test_zero_results_use_the_full_content_width(search_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + "/zoeken/?q=qwertyuiop")
    advice = page.locator(".search-no-results").bounding_box()
    form = page.locator(".search-form").bounding_box()
    assert advice["width"] >= form["width"] - 2, (advice, form)
    assert_no_axe_violations(page)
