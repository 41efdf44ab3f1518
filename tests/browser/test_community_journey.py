"""The whole community journey in one run, by keyboard, on the seeded demo: a visitor signs up, reads the
verification mail from the test mailbox, verifies and logs in; starts a topic (a first post waits for approval); a
moderator approves it in the admin; the member follows the topic, replies, gets a notification when someone else
replies, reports that reply; the moderator hides it. axe on every new page and state on the way.

The areas have their own browser tests (accounts, forum, follow, reactions, moderation); this one proves they fit
together as a new member would meet them."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from community import links
from community.factories import MemberFactory
from community.models import ForumPage, ModerationAction, Post, PostStatus, Thread
from core.models import User
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.keyboard import tab_to

PASSWORD = "Reis-door-het-forum-2026"  # noqa: S105
MODERATOR_PASSWORD = "Moderator-van-de-reis-2026"  # noqa: S105
TITLE = "Hoe vinden jullie ervaringsdeskundigen voor de adviesraad?"


@pytest.fixture
def journey(demo_live_server, settings):
    settings.COMMUNITY_MIN_SECONDS_BETWEEN_POSTS = 0
    settings.COMMUNITY_DUPLICATE_WINDOW_SECONDS = 0
    forum = ForumPage.objects.live().get(slug="forum")
    moderator = MemberFactory(username="reismoderator", first_name="Roos")
    moderator.set_password(MODERATOR_PASSWORD)
    moderator.save()
    moderator.groups.add(forum.moderators)
    other = MemberFactory(username="reisgenoot", first_name="Ravi")
    yield {"forum": forum, "moderator": moderator, "other": other}
    # The demo is shared by the browser tests of this session: leave it as it was.
    threads = Thread.objects.filter(title=TITLE)
    ModerationAction.objects.filter(thread__in=threads).delete()
    threads.delete()
    User.objects.filter(username__in=["nieuwlid_reis", "reismoderator", "reisgenoot"]).delete()


def press_enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.type(text)


def member_tab(chromium_browser, base_url, user):
    """A browser tab in which `user` is logged in (their session cookie)."""
    client = Client()
    client.force_login(user)
    context = chromium_browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_sign_up_post_approve_follow_reply_notify_report_and_moderate(journey, chromium_browser, demo_url):
    forum = journey["forum"]
    category = forum.categories.order_by("sort_order").first()
    moderator_tabs = open_tab(chromium_browser, demo_url)
    moderator_page = next(moderator_tabs)
    for page in open_tab(chromium_browser, demo_url):
        # A visitor on a category page signs up.
        page.goto(demo_url + category.url)
        tab_to(page, page.get_by_role("link", name="Inloggen"))
        press_enter(page)
        tab_to(page, page.get_by_role("link", name="Maak eerst een account aan"))
        press_enter(page)
        assert page.locator("h1").inner_text() == "Account aanmaken"
        type_into(page, page.locator("#id_email"), "nieuw.lid@example.org")
        for value in ("nieuwlid_reis", "Nadia de Wit", PASSWORD, PASSWORD):
            page.keyboard.press("Tab")
            page.keyboard.type(value)
        press_enter(page)
        assert page.locator("h1").inner_text() == "Verifieer je e-mailadres"

        # The verification mail, in Dutch, from the test mailbox.
        [message] = [m for m in mail.outbox if m.to == ["nieuw.lid@example.org"]]
        assert "Bevestig" in message.subject or "bevestig" in message.body
        link = re.search(r"http://\S+/account/confirm-email/\S+", message.body).group(0)
        page.goto(link)
        assert_no_axe_violations(page)
        tab_to(page, page.locator("main form button[type=submit]"))
        press_enter(page)

        page.goto(demo_url + "/account/login/")
        type_into(page, page.locator("#id_login"), "nieuwlid_reis")
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        press_enter(page)
        assert page.get_by_role("link", name="Mijn account").count() == 1

        # A first topic: it waits for a moderator.
        page.goto(demo_url + category.url)
        tab_to(page, page.get_by_role("link", name="Start een onderwerp in deze categorie"))
        press_enter(page)
        assert_no_axe_violations(page)
        type_into(page, page.get_by_label("Titel"), TITLE)
        type_into(page, page.get_by_label("Je tekst"), "Wij zoeken mensen met een **beperking** voor onze adviesraad.")
        tab_to(page, page.get_by_role("button", name="Onderwerp plaatsen"))
        press_enter(page)
        assert "zodra een moderator het heeft goedgekeurd" in page.locator(".messages").inner_text()
        assert_no_axe_violations(page)
        thread = Thread.objects.get(title=TITLE)
        opening = thread.posts.get(is_opening=True)
        assert (thread.status, opening.status) == (PostStatus.PENDING, PostStatus.PENDING)
        anonymous = Client()
        assert TITLE not in anonymous.get(category.url).content.decode()

        # The moderator logs in to the admin (through the site's login) and approves it by keyboard.
        moderator_page.goto(demo_url + "/admin/moderation/")
        type_into(moderator_page, moderator_page.locator("#id_login"), "reismoderator")
        moderator_page.keyboard.press("Tab")
        moderator_page.keyboard.type(MODERATOR_PASSWORD)
        press_enter(moderator_page)
        moderator_page.wait_for_url("**/admin/moderation/")
        item = moderator_page.locator(f"#post-{opening.pk}")
        assert "adviesraad" in item.inner_text()
        tab_to(moderator_page, item.get_by_role("button", name="Goedkeuren"))
        press_enter(moderator_page)
        thread.refresh_from_db()
        assert thread.status == PostStatus.VISIBLE
        assert TITLE in anonymous.get(category.url).content.decode()

        # The member follows the topic (mail at once) and replies.
        page.goto(demo_url + links.thread_url(thread))
        assert page.locator("h1").inner_text() == TITLE
        tab_to(page, page.get_by_role("button", name="Volgen").first)
        press_enter(page)
        assert page.locator(".follow__status").count() >= 1
        assert_no_axe_violations(page)
        type_into(page, page.get_by_label("Je tekst"), "Aanvulling: wie heeft er een vacaturetekst in B1?")
        tab_to(page, page.get_by_role("button", name="Reactie plaatsen"))
        press_enter(page)
        own_reply = thread.posts.get(is_opening=False, author__username="nieuwlid_reis")
        assert own_reply.status == PostStatus.VISIBLE
        assert page.url.endswith(f"#reactie-{own_reply.pk}")

        # Someone else replies: the member is notified by mail and on Mijn meldingen.
        other_context, other_page = member_tab(chromium_browser, demo_url, journey["other"])
        try:
            other_page.goto(demo_url + links.thread_url(thread))
            other_page.get_by_label("Je tekst").fill("Bel mij voor een goedkope wervingscampagne, 06-12345678!")
            with other_page.expect_navigation():
                other_page.get_by_role("button", name="Reactie plaatsen").click()
        finally:
            other_context.close()
        spam = thread.posts.get(author=journey["other"])
        assert [m for m in mail.outbox if m.to == ["nieuw.lid@example.org"] and TITLE in m.subject + m.body]
        page.goto(demo_url + "/")
        tab_to(page, page.get_by_role("link", name="Mijn meldingen"))
        press_enter(page)
        assert TITLE in page.locator("main").inner_text()
        assert_no_axe_violations(page)

        # The member reports the spam.
        page.goto(demo_url + links.post_url(spam))
        tab_to(page, page.locator(f'a[href="/melden/{spam.pk}/"]'))
        press_enter(page)
        assert page.locator("h1").inner_text() == "Bericht melden"
        tab_to(page, page.locator("#report-reason_0"))
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.type("Reclame met een telefoonnummer.")
        tab_to(page, page.get_by_role("button", name="Melding versturen"))
        press_enter(page)
        assert "Bedankt voor je melding" in page.locator(".messages").inner_text()

        # The moderator sees the report in the queue and hides the post, with a reason for the log.
        moderator_page.goto(demo_url + "/admin/moderation/")
        item = moderator_page.locator(f"#post-{spam.pk}")
        assert "Reclame met een telefoonnummer." in item.inner_text()
        type_into(moderator_page, item.get_by_label("Reden (voor het logboek)"), "Reclame")
        tab_to(moderator_page, item.get_by_role("button", name="Verbergen"))
        press_enter(moderator_page)
        spam.refresh_from_db()
        assert spam.status == PostStatus.HIDDEN
        assert ModerationAction.objects.filter(post=spam, action="hide", moderator=journey["moderator"]).exists()

        page.goto(demo_url + links.thread_url(thread))
        assert "wervingscampagne" not in page.locator("main").inner_text()
        assert "vacaturetekst in B1" in page.locator("main").inner_text()
        assert not Post.objects.visible().filter(pk=spam.pk).exists()
    next(moderator_tabs, None)  # closes the moderator's tab and checks it made no third-party requests
