"""The newsletter in a real browser: subscribe by keyboard (errors first, then success), confirm with the link
from the outbox mail, change choices and unsubscribe; axe on every state, and 320 px without sideways scrolling."""

import re

import pytest

from events.models import OutboxEmail
from newsletter import emails
from newsletter.models import Subscriber, Unsubscription, email_hash
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.keyboard import focused
from tests.browser.test_reflow import OVERFLOW_JS

ADDRESS = "browser.lezer@example.org"
NARROW = {"width": 320, "height": 640}


def assert_fits(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], (page.url, result["offenders"])
    assert not result["offenders"], (page.url, result["offenders"])


def press_on(page, selector, key="Enter", navigate=True):
    page.locator(selector).focus()
    if navigate:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


@pytest.fixture(params=["wide", "narrow"])
def tab(request, chromium_browser, demo_url):
    yield from open_tab(chromium_browser, demo_url, viewport=NARROW if request.param == "narrow" else None)


def test_subscribe_confirm_change_and_unsubscribe_by_keyboard(tab, demo_url):
    page = tab
    narrow = page.viewport_size["width"] == NARROW["width"]
    address = ADDRESS.replace("browser", "smal") if narrow else ADDRESS

    # The footer on every page leads to the newsletter.
    page.goto(demo_url + "/")
    with page.expect_navigation():
        page.get_by_role("link", name="Aanmelden voor de nieuwsbrief").click()
    assert page.locator("h1").inner_text().strip() == "Aanmelden voor de nieuwsbrief"
    assert_no_axe_violations(page)
    if narrow:
        assert_fits(page)

    # A wrong address and no consent: an error summary that takes focus, in Dutch.
    page.locator("#id_email").focus()
    page.keyboard.type("geen-adres")
    press_on(page, "#id_email")
    assert page.locator("[data-error-summary]").count() == 1
    assert focused(page, "[data-error-summary]")
    summary = page.locator("[data-error-summary]").inner_text()
    assert "Vul een e-mailadres in zoals naam@voorbeeld.nl." in summary
    assert "Vink het vakje aan" in summary
    assert page.title().startswith("Fout:")
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
    if narrow:
        assert_fits(page)

    # Corrected: a theme and the consent, ticked with the space bar.
    page.locator("#id_email").fill("")
    page.locator("#id_email").focus()
    page.keyboard.type(address)
    page.keyboard.press("Tab")
    assert focused(page, "input[name=themes]")
    page.keyboard.press("Space")
    press_on(page, "#id_consent", "Space", navigate=False)
    assert page.locator("#id_consent").is_checked()
    press_on(page, ".newsletter-form button[type=submit]")
    assert page.locator("h1").inner_text().strip() == "Controleer je mailbox"
    assert_no_axe_violations(page)

    subscriber = Subscriber.objects.get(email=address)
    assert not subscriber.is_confirmed
    assert subscriber.themes.count() == 1

    # The confirmation link from the mail in the outbox.
    mail = OutboxEmail.objects.get(kind=emails.KIND_CONFIRM, to=address)
    link = re.search(r"https?://\S+/nieuwsbrief/bevestigen/\S+/", mail.body_text).group(0)
    page.goto(re.sub(r"^https?://[^/]+", demo_url, link))
    assert page.locator("h1").inner_text().strip() == "Bevestig je aanmelding"
    assert_no_axe_violations(page)
    press_on(page, "main form button[type=submit]")
    assert page.locator("h1").inner_text().strip() == "Aanmelding bevestigd"
    assert_no_axe_violations(page)
    assert Subscriber.objects.get(email=address).is_confirmed

    # Settings: another audience, saved.
    press_on(page, "a[href*='/nieuwsbrief/instellingen/']")
    assert page.locator("h1").inner_text().strip() == "Je instellingen voor de nieuwsbrief"
    assert_no_axe_violations(page)
    if narrow:
        assert_fits(page)
    press_on(page, "#id_audiences_0", "Space", navigate=False)
    press_on(page, ".newsletter-form button[type=submit]")
    assert "Je keuzes zijn opgeslagen." in page.locator("main").inner_text()
    assert Subscriber.objects.get(email=address).audiences.count() == 1

    # Unsubscribe: the link, then the button.
    press_on(page, "a[href*='/nieuwsbrief/afmelden/']")
    assert page.locator("h1").inner_text().strip() == "Afmelden voor de nieuwsbrief"
    assert_no_axe_violations(page)
    press_on(page, "main form button[type=submit]")
    assert page.locator("h1").inner_text().strip() == "Je bent afgemeld"
    assert_no_axe_violations(page)
    if narrow:
        assert_fits(page)
    assert not Subscriber.objects.filter(email=address).exists()
    assert Unsubscription.objects.filter(email_hash=email_hash(address)).exists()
