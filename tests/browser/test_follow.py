"""Following in a real browser: follow a topic by keyboard, then Mijn meldingen, Wat ik volg and the unsubscribe
page; axe on every page and state, and no sideways scrolling at 320 px."""

import pytest
from django.test import Client

from community import notifications
from community.factories import ForumPageFactory, MemberFactory, PostFactory, TopicFactory
from community.models import Follow, FollowFrequency, Notification
from networks.factories import NetworkIndexPageFactory, NetworkPageFactory
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.test_reflow import NARROW, OVERFLOW_JS


@pytest.fixture
def forum_topic(home_page):
    network = NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page))
    forum = ForumPageFactory(parent=network)
    author = MemberFactory(username="anna", first_name="Anna")
    topic = TopicFactory(forum=forum, author=author, title="Vervoer naar de dagbesteding")
    return topic, author


@pytest.fixture
def bram(db):
    return MemberFactory(username="bram", first_name="Bram")


def log_in(page, base_url, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}])


def tab_to(page, locator, limit=200):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"{locator} cannot be reached with Tab")


def assert_no_sideways_scroll(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"] and not result["offenders"], (page.url, result)


def test_follow_a_topic_by_keyboard_and_read_my_notifications(forum_topic, bram, browser_page, live_url):
    topic, author = forum_topic
    log_in(browser_page, live_url, bram)
    browser_page.goto(live_url + topic.get_absolute_url())
    frequency = browser_page.locator("form.follow select[name=frequency]")
    tab_to(browser_page, frequency)
    browser_page.keyboard.press("ArrowDown")  # Direct -> Dagelijks overzicht
    assert frequency.input_value() == "daily"
    tab_to(browser_page, browser_page.locator("form.follow button", has_text="Volgen"), limit=3)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    assert "Je volgt nu het onderwerp ‘Vervoer naar de dagbesteding’" in browser_page.locator(".messages").inner_text()
    assert Follow.objects.get(user=bram).frequency == FollowFrequency.DAILY
    assert browser_page.locator("form.follow button", has_text="Niet meer volgen").count() == 1
    assert_no_axe_violations(browser_page)

    # a reply arrives; Mijn meldingen shows it, unread
    post = PostFactory(thread=topic, author=author, body="Ik rijd mee, @bram!")
    notifications.post_published(post)
    browser_page.goto(live_url + "/account/meldingen/")
    assert browser_page.title().startswith("Mijn meldingen (1 ongelezen)")
    assert browser_page.locator("h1").count() == 1
    assert_no_axe_violations(browser_page)
    mark = browser_page.locator(".notification form button")
    assert "Markeer als gelezen" in mark.inner_text() and "Vervoer naar de dagbesteding" in mark.inner_text()
    tab_to(browser_page, mark)
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    assert "Als gelezen gemarkeerd." in browser_page.locator(".messages").inner_text()
    assert Notification.objects.get(user=bram).read_at is not None
    assert_no_axe_violations(browser_page)

    browser_page.goto(live_url + "/account/volgen/")
    assert browser_page.locator("h1").inner_text() == "Wat ik volg"
    assert_no_axe_violations(browser_page)


def test_follow_pages_pass_axe_and_reflow_at_320_pixels(forum_topic, bram, chromium_browser, live_server):
    topic, author = forum_topic
    followed = Follow.objects.create(user=bram, thread=topic)
    notifications.post_published(PostFactory(thread=topic, author=author, body="Een heel " + "lang" * 30 + " woord"))
    token = notifications.unsubscribe_token(bram.pk, followed.pk)
    for viewport in (None, NARROW):
        for page in open_tab(chromium_browser, live_server.url, viewport=viewport):
            log_in(page, live_server.url, bram)
            for path in (
                topic.get_absolute_url(),
                "/account/meldingen/",
                "/account/volgen/",
                f"/meldingen/afmelden/{token}/",
                "/meldingen/afmelden/kapot/",
            ):
                response = page.goto(live_server.url + path)
                assert response.status in (200, 400), path
                assert page.locator("h1").count() == 1, path
                if viewport is None:
                    assert_no_axe_violations(page)
                else:
                    assert_no_sideways_scroll(page)
