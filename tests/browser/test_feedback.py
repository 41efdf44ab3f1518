"""Evaluations and "Was deze pagina nuttig?" in a real browser: keyboard only, errors then success, axe (WCAG 2.1
AA) on every state, no sideways scrolling at 320 px, no third-party requests or CSP violations (open_tab)."""

import pytest
from django.urls import reverse

from feedback import evaluations
from feedback.models import Evaluation, PageVote
from knowledgeboost.models import KnowledgeBoostWeekPage
from stories.models import StoryPage
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.keyboard import focused
from tests.browser.test_reflow import OVERFLOW_JS

NARROW = {"width": 320, "height": 640}


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_no_sideways_scrolling(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
    assert not result["offenders"], result["offenders"]


@pytest.fixture
def open_evaluation(demo_live_server):
    """A participant of the demo's past week who has not answered yet, and their link."""
    week = KnowledgeBoostWeekPage.objects.get(slug="kennisboostweek-inclusief-welkom")
    evaluation = Evaluation.objects.filter(group=week, answered_at__isnull=True).order_by("pk").first()
    return evaluation, reverse("feedback:evaluation", args=[evaluations.token_for(evaluation)])


def test_answer_an_evaluation_by_keyboard(open_evaluation, demo_page, demo_url):
    evaluation, path = open_evaluation
    page = demo_page
    page.goto(demo_url + path)
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().startswith("Jouw beoordeling van ")
    assert_no_axe_violations(page)

    # Sending without a mark: the error summary takes the focus and names the problem in Dutch.
    page.get_by_role("button", name="Beoordeling versturen").focus()
    press_enter_and_wait(page)
    assert focused(page, "[data-error-summary]")
    assert "Kies een cijfer van 1 tot 10." in page.locator("[data-error-summary]").inner_text()
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")
    assert focused(page, "[data-error-summary] a")

    # The marks are one radio group: arrow keys move through 1 … 10.
    page.locator("#id_mark_0").focus()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    assert page.locator("#id_mark_7").is_checked()  # 8
    page.keyboard.press("Tab")
    assert focused(page, "#id_useful")
    page.keyboard.type("De voorbeelden van andere organisaties.")
    page.keyboard.press("Tab")
    assert focused(page, "#id_better")
    page.keyboard.type("Meer tijd voor vragen.")
    page.keyboard.press("Tab")
    assert focused(page, "button[type=submit]")
    press_enter_and_wait(page)

    assert page.locator("h1").inner_text() == "Bedankt voor je beoordeling"
    assert_no_axe_violations(page)
    evaluation.refresh_from_db()
    assert (evaluation.mark, evaluation.useful, evaluation.better) == (
        8,
        "De voorbeelden van andere organisaties.",
        "Meer tijd voor vragen.",
    )

    # The link again: answered already, said kindly.
    page.goto(demo_url + path)
    assert page.locator("h1").inner_text() == "Je hebt deze bijeenkomst al beoordeeld"


def test_evaluation_pages_reflow_at_320_px(open_evaluation, chromium_browser, demo_url):
    _evaluation, path = open_evaluation
    for page in open_tab(chromium_browser, demo_url, viewport=NARROW):
        page.goto(demo_url + path)
        assert_no_sideways_scrolling(page)
        page.get_by_role("button", name="Beoordeling versturen").click()
        page.wait_for_selector("[data-error-summary]")
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
        page.goto(f"{demo_url}/evaluatie/kapot/")
        assert page.locator("h1").inner_text() == "Deze link werkt niet"
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)


def test_was_this_page_useful_no_with_a_comment_then_yes(demo_live_server, demo_page, demo_url):
    stories = list(StoryPage.objects.live().public().order_by("path")[:2])
    page = demo_page
    page.goto(demo_url + stories[0].url)
    section = page.locator("section.usefulness")
    assert section.get_by_role("heading", name="Was deze pagina nuttig?").count() == 1
    assert_no_axe_violations(page)
    before = PageVote.objects.filter(page=stories[0]).count()

    # "No", with a comment: open the comment field by keyboard (a native details element, no script needed).
    section.locator("summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page, "#usefulness-comment")
    page.keyboard.type("Ik miste een voorbeeld uit een kleine gemeente.")
    page.keyboard.press("Tab")
    assert focused(page, "button[value=ja]")
    page.keyboard.press("Tab")
    assert focused(page, "button[value=nee]")
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Bedankt voor je antwoord"
    assert_no_axe_violations(page)
    vote = PageVote.objects.filter(page=stories[0]).order_by("-pk").first()
    assert PageVote.objects.filter(page=stories[0]).count() == before + 1
    assert (vote.useful, vote.comment) == (False, "Ik miste een voorbeeld uit een kleine gemeente.")
    assert page.context.cookies() == [] or all(c["name"] != "sessionid" for c in page.context.cookies())

    # Back to the page, and "Yes" on another one.
    page.get_by_role("link", name="Terug naar de pagina").focus()
    press_enter_and_wait(page)
    assert page.url == demo_url + stories[0].url
    page.goto(demo_url + stories[1].url)
    page.locator("section.usefulness button[value=ja]").focus()
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Bedankt voor je antwoord"
    assert PageVote.objects.filter(page=stories[1]).order_by("-pk").first().useful is True


def test_a_comment_that_is_too_long_gets_the_form_with_errors(demo_live_server, chromium_browser, demo_url):
    story = StoryPage.objects.live().public().order_by("path").first()
    for page in open_tab(chromium_browser, demo_url, viewport=NARROW):
        page.goto(demo_url + story.url)
        assert_no_sideways_scrolling(page)
        page.locator("section.usefulness summary").click()
        textarea = page.locator("#usefulness-comment")
        textarea.evaluate("element => element.removeAttribute('maxlength')")
        textarea.fill("Te lang. " * 200)
        page.locator("section.usefulness button[value=nee]").focus()
        press_enter_and_wait(page)
        assert page.locator("h1").inner_text() == "Was deze pagina nuttig?"
        assert focused(page, "[data-error-summary]")
        assert "Houd het bij 1000 tekens" in page.locator("[data-error-summary]").inner_text()
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
