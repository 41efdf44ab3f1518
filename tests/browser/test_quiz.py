"""The strength test and the plan in a real browser: by keyboard, back and forth, the profile, the plan as PDF;
axe on every step and result, and no sideways scrolling at 320 px."""

import re

import pytest

from campaign.quiz.models import PlanPage, StrengthTestPage
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.keyboard import focused, tab_to
from tests.browser.test_reflow import NARROW, OVERFLOW_JS


@pytest.fixture
def quiz_pages(demo_live_server):
    return StrengthTestPage.objects.live().get(), PlanPage.objects.live().get()


def assert_fits_320(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"] and not result["offenders"], (page.url, result)


def enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def skip_every_question(page, url):
    """Open the test at `url`, start it and skip all eight questions: the friendly result without a profile."""
    page.goto(url)
    with page.expect_navigation():
        page.get_by_role("button", name="Start de test").click()
    for _ in range(8):
        with page.expect_navigation():
            page.get_by_role("button", name="Sla deze vraag over").click()


def check(page):
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_take_the_test_by_keyboard_go_back_and_get_the_profile(quiz_pages, demo_page, demo_url):
    test, _ = quiz_pages
    demo_page.goto(demo_url + test.url)
    check(demo_page)
    start = demo_page.get_by_role("button", name="Start de test")
    start.focus()
    enter(demo_page)
    assert "Vraag 1 van 8" in demo_page.locator(".quiz__progress").inner_text()
    # Focus is on the question, so a screen reader reads it first.
    assert demo_page.evaluate("document.activeElement.id") == "quiz-question"
    check(demo_page)

    # Without a choice: an error summary that takes focus.
    demo_page.get_by_role("button", name="Volgende vraag").focus()
    enter(demo_page)
    assert demo_page.evaluate("document.activeElement.matches('[data-error-summary]')")
    assert "Kies een antwoord, of sla deze vraag over." in demo_page.locator(".error-summary").inner_text()
    check(demo_page)

    for number in range(1, 9):
        assert f"Vraag {number} van 8" in demo_page.locator(".quiz__progress").inner_text()
        radios = demo_page.locator("input[name=choice]")
        # Tab into the radio group, arrow to the last answer, Enter submits the form (the first button: next).
        radios.first.focus()
        for _ in range(radios.count() - 1):
            demo_page.keyboard.press("ArrowDown")
        assert radios.last.is_checked()
        if number == 3:  # go back once, and on again: the answer is kept
            demo_page.get_by_role("button", name="Vorige vraag").focus()
            enter(demo_page)
            assert "Vraag 2 van 8" in demo_page.locator(".quiz__progress").inner_text()
            assert demo_page.locator("input[name=choice]").last.is_checked()
            check(demo_page)
            demo_page.locator("input[name=choice]").last.focus()
            enter(demo_page)
            radios = demo_page.locator("input[name=choice]")
            radios.first.focus()
            for _ in range(radios.count() - 1):
                demo_page.keyboard.press("ArrowDown")
        enter(demo_page)
        if number < 8:
            check(demo_page)

    assert demo_page.locator("#quiz-result").inner_text() == "De zorgzame"
    assert demo_page.evaluate("document.activeElement.id") == "quiz-result"
    check(demo_page)
    share = demo_page.get_by_role("link", name="Download de deelafbeelding (PNG)")
    response = demo_page.request.get(demo_url + share.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "image/png"
    with demo_page.expect_navigation():
        demo_page.get_by_role("link", name=re.compile("Pagina over De zorgzame")).click()
    assert "De zorgzame" in demo_page.locator("#quiz-result").inner_text()
    check(demo_page)


def test_skip_every_question_gives_a_friendly_result(quiz_pages, demo_page, demo_url):
    test, _ = quiz_pages
    skip_every_question(demo_page, demo_url + test.url)
    assert "We kunnen je kracht nog niet bepalen" in demo_page.locator("#quiz-result").inner_text()
    check(demo_page)


def test_make_the_plan_and_download_the_pdf(quiz_pages, demo_page, demo_url):
    _, plan = quiz_pages
    demo_page.goto(demo_url + plan.url)
    check(demo_page)
    demo_page.get_by_label("Een paar uur per maand").check()
    demo_page.get_by_label("Jongeren en studenten").check()
    with demo_page.expect_navigation():
        demo_page.get_by_role("button", name="Maak mijn plan").click()
    assert demo_page.evaluate("document.activeElement.id") == "plan-result"
    steps = demo_page.locator(".plan__step h3").all_inner_texts()
    assert "Bereik jongeren waar ze al zijn" in steps
    assert "Zet een campagneteam op voor het hele jaar" not in steps
    check(demo_page)
    pdf = demo_page.request.get(
        demo_url + demo_page.get_by_role("link", name="Download uw plan als pdf").get_attribute("href")
    )
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"


def test_every_step_fits_320_pixels(quiz_pages, chromium_browser, demo_url):
    test, plan = quiz_pages
    for page in open_tab(chromium_browser, demo_url, viewport=NARROW):
        page.goto(demo_url + test.url)
        assert_fits_320(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Start de test").click()
        assert_fits_320(page)
        with page.expect_navigation():
            page.get_by_role("button", name="Volgende vraag").click()  # the error state
        assert_fits_320(page)
        for _ in range(8):
            page.locator("input[name=choice]").first.check()
            with page.expect_navigation():
                page.locator("button[value=next]").click()
            assert_fits_320(page)
        page.goto(demo_url + plan.url)
        assert_fits_320(page)
        page.goto(
            demo_url + plan.url + "?plan=1&tijd=veel-tijd&budget=groot-budget&partners=welzijn&weken=week-december"
        )
        assert_fits_320(page)
        check(page)


def test_the_plan_by_keyboard(quiz_pages, demo_page, demo_url):
    """Choices by Tab and Space, the plan by Enter; the result takes the focus and lists the materials that fit."""
    _, plan = quiz_pages
    demo_page.goto(demo_url + plan.url)
    tab_to(demo_page, demo_page.get_by_label("Een paar uur per maand"))
    demo_page.keyboard.press("Space")
    tab_to(demo_page, demo_page.get_by_label("Jongeren en studenten"))
    demo_page.keyboard.press("Space")
    tab_to(demo_page, demo_page.get_by_role("button", name="Maak mijn plan"))
    enter(demo_page)
    assert demo_page.evaluate("document.activeElement.id") == "plan-result"
    assert "Bereik jongeren waar ze al zijn" in demo_page.locator(".plan__step h3").all_inner_texts()
    assert demo_page.get_by_role("heading", name="Tips, materialen en sessies die passen").count() == 1
    tab_to(demo_page, demo_page.get_by_role("link", name="Maak je eigen poster").first)
    check(demo_page)


def test_the_other_states_pass_axe_and_fit_320_pixels(quiz_pages, chromium_browser, demo_url):
    """The plan's error state (its summary takes the focus), the problem page of a tampered test, the shareable
    result page of each profile and the result of a test with every question skipped."""
    test, plan = quiz_pages
    for page in open_tab(chromium_browser, demo_url, viewport=NARROW):
        page.goto(demo_url + plan.url + "?plan=1&tijd=onbekend")
        assert focused(page, "[data-error-summary]")
        assert "There is a problem" not in page.content()  # Dutch
        assert_fits_320(page)
        check(page)

        page.goto(demo_url + test.url)
        with page.expect_navigation():
            page.get_by_role("button", name="Start de test").click()
        page.locator("input[name=answers]").evaluate("input => { input.value = 'vervalst'; }")
        page.locator("input[name=choice]").first.check()
        with page.expect_navigation():
            page.locator("button[value=next]").click()
        assert page.get_by_role("button", name="Begin de test opnieuw").count() == 1
        assert_fits_320(page)
        check(page)

        for profile in test.profiles.all():
            page.goto(demo_url + test.url + f"resultaat/{profile.key}/")
            assert profile.title in page.locator("#quiz-result").inner_text()
            assert_fits_320(page)
            check(page)

        skip_every_question(page, demo_url + test.url)
        assert_fits_320(page)
