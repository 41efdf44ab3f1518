"""Reactions in a real browser: a member reacts on a story by keyboard; axe on a story and a lesson with reactions
and on the form with its errors; nothing scrolls sideways at 320 px."""

import re

import pytest
from django.conf import settings
from django.test import Client

from community.factories import MemberFactory
from community.models import Post
from expeditions.models import LessonPage
from stories.models import StoryPage
from tests.browser.axe import assert_no_axe_violations
from tests.browser.test_reflow import NARROW, OVERFLOW_JS
from tests.community.reactions_fixtures import add_reactions


@pytest.fixture
def reactions_demo(demo_live_server):
    story = StoryPage.objects.live().order_by("pk").first()
    lesson = LessonPage.objects.live().order_by("pk").first()
    made = []
    for target in (story, lesson):
        made += add_reactions(target, 3, text="Een eerdere reactie, nummer")
    yield {"story": story, "lesson": lesson}
    # The demo is shared by the browser tests of this session: leave it as it was.
    Post.objects.filter(pk__in=[post.pk for post in made]).delete()


@pytest.fixture
def member_tab(chromium_browser, demo_url, demo_live_server):
    """A browser tab of a verified member who is logged in (their session cookie)."""
    member = MemberFactory(first_name="Sanne")
    client = Client()
    client.force_login(member)
    made = []

    def open_as_member(viewport=None):
        context = chromium_browser.new_context(locale="nl-NL", viewport=viewport or {"width": 1280, "height": 900})
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": demo_url,
                }
            ]
        )
        made.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_as_member
    for context in made:
        context.close()
    Post.objects.filter(author=member).delete()
    member.delete()


def tab_to(page, locator, limit=300):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"cannot reach {locator} with Tab")


def test_a_member_reacts_on_a_story_by_keyboard(reactions_demo, member_tab, demo_url):
    story = reactions_demo["story"]
    page = member_tab()
    page.goto(demo_url + story.url)
    before = int(re.search(r"\((\d+)\)", page.locator("#reacties-heading").inner_text()).group(1))
    assert before >= 3  # the demo's reactions and those of the fixture
    tab_to(page, page.get_by_label("Je reactie"))
    page.keyboard.type("Herkenbaar verhaal, dank voor het delen!")
    tab_to(page, page.get_by_role("button", name="Plaats je reactie"))
    page.keyboard.press("Enter")
    page.wait_for_url("**#reactie-*")
    post = Post.objects.filter(body="Herkenbaar verhaal, dank voor het delen!").get()
    assert page.url == f"{demo_url}{story.url}#reactie-{post.pk}"
    assert "Herkenbaar verhaal" in page.locator(f"#reactie-{post.pk}").inner_text()
    assert f"Reacties ({before + 1})" in page.locator("#reacties-heading").inner_text()
    assert_no_axe_violations(page)


def test_story_and_lesson_with_reactions_pass_axe_for_visitors_and_members(
    reactions_demo, demo_page, member_tab, demo_url
):
    for target in (reactions_demo["story"], reactions_demo["lesson"]):
        demo_page.goto(demo_url + target.url)
        assert demo_page.get_by_role("link", name="Log in om te reageren").count() == 1
        assert demo_page.locator("h1").count() == 1
        assert_no_axe_violations(demo_page)
    page = member_tab()
    page.goto(demo_url + reactions_demo["lesson"].url)
    assert page.locator("form.post-form").count() == 1
    assert_no_axe_violations(page)


def test_the_form_with_errors_takes_focus_and_passes_axe(reactions_demo, member_tab, demo_url):
    page = member_tab()
    page.goto(demo_url + reactions_demo["story"].url)
    tab_to(page, page.get_by_role("button", name="Plaats je reactie"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    assert summary.count() == 1 and "Schrijf eerst een tekst." in summary.inner_text()
    assert summary.evaluate("node => node === document.activeElement")
    assert_no_axe_violations(page)


def test_reactions_do_not_scroll_sideways_at_320_pixels(reactions_demo, member_tab, demo_url):
    page = member_tab(viewport=NARROW)
    for path in (reactions_demo["story"].url, reactions_demo["lesson"].url):
        page.goto(demo_url + path)
        result = page.evaluate(OVERFLOW_JS)
        assert result["scrollWidth"] <= result["clientWidth"], (path, result["offenders"])
    with page.expect_navigation():
        page.get_by_role("button", name="Plaats je reactie").click()
    assert page.locator(".error-summary").count() == 1
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
