"""Moderation in a real browser: a member reports a post by keyboard (axe on the report form, also with its
errors; no sideways scrolling at 320 px); a moderator logs in to the admin and hides and restores posts from the
moderation queue."""

import pytest
from django.conf import settings
from django.test import Client

from community import links, moderation
from community.factories import MemberFactory, PostFactory, TopicFactory
from community.models import HiddenReason, ModerationAction, Post, PostStatus, Report, ReportReason, Thread
from community.models.moderation import REPORTS_TO_HIDE
from tests.browser.axe import assert_no_axe_violations
from tests.browser.keyboard import tab_to
from tests.browser.test_reflow import NARROW, OVERFLOW_JS

PASSWORD = "Moderatie-wachtwoord-2026"


@pytest.fixture
def moderation_demo(demo_live_server):
    """A topic in the demo forum with a reply to report, a reply reported once and one hidden after reports."""
    from community.models import ForumPage

    forum = ForumPage.objects.live().get(slug="forum")
    author = MemberFactory(username="schrijver_mod", first_name="Sam")
    topic = TopicFactory(forum=forum, author=author, title="Vergaderen met tolken")
    reply = PostFactory(thread=topic, author=author, body="Bel mij op 06-12345678 voor goedkope tolken.")
    other = PostFactory(thread=topic, author=author, body="Nog een bericht, voor de smalle weergave.")
    reported = PostFactory(thread=topic, author=author, body="Een bericht dat iemand meldde.")
    auto_hidden = PostFactory(thread=topic, author=author, body="Een bericht dat drie leden meldden.")
    reporters = [MemberFactory(username=f"melder_mod{number}") for number in range(REPORTS_TO_HIDE)]
    moderation.report(reported, reporters[0], ReportReason.SPAM, "Reclame")
    for reporter in reporters:
        moderation.report(auto_hidden, reporter, ReportReason.OFFENSIVE)
    moderator = MemberFactory(username="browsermoderator", first_name="Mo")
    moderator.set_password(PASSWORD)
    moderator.save()
    moderator.groups.add(forum.moderators)
    data = {
        "forum": forum,
        "topic": topic,
        "reply": reply,
        "other": other,
        "reported": reported,
        "auto_hidden": auto_hidden,
        "moderator": moderator,
    }
    yield data
    # The demo is shared by the browser tests of this session: leave it as it was.
    ModerationAction.objects.filter(thread=topic).delete()
    Thread.objects.filter(pk=topic.pk).delete()
    for user in [author, moderator, *reporters]:
        user.delete()


@pytest.fixture
def member_tab(chromium_browser, demo_url):
    """Browser tabs of a verified member who is logged in (their session cookie)."""
    member = MemberFactory(username="meldend_lid", first_name="Mila")
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

    yield member, open_as_member
    for context in contexts:
        context.close()
    member.delete()


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_no_sideways_scrolling(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
    assert not result["offenders"], result["offenders"]


def test_a_member_reports_a_post_by_keyboard(moderation_demo, member_tab, demo_url):
    member, open_as_member = member_tab
    reply = moderation_demo["reply"]
    page = open_as_member()
    page.goto(demo_url + links.post_url(reply))
    tab_to(page, page.locator(f'a[href="/melden/{reply.pk}/"]'))
    press_enter_and_wait(page)
    assert page.locator("h1").inner_text() == "Bericht melden"
    assert "06-12345678" in page.locator(".report-post__quote").inner_text()
    assert_no_axe_violations(page)

    # Sent without a reason: the error summary takes focus and links to the first reason.
    tab_to(page, page.get_by_role("button", name="Melding versturen"))
    press_enter_and_wait(page)
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')")
    assert "Kies waarom je dit bericht meldt." in page.locator("[data-error-summary]").inner_text()
    assert_no_axe_violations(page)
    tab_to(page, page.locator("[data-error-summary] a"))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "report-reason_0"

    # A reason by keyboard (arrow keys move through the radio group), an explanation, and send.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.locator("#report-reason_2").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Er staat een telefoonnummer in.")
    page.keyboard.press("Tab")
    press_enter_and_wait(page)
    assert "Bedankt voor je melding" in page.locator(".messages").inner_text()
    report = Report.objects.get(post=reply, reporter=member)
    assert report.reason == ReportReason.PERSONAL_DATA and report.explanation == "Er staat een telefoonnummer in."

    # Once per member: a second visit says so.
    page.goto(demo_url + f"/melden/{reply.pk}/")
    assert "Je hebt dit bericht al gemeld" in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_the_report_form_fits_320_px_with_and_without_errors(moderation_demo, member_tab, demo_url):
    _member, open_as_member = member_tab
    page = open_as_member(NARROW)
    page.goto(demo_url + f"/melden/{moderation_demo['other'].pk}/")
    assert_no_sideways_scrolling(page)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_load_state()
    assert page.locator("[data-error-summary]").count() == 1
    assert_no_sideways_scrolling(page)
    assert_no_axe_violations(page)


def test_a_moderator_hides_and_restores_from_the_queue(moderation_demo, demo_page, demo_url):
    page = demo_page
    reported, auto_hidden = moderation_demo["reported"], moderation_demo["auto_hidden"]

    page.goto(demo_url + "/admin/moderation/")
    assert "/account/login/" in page.url  # the admin logs in through allauth
    page.locator("#id_login").fill("browsermoderator")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").focus()
    press_enter_and_wait(page)
    page.wait_for_url("**/admin/moderation/")
    assert page.locator("h1").first.inner_text().strip() == "Moderatiewachtrij"

    # Hide the post that was reported once, with a reason.
    item = page.locator(f"#post-{reported.pk}")
    assert "Reclame" in item.inner_text()
    item.get_by_label("Reden (voor het logboek)").fill("Reclame voor een bedrijf")
    with page.expect_navigation():
        item.get_by_role("button", name="Verbergen").click()
    assert "Het bericht is verborgen." in page.locator("body").inner_text()
    reported.refresh_from_db()
    assert reported.status == PostStatus.HIDDEN and reported.hidden_reason == HiddenReason.MODERATOR

    # The post that three members reported is hidden; the moderator dismisses the reports and shows it again.
    item = page.locator(f"#post-{auto_hidden.pk}")
    assert "Gemeld door meerdere leden" in item.inner_text()
    with page.expect_navigation():
        item.get_by_role("button", name="Meldingen afwijzen en weer tonen").click()
    auto_hidden.refresh_from_db()
    assert auto_hidden.status == PostStatus.VISIBLE
    assert page.locator(f"#post-{auto_hidden.pk}").count() == 0

    # Restore the hidden post from its own screen (it left the queue when it was hidden).
    page.goto(demo_url + f"/admin/moderation/posts/{reported.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Herstellen").click()
    reported.refresh_from_db()
    assert reported.status == PostStatus.VISIBLE
    assert Post.objects.visible().filter(pk__in=[reported.pk, auto_hidden.pk]).count() == 2

    page.goto(demo_url + "/admin/moderation/log/")
    log = page.locator("main").inner_text()
    assert "Reclame voor een bedrijf" in log and "Meldingen afgewezen" in log and "Hersteld" in log
