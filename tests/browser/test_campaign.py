"""The campaign section in a real browser: register a local action by keyboard (errors first, then success),
browse weeks, actions and materials; axe (WCAG 2.1 AA) on every page and state, no sideways scrolling at 320 px."""

import datetime

import pytest
from wagtail.models import Site

from campaign.models import CampaignIndexPage, CampaignWeekPage, LocalAction
from core.factories import HomePageFactory
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.keyboard import focused, tab_to
from tests.browser.test_reflow import OVERFLOW_JS
from tests.conftest import ensure_wagtail_base

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def campaign_site(transactional_db):
    """A home page and the campaign's demo content (weeks around today, actions, materials with files)."""
    from django.core.cache import cache

    from campaign.demo import seed_campaign
    from core.demo import DemoBuilder
    from core.demo_content import THEMES
    from core.models import Theme

    cache.clear()
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    builder = DemoBuilder()
    builder.home = home
    builder.ensure_terms(Theme, THEMES)
    seed_campaign(builder)
    return CampaignIndexPage.objects.get()


def upcoming_week():
    return CampaignWeekPage.objects.live().upcoming().first()


def assert_no_sideways_scrolling(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
    assert not result["offenders"], result["offenders"]


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def type_date(page, selector, date):
    """Type a date into a date field by keyboard, in the order of the browser's own date format (Chromium's
    follows the locale it was built or started with, not the page's): a probe tells which."""
    tab_to(page, selector)
    page.keyboard.type("01022000")
    day_first = page.locator(selector).input_value() == "2000-02-01"
    # Back to the first part of the field (Chromium tabs through day, month and year), then type over the probe.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused(page, selector)
    page.keyboard.type(date.strftime("%d%m%Y" if day_first else "%m%d%Y"))


def test_register_a_local_action_by_keyboard(campaign_site, browser_page, live_url):
    page = browser_page
    week = upcoming_week()
    page.goto(live_url + week.url)
    tab_to(page, f'a[href="{week.url}aanmelden/"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == f"Meld een lokale actie aan voor {week.title}"
    assert_no_axe_violations(page)

    # Send it empty: the error summary takes the focus and every field says what is missing.
    tab_to(page, "#action-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused(page, "[data-error-summary]")
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Vul de naam van de actie in." in summary and "Kies de provincie." in summary
    assert_no_axe_violations(page)

    # The first link of the summary leads to the first field with an error.
    page.keyboard.press("Tab")
    assert focused(page, 'a[href="#action-title"]')
    page.keyboard.press("Enter")

    date = week.start_date + datetime.timedelta(days=3)
    type_into(page, "#action-title", "Buurtsoep met nieuwe gezichten")
    type_into(page, "#action-organisation", "Wijkcentrum De Horizon")
    type_into(page, "#action-place", "Apeldoorn")
    tab_to(page, "#action-province")
    page.keyboard.type("Gelderland")
    type_date(page, "#action-date", date)
    type_into(page, "#action-description", "We koken soep met buren die elkaar nog niet kennen.")
    type_into(page, "#action-link", "javascript:alert(1)")
    type_into(page, "#action-email", "horizon@example.org")
    assert page.locator("#action-province").input_value() == "gelderland"
    assert page.locator("#action-date").input_value() == date.isoformat()
    tab_to(page, "#action-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The bad link is refused in Dutch; what was typed stays.
    assert focused(page, "[data-error-summary]")
    assert "Vul een webadres in dat begint met https:// of http://" in page.locator("[data-error-summary]").inner_text()
    assert page.locator("#action-title").input_value() == "Buurtsoep met nieuwe gezichten"
    assert_no_axe_violations(page)

    tab_to(page, "#action-link")
    page.keyboard.press("Control+A")
    page.keyboard.type("https://www.example.org/buurtsoep")
    tab_to(page, "#action-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Bedankt voor het aanmelden van je actie"
    assert_no_axe_violations(page)
    action = LocalAction.objects.get(title="Buurtsoep met nieuwe gezichten")
    assert action.status == LocalAction.Status.PENDING and action.province == "gelderland" and action.date == date


def test_browse_weeks_actions_and_materials(campaign_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + campaign_site.url)
    week = upcoming_week()
    page.get_by_role("link", name=week.title).first.click()
    page.wait_for_url(f"**{week.url}")
    assert page.locator("h1").inner_text() == week.title

    # All actions: search by place.
    page.goto(live_url + campaign_site.url + "acties/")
    type_into(page, "#filter-q", "Groningen")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Groningen**")
    assert page.locator(".campaign-action__title").all_inner_texts() == ["Klussendag voor studenten"]
    assert_no_axe_violations(page)

    # Materials: the social media texts with the municipality typed in.
    page.goto(live_url + campaign_site.url + "materialen/")
    type_into(page, "#materials-gemeente", "Deventer")
    page.keyboard.press("Enter")
    page.wait_for_url("**gemeente=Deventer**")
    assert "Organisaties in Deventer zoeken studenten" in page.locator("main").inner_text()
    assert page.locator("a[download]").count() >= 3
    assert_no_axe_violations(page)


def test_campaign_pages_pass_axe_and_reflow_at_320_px(campaign_site, chromium_browser, live_url):
    week = upcoming_week()
    action = LocalAction.objects.approved().filter(week=week).first()
    past = CampaignWeekPage.objects.live().past().first()
    long_name = "Vrijwilligersondersteuningsorganisatiesamenwerkingsverband" * 2
    paths = [
        campaign_site.url,
        week.url,
        week.url + "?province=groningen",
        week.url + "aanmelden/",
        week.url + "aanmelden/bedankt/",
        past.url + "aanmelden/",
        action.get_url(),
        campaign_site.url + "acties/",
        campaign_site.url + "acties/?q=onvindbaar&province=zeeland",
        campaign_site.url + "materialen/",
        campaign_site.url + f"materialen/?type=social&gemeente={long_name[:60]}",
    ]
    for page in open_tab(chromium_browser, live_url, viewport=NARROW):
        for path in paths:
            response = page.goto(live_url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            assert_no_sideways_scrolling(page)
            assert_no_axe_violations(page)
        # The error state of the form too.
        page.goto(live_url + week.url + "aanmelden/")
        page.locator("#action-form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("[data-error-summary]").count() == 1
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)


def test_the_rate_limit_refusal_passes_axe_and_reflow_at_320_px(campaign_site, chromium_browser, live_url, settings):
    """One client over the limit gets the form back with the Dutch refusal, as accessible as the form itself."""
    settings.CAMPAIGN_ACTION_RATE_LIMIT = (1, 3600)  # the live server runs in this process: the second post is over
    week = upcoming_week()
    for page in open_tab(chromium_browser, live_url, viewport=NARROW):
        page.goto(live_url + week.url + "aanmelden/")
        for _ in range(2):
            page.locator("#action-form button[type=submit]").click()
            page.wait_for_load_state()
        assert "Je hebt in korte tijd veel acties aangemeld." in page.locator("main").inner_text()
        assert page.locator("h1").count() == 1
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
