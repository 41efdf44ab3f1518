"""Kennisboostweken in a real browser: register by keyboard only, and axe on every step."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from core.factories import ContentPageFactory, HomePageFactory
from core.models import SiteSettings
from events.tokens import cancel_token
from knowledgeboost.factories import (
    KnowledgeBoostIndexPageFactory,
    KnowledgeBoostWeekPageFactory,
    SessionPageFactory,
    next_weekday,
)
from knowledgeboost.models import Registration
from tests.browser.axe import assert_no_axe_violations
from tests.conftest import ensure_wagtail_base


@pytest.fixture
def boost_site(transactional_db):
    from django.core.cache import cache

    cache.clear()
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    privacy = ContentPageFactory(parent=home, title="Privacyverklaring", slug="privacyverklaring")
    site_settings = SiteSettings.for_site(site)
    site_settings.privacy_page = privacy
    site_settings.save()
    index = KnowledgeBoostIndexPageFactory(parent=home)
    monday = next_weekday(0).date()
    week = KnowledgeBoostWeekPageFactory(
        parent=index, title="Kennisboostweek Nieuwe gezichten", start_date=monday, end_date=monday
    )
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(10)))
    session = SessionPageFactory(
        parent=week,
        title="Webinar: wie mis je nog?",
        start=start,
        end=start + datetime.timedelta(hours=1),
        accessibility="Live ondertiteling",
        speakers=[("speaker", {"name": "Fatima El Amrani", "role": "Gespreksleider", "organisation": "NOV"})],
    )
    SessionPageFactory(
        parent=week,
        title="Workshop vacatures",
        start=start + datetime.timedelta(hours=3),
        end=start + datetime.timedelta(hours=4),
        capacity=1,
    )
    return {"index": index, "week": week, "session": session}


def tab_to(page, predicate_js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"Never reached {predicate_js} by keyboard")


def test_register_for_a_session_by_keyboard_only(boost_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + boost_site["session"].url)
    assert_no_axe_violations(page)

    # The form is on the page (from the shared cache, without a CSRF token); it posts to /aanmelden/<id>/.
    tab_to(page, "document.activeElement.id === 'id_name'", limit=150)
    page.keyboard.type("Anna de Boer")
    page.keyboard.press("Tab")
    page.keyboard.type("anna@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Vrijwilligerscentrale Zwolle")
    tab_to(page, "document.activeElement.id === 'id_consent'")
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_to(page, "document.activeElement.type === 'submit' && !!document.activeElement.closest('.event-form')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Bedankt voor je aanmelding"
    assert "Je bent aangemeld voor" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    registration = Registration.objects.get(email="anna@example.org")

    # The signed cancel link from the email: a confirmation step, then cancelled.
    page.goto(live_url + f"/kennisboost/afmelden/{cancel_token(registration)}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Ja, meld me af").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Je bent afgemeld"
    assert_no_axe_violations(page)


def test_form_errors_take_focus_and_pass_axe(boost_site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + boost_site["session"].url)
    page.locator(".event-form button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.url.endswith(f"/aanmelden/{boost_site['session'].pk}/")
    assert page.locator("h1").inner_text() == boost_site["session"].title  # the page again, with the errors
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "Vul je naam in." in page.locator("[data-error-summary]").inner_text()
    assert_no_axe_violations(page)

    # The links in the summary lead to the fields.
    page.locator("[data-error-summary] a[href='#id_email']").click()
    assert page.evaluate("document.activeElement.id") == "id_email"


def test_week_and_index_pages_pass_axe(boost_site, browser_page, live_url):
    page = browser_page
    for key in ("week", "index"):
        response = page.goto(live_url + boost_site[key].url)
        assert response.status == 200
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)
    page.goto(live_url + boost_site["week"].url)
    page.locator(".event-form button[type=submit]").click()
    page.wait_for_selector("[data-error-summary]")
    assert "Kies minstens één sessie." in page.locator("[data-error-summary]").inner_text()
    assert_no_axe_violations(page)
