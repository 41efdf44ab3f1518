"""The agenda overview and the match request form in a real browser: axe (WCAG 2.1 AA) with zero violations,
keyboard only, and no sideways scrolling at 320 px, for the overview and every state of the form (closed behind
its button, empty, with errors, sent)."""

import datetime

import pytest
from wagtail.models import Site

from core.factories import HomePageFactory
from networks.models import AgendaStatus, MatchRequest
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.test_reflow import OVERFLOW_JS
from tests.conftest import ensure_wagtail_base
from tests.networks.test_matching_pages import add_member, build_network, overview_page

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def network_site(transactional_db, settings):
    from django.core.cache import cache

    cache.clear()
    settings.NETWORKS_MATCH_EMAIL = "koppelingen@projectteam.example"
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    network = build_network(home)
    zwolle = add_member(
        network,
        "Zwolle",
        "overijssel",
        130_000,
        ["housing", "mobility", "accessibility", "participation"],
        AgendaStatus.PRESENTED,
        presented_on=datetime.date(2025, 10, 1),
        adopted_on=datetime.date(2025, 6, 1),
        contact_email="inclusie@zwolle.example",
    )
    add_member(network, "Deventer", "overijssel", 101_000, ["housing", "mobility"], AgendaStatus.ADOPTED)
    add_member(network, "Súdwest-Fryslân", "friesland", 90_000, ["accessibility"], AgendaStatus.EVALUATING)
    add_member(network, "Kampen", "overijssel", 55_000)
    return {"network": network, "overview": overview_page(network), "zwolle": zwolle}


def assert_no_sideways_scrolling(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
    assert not result["offenders"], result["offenders"]


def tab_to(page, predicate_js, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Never reached {predicate_js} by keyboard")


def test_the_overview_passes_axe_and_filters_by_keyboard(network_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + network_site["overview"].url)
    assert page.locator("h1").inner_text() == "Lokale Inclusie Agenda's"
    assert_no_axe_violations(page)

    tab_to(page, "document.activeElement.id === 'filter-provincie'")
    page.keyboard.type("Overijssel")  # type-ahead in a closed select
    assert page.locator("#filter-provincie").input_value() == "overijssel"
    tab_to(page, "document.activeElement.type === 'submit' && document.activeElement.closest('form.filters') !== null")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "provincie=overijssel" in page.url
    rows = page.locator(".overview-table tbody th").all_inner_texts()
    assert rows == ["Deventer", "Zwolle"]
    assert_no_axe_violations(page)

    # The table scrolls inside its own region, which the keyboard can reach.
    tab_to(page, "document.activeElement.classList.contains('table-scroll')")


def test_the_overview_reflows_at_320_px(network_site, chromium_browser, live_url):
    for page in open_tab(chromium_browser, live_url, viewport=NARROW):
        for query in ("", "?leefgebied=accessibility"):
            page.goto(live_url + network_site["overview"].url + query)
            assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)


def test_the_match_request_form_in_every_state(network_site, chromium_browser, live_url):
    zwolle = network_site["zwolle"]
    for page in open_tab(chromium_browser, live_url, viewport=NARROW):
        # Closed: the cached page has a button that opens the form (and no form, so no token).
        page.goto(live_url + zwolle.url)
        assert page.locator("#matches-heading").inner_text() == "Gemeenten om van te leren"
        assert "Deventer" in page.locator(".matches__list").inner_text()
        assert page.locator("form.match-request__form").count() == 0
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)

        # Empty: opened with the button, by keyboard.
        tab_to(page, "document.activeElement.textContent.trim() === 'Vraag een koppeling aan'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "koppeling=1" in page.url
        assert page.locator("form.match-request__form").count() == 1
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)

        # Errors: sent empty by keyboard; the error summary takes focus and links to the fields.
        tab_to(page, "document.activeElement.id === 'match-name'")
        page.keyboard.type("Anna de Boer")
        tab_to(page, "document.activeElement.textContent.trim() === 'Verzoek versturen'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        summary = page.locator("[data-error-summary]").inner_text()
        assert "Vul je e-mailadres in." in summary and "Vertel wat je van deze gemeente wilt leren." in summary
        assert page.locator("#match-name").input_value() == "Anna de Boer"
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)

        # Success
        tab_to(page, "document.activeElement.id === 'match-email'")
        page.keyboard.type("anna@gemeente-kampen.example")
        page.keyboard.press("Tab")
        page.keyboard.type("Kampen")
        tab_to(page, "document.activeElement.id === 'match-question'")
        page.keyboard.type("Hoe maken jullie de openbare ruimte toegankelijk?")
        tab_to(page, "document.activeElement.textContent.trim() === 'Verzoek versturen'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Bedankt, we hebben je verzoek ontvangen." in page.locator("[role=status]").all_inner_texts()[-1]
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
    assert MatchRequest.objects.get().email == "anna@gemeente-kampen.example"
