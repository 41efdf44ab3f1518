"""The forum in a real browser: from the forum to a category and a topic by keyboard; a verified member starts a
topic and replies by keyboard; axe on the forum, a category, a topic and the new-topic form with its errors; no
forum page scrolls sideways at 320 px, not even with a long Dutch word or a long web address in a post."""

import pytest
from django.conf import settings
from django.test import Client

from community import links
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import ForumPage, Thread
from tests.browser.axe import assert_no_axe_violations
from tests.browser.keyboard import tab_to
from tests.browser.test_reflow import NARROW, OVERFLOW_JS

LONG_WORD = "arbeidsongeschiktheidsverzekeringsmaatschappijvertegenwoordigersbijeenkomst"
LONG_URL = "https://www.example.nl/" + "heel-lange-padnaam-" * 12 + "einde"


@pytest.fixture
def forum_demo(demo_live_server, settings):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_DUPLICATE_WINDOW_SECONDS = 0
    forum = ForumPage.objects.live().get(slug="forum")
    category = forum.categories.order_by("sort_order").first()
    long_topic = TopicFactory(
        forum=forum,
        category=category,
        title=f"Over de {LONG_WORD}",
        opening__body=f"Zie {LONG_URL} en het {LONG_WORD}.",
    )
    PostFactory(thread=long_topic, body=f"<{LONG_URL}>")
    yield {"forum": forum, "category": category, "long_topic": long_topic}
    # The demo is shared by the browser tests of this session: leave it as it was.
    Thread.objects.filter(pk=long_topic.pk).delete()


@pytest.fixture
def member_tab(chromium_browser, demo_url, demo_live_server):
    """A browser tab of a verified member who is logged in (their session cookie)."""
    member = MemberFactory(username="forumlid", first_name="Fenna")
    client = Client()
    client.force_login(member)
    contexts = []

    def open_as_member(viewport=None):
        context = chromium_browser.new_context(locale="nl-NL", viewport=viewport or {"width": 1280, "height": 900})
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": demo_url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_as_member
    for context in contexts:
        context.close()
    Thread.objects.filter(author=member).delete()
    member.community_posts.all().delete()
    member.delete()


def test_forum_pages_pass_axe(forum_demo, demo_page, demo_url):
    forum, category = forum_demo["forum"], forum_demo["category"]
    topic = Thread.objects.topics().visible().filter(forum=forum).order_by("-reply_count").first()
    for path in (forum.url, category.url, links.thread_url(topic), links.thread_url(forum_demo["long_topic"])):
        response = demo_page.goto(demo_url + path)
        assert response.status == 200, path
        assert demo_page.locator("h1").count() == 1, path
        assert_no_axe_violations(demo_page)


def test_from_the_forum_to_a_category_and_a_topic_by_keyboard(forum_demo, demo_page, demo_url):
    forum, category = forum_demo["forum"], forum_demo["category"]
    demo_page.goto(demo_url + forum.url)
    link = demo_page.locator(".forum-categories").get_by_role("link", name=category.name, exact=True)
    tab_to(demo_page, link)
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url(f"**{category.url}")
    assert demo_page.locator("h1").inner_text() == category.name
    first_topic = demo_page.locator(".topic-list__title a").first
    title = first_topic.inner_text()
    tab_to(demo_page, first_topic)
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**/onderwerp/**")
    assert demo_page.locator("h1").inner_text() == title
    assert demo_page.locator("article.post").count() >= 1
    assert demo_page.get_by_role("link", name="Log in om te reageren").count() == 1


def test_a_member_starts_a_topic_and_replies_by_keyboard(forum_demo, member_tab, demo_url):
    category = forum_demo["category"]
    page = member_tab()
    page.goto(demo_url + category.url)
    start = page.get_by_role("link", name="Start een onderwerp in deze categorie")
    tab_to(page, start)
    page.keyboard.press("Enter")
    page.wait_for_url("**/nieuw/**")
    # Sending the empty form: an error summary that takes the focus, and still no axe violations.
    tab_to(page, page.get_by_role("button", name="Onderwerp plaatsen"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert summary.evaluate("node => node === document.activeElement")
    assert_no_axe_violations(page)
    assert page.get_by_label("Categorie").input_value() == str(category.pk)

    tab_to(page, page.get_by_label("Titel"))
    page.keyboard.type("Ervaringen met toegankelijke stembureaus")
    tab_to(page, page.get_by_label("Je tekst"))
    page.keyboard.type("Hoe hebben jullie de stembureaus toegankelijk gemaakt?")
    tab_to(page, page.get_by_role("button", name="Onderwerp plaatsen"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/onderwerp/**#reactie-*")
    thread = Thread.objects.get(title="Ervaringen met toegankelijke stembureaus")
    assert page.locator("h1").inner_text() == thread.title
    assert "Je onderwerp is geplaatst." in page.locator(".messages").inner_text()
    assert_no_axe_violations(page)

    tab_to(page, page.get_by_label("Je tekst"))
    page.keyboard.type("Wij hebben een drempelvrije ingang en een leesloep.")
    tab_to(page, page.get_by_role("button", name="Reactie plaatsen"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    reply = thread.posts.get(is_opening=False)
    assert page.url.endswith(f"#reactie-{reply.pk}")
    assert "drempelvrije ingang" in page.locator(f"#reactie-{reply.pk}").inner_text()


def test_no_forum_page_scrolls_sideways_at_320_pixels(forum_demo, member_tab, demo_url):
    forum, category, long_topic = forum_demo["forum"], forum_demo["category"], forum_demo["long_topic"]
    page = member_tab(viewport=NARROW)
    paths = [forum.url, category.url, links.thread_url(long_topic), f"{forum.url}nieuw/"]
    problems = []
    for path in paths:
        page.goto(demo_url + path)
        result = page.evaluate(OVERFLOW_JS)
        if result["scrollWidth"] > result["clientWidth"] or result["offenders"]:
            problems.append(f"{path}: {result}")
    assert not problems, "\n".join(problems)
