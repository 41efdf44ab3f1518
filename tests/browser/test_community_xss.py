"""The XSS corpus posted through every field members write, with the real forms (HTTP), then the pages that show it
opened in Chromium: forum, category, topic, network page, member page, Mijn meldingen and the moderation queue.

No script runs (``alert`` is counted, dialogs are recorded), and the browser's own parser finds no event handler,
no script, frame or SVG in the content, and no link with another scheme than http(s)/mailto. The site's CSP would
block inline scripts anyway; the DOM check makes sure escaping, not only the CSP, keeps them out."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from community import links
from community.factories import MemberFactory
from community.models import Follow, FollowFrequency, ForumPage, ModerationAction, Post, Thread
from core.models import User
from tests.browser.axe import assert_no_axe_violations
from tests.community.test_posting_text import XSS_CORPUS

PAYLOADS = [text for text in XSS_CORPUS if "\x00" not in text]
ATTRIBUTE_BREAKERS = ['"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '" onfocus="alert(1)" autofocus="']

INIT_SCRIPT = "window.__alerts = 0; window.alert = () => { window.__alerts += 1; };"
DOM_CHECK = """() => {
    const found = [];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (attribute.name.toLowerCase().startsWith("on")) found.push(element.tagName + " " + attribute.name);
        }
    }
    for (const script of document.querySelectorAll("script")) {
        const src = script.getAttribute("src") || "";
        // Data islands (the admin's application/json) are never run.
        if (script.type === "application/json") continue;
        const ours = src.startsWith("/static/") || src === "/admin/jsi18n/";
        if (!ours) found.push("script " + (src || script.textContent.slice(0, 40)));
    }
    const foreign = ["iframe", "object", "embed", "svg:not(.icon)", "math", "style", "base", "meta"]
        .map((tag) => "main " + tag).join(", ");
    for (const element of document.querySelectorAll(foreign)) found.push(element.tagName);
    for (const link of document.querySelectorAll("[href], [src], [action], [formaction], [xlink\\\\:href]")) {
        for (const name of ["href", "src", "action", "formaction", "xlink:href"]) {
            const value = link.getAttribute(name);
            if (value === null) continue;
            const scheme = new URL(value, location.href).protocol;
            if (!["http:", "https:", "mailto:"].includes(scheme)) found.push(link.tagName + " " + name + "=" + value);
        }
    }
    return found;
}"""


def png_upload(name="foto.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 60, 60)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hostile_forum(demo_live_server, settings):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_DUPLICATE_WINDOW_SECONDS = 0
    settings.COMMUNITY_NEW_MEMBER_MAX_TOPICS = 1000
    settings.COMMUNITY_NEW_MEMBER_MAX_REPLIES = 1000
    forum = ForumPage.objects.live().get(slug="forum")
    author = MemberFactory(username="xss_auteur", first_name="Xavier")
    follower = MemberFactory(username="xss_volger", first_name="Vera")
    reporter = MemberFactory(username="xss_melder", first_name="Mel")
    moderator = MemberFactory(username="xss_moderator", first_name="Mo")
    moderator.groups.add(forum.moderators)
    Follow.objects.create(user=follower, forum=forum, frequency=FollowFrequency.INSTANT)
    yield {"forum": forum, "author": author, "follower": follower, "reporter": reporter, "moderator": moderator}
    threads = Thread.objects.filter(author=author)
    ModerationAction.objects.filter(thread__in=threads).delete()
    threads.delete()
    User.objects.filter(username__startswith="xss_").delete()


def post_everything(data):
    """Every field a member writes, through the real forms."""
    forum, author = data["forum"], data["author"]
    category = forum.categories.order_by("sort_order").first()
    client = logged_in(author)
    new_topic_url = forum.url + "nieuw/"
    for number, payload in enumerate([*PAYLOADS, *ATTRIBUTE_BREAKERS][:12]):
        response = client.post(
            new_topic_url,
            {"category": category.pk, "title": f"{payload}"[:150] or f"x{number}", "body": payload or "x"},
        )
        assert response.status_code == 302, response.content.decode()[:500]
    thread = Thread.objects.filter(author=author).order_by("pk").first()
    body = "\n\n".join([*PAYLOADS, *ATTRIBUTE_BREAKERS])[:10_000]
    response = client.post(
        links.thread_url(thread),
        {"body": body, "image": png_upload(), "image_alt": ATTRIBUTE_BREAKERS[0]},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    reply = thread.posts.get(is_opening=False)
    assert reply.image and reply.image_alt == ATTRIBUTE_BREAKERS[0]
    quote = client.post(links.thread_url(thread), {"body": "Zie hierboven.", "quoted_post": reply.pk})
    assert quote.status_code == 302

    response = client.post(
        "/account/profiel/",
        {
            "display_name": ATTRIBUTE_BREAKERS[0][:60],
            "bio": "\n".join([*PAYLOADS, *ATTRIBUTE_BREAKERS])[:600],
            "role": "",
            "municipality": "",
            "is_public": "on",
            "show_municipality": "on",
            "show_role": "on",
            "show_bio": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]

    response = logged_in(data["reporter"]).post(
        f"/melden/{reply.pk}/", {"reason": "spam", "explanation": "\n".join(ATTRIBUTE_BREAKERS + PAYLOADS[:5])}
    )
    assert response.status_code == 302
    return thread, reply


def open_as(chromium_browser, base_url, user=None):
    context = chromium_browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    if user is not None:
        session = logged_in(user).cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}])
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.set_default_timeout(15_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return context, page, dialogs


def assert_nothing_ran(page, dialogs, path):
    # Give handlers such as onload/onerror/onfocus a moment to fire.
    page.wait_for_timeout(300)
    page.keyboard.press("Tab")
    assert page.evaluate("window.__alerts") == 0, path
    assert dialogs == [], path
    assert page.evaluate(DOM_CHECK) == [], path


def test_hostile_text_in_every_field_runs_no_script_on_any_page(hostile_forum, chromium_browser, demo_url):
    thread, reply = post_everything(hostile_forum)
    forum = hostile_forum["forum"]
    category = thread.category
    network = forum.get_parent()
    assert Post.objects.visible().filter(thread__author=hostile_forum["author"]).count() >= 12
    pages = [
        (None, forum.url),
        (None, category.url),
        (None, links.thread_url(thread)),
        (None, network.url),
        (None, "/leden/xss_auteur/"),
        (hostile_forum["follower"], "/account/meldingen/"),
        (hostile_forum["moderator"], "/admin/moderation/"),
        (hostile_forum["moderator"], f"/admin/moderation/posts/{reply.pk}/"),
    ]
    for user, path in pages:
        context, page, dialogs = open_as(chromium_browser, demo_url, user)
        try:
            response = page.goto(demo_url + path)
            assert response.status == 200, path
            assert_nothing_ran(page, dialogs, path)
            if not path.startswith("/admin/"):
                assert_no_axe_violations(page)
        finally:
            context.close()

    # The text is shown as text, not dropped: the visitor reads the attribute breaker literally.
    context, page, dialogs = open_as(chromium_browser, demo_url)
    try:
        page.goto(demo_url + links.thread_url(thread))
        assert ATTRIBUTE_BREAKERS[1] in page.locator("main").inner_text()
        alts = page.evaluate("() => [...document.querySelectorAll('main img')].map((image) => image.alt)")
        assert ATTRIBUTE_BREAKERS[0] in alts
    finally:
        context.close()
