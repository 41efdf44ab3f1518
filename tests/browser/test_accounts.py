"""Accounts in a real browser, by keyboard: sign up, read the verification mail from the test mailbox, verify,
log in, edit the profile, delete the account. axe (WCAG 2.1 AA) on every account page and error state, and no
sideways scrolling at 320 px."""

import re

import pytest
from django.core import mail
from wagtail.models import Site

from accounts.models import Profile
from core.factories import HomePageFactory, UserFactory
from core.models import User
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.test_reflow import OVERFLOW_JS
from tests.conftest import ensure_wagtail_base

PASSWORD = "Zomerse-kennis-2026"  # noqa: S105
NARROW = {"width": 320, "height": 640}


@pytest.fixture
def site(transactional_db):
    from django.core.cache import cache

    cache.clear()
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


def focused(page, selector):
    return page.evaluate(f"document.activeElement && document.activeElement.matches({selector!r})")


def assert_error_summary_has_focus(page):
    assert page.locator("[data-error-summary]").count() == 1
    assert focused(page, "[data-error-summary]")


def submit_by_keyboard(page, selector):
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_no_sideways_scrolling(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
    assert not result["offenders"], result["offenders"]


def test_sign_up_verify_log_in_edit_profile_and_delete_by_keyboard(site, browser_page, live_url):
    page = browser_page
    page.goto(live_url + "/")
    login_link = page.get_by_role("link", name="Inloggen")
    login_link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Inloggen"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Maak eerst een account aan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Account aanmaken"
    assert_no_axe_violations(page)

    # Sent empty: the error summary takes focus.
    submit_by_keyboard(page, "form.account-form button[type=submit]")
    assert_error_summary_has_focus(page)
    assert_no_axe_violations(page)

    page.locator("#id_email").focus()
    page.keyboard.type("noor@example.org")
    for value in ("noor_b", "Noor Bakker", PASSWORD, PASSWORD):
        page.keyboard.press("Tab")
        page.keyboard.type(value)
    assert page.locator("#id_password2").input_value() == PASSWORD
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Verifieer je e-mailadres"
    assert_no_axe_violations(page)

    # The verification mail, from the test mailbox.
    [message] = mail.outbox
    assert message.to == ["noor@example.org"]
    link = re.search(r"http://\S+/account/confirm-email/\S+", message.body).group(0)
    assert link.startswith(live_url)
    page.goto(link)
    assert page.locator("h1").inner_text() == "Bevestig e-mailadres"
    assert_no_axe_violations(page)
    submit_by_keyboard(page, "main form button[type=submit]")
    assert Profile.objects.get(user__username="noor_b").display_name == "Noor Bakker"

    page.goto(live_url + "/account/login/")
    page.locator("#id_login").focus()
    page.keyboard.type("noor_b")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong-password-1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_error_summary_has_focus(page)
    assert_no_axe_violations(page)
    page.locator("#id_password").fill("")
    page.locator("#id_password").focus()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("link", name="Mijn account").count() == 1

    # The profile: an error first, then saved.
    page.get_by_role("link", name="Mijn account").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Je profiel"
    assert_no_axe_violations(page)
    page.locator("#id_display_name").fill("")
    submit_by_keyboard(page, "main form button[type=submit]")
    assert_error_summary_has_focus(page)
    assert_no_axe_violations(page)
    page.locator("#id_display_name").focus()
    page.keyboard.type("Noor B.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Vrijwilliger")  # type-ahead in the role select
    page.locator("#id_bio").focus()
    page.keyboard.type("Ik werk als vrijwilliger bij de voedselbank.")
    page.locator("#id_show_bio").focus()
    page.keyboard.press("Space")  # hide the bio
    submit_by_keyboard(page, "main form button[type=submit]")
    assert "Je profiel is opgeslagen." in page.locator(".messages").inner_text()
    profile = Profile.objects.get(user__username="noor_b")
    assert (profile.display_name, profile.role, profile.show_bio) == ("Noor B.", "volunteer", False)

    page.goto(live_url + "/leden/noor_b/")
    assert page.locator("h1").inner_text() == "Noor B."
    assert "voedselbank" not in page.content() and "noor@example.org" not in page.content()
    assert_no_axe_violations(page)

    # Delete the account: errors first, then the choice and the password.
    page.goto(live_url + "/account/verwijderen/")
    assert_no_axe_violations(page)
    submit_by_keyboard(page, "main form button[type=submit]")
    assert_error_summary_has_focus(page)
    assert_no_axe_violations(page)
    page.locator("#id_posts_0").focus()
    page.keyboard.press("Space")
    page.locator("#id_password").focus()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Je account is verwijderd." in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="Inloggen").count() == 1
    assert not User.objects.filter(username="noor_b").exists()


def test_account_pages_pass_axe_and_reflow_at_320_px(site, chromium_browser, live_url):
    user = UserFactory(username="fatima", email="fatima@example.org", password=PASSWORD)
    Profile.objects.create(user=user, display_name="Fatima el Amrani", bio="Beleidsadviseur " * 20)
    anonymous = ["/account/login/", "/account/signup/", "/account/password/reset/", "/leden/fatima/"]
    member = [
        "/account/profiel/",
        "/account/email/",
        "/account/password/change/",
        "/account/2fa/",
        "/account/2fa/totp/activate/",  # first the password again (allauth's reauthentication)
        "/account/verwijderen/",
        "/account/logout/",
    ]
    for page in open_tab(chromium_browser, live_url, viewport=NARROW):
        for path in anonymous:
            response = page.goto(live_url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            assert_no_sideways_scrolling(page)
            assert_no_axe_violations(page)
        page.goto(live_url + "/account/login/")
        page.locator("#id_login").fill("fatima")
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        for path in member:
            response = page.goto(live_url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            assert_no_sideways_scrolling(page)
            assert_no_axe_violations(page)
        # Error states: a wrong TOTP code, a password change without passwords.
        page.goto(live_url + "/account/2fa/totp/activate/")
        assert "/account/reauthenticate/" in page.url
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "/account/2fa/totp/activate/" in page.url
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
        page.locator("#id_code").fill("000000")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator("[data-error-summary]").count() == 1
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
        page.goto(live_url + "/account/password/change/")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator("[data-error-summary]").count() == 1
        assert_no_sideways_scrolling(page)
        assert_no_axe_violations(page)
