"""The poster maker in a real browser: make a poster by keyboard (choose a template, type, the live preview, the
preview button, errors that take the focus), download PNG and PDF; axe (WCAG 2.1 AA) on every state and no
sideways scrolling at 320 px."""

import io
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from wagtail.models import Site

from campaign.models import CampaignIndexPage
from campaign.posters.demo import seed_templates
from campaign.posters.models import PosterMakerPage
from core.demo import DemoBuilder
from core.factories import HomePageFactory
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import open_tab
from tests.browser.keyboard import focused, tab_to
from tests.browser.test_reflow import OVERFLOW_JS
from tests.conftest import ensure_wagtail_base

NARROW = {"width": 320, "height": 640}


@pytest.fixture
def maker(transactional_db):
    from django.core.cache import cache

    cache.clear()
    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = CampaignIndexPage(title="Campagne", slug="campagne")
    home.add_child(instance=index)
    seed_templates(DemoBuilder())
    page = PosterMakerPage(title="Maak je eigen poster", slug="postermaker")
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def assert_no_sideways_scrolling(page):
    result = page.evaluate(OVERFLOW_JS)
    assert result["scrollWidth"] <= result["clientWidth"], result["offenders"]
    assert not result["offenders"], result["offenders"]


def slow_preview(route):
    time.sleep(0.4)
    route.continue_()


def preview_query(page):
    return parse_qs(urlsplit(page.locator("[data-poster-preview]").get_attribute("src")).query)


def test_make_a_poster_by_keyboard_and_download_it(maker, chromium_browser, live_server):
    for tab in open_tab(chromium_browser, live_server.url):
        tab.goto(live_server.url + maker.url)
        assert tab.locator("h1").inner_text() == "Maak je eigen poster"
        assert_no_axe_violations(tab)

        tab_to(tab, "a.button[href*='sjabloon']")
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert "Jouw teksten voor ‘Samen sterk’" in tab.locator("h2").first.inner_text()
        assert tab.locator("[data-poster-preview]").evaluate("img => img.complete && img.naturalWidth > 0")
        assert_no_axe_violations(tab)

        # Typing updates the preview (debounced), before any button is pressed.
        tab_to(tab, "#id_headline")
        tab.keyboard.press("Control+A")
        tab.keyboard.type("Word vrijwilliger bij de voedselbank")
        tab.wait_for_function(
            "() => document.querySelector('[data-poster-preview]').src.includes('voedselbank')", timeout=5000
        )
        tab.wait_for_function("() => document.querySelector('[data-poster-preview]').naturalWidth > 0")
        assert preview_query(tab)["headline"] == ["Word vrijwilliger bij de voedselbank"]

        # The button renders the preview on the server too (what works without JavaScript). The preview image is
        # held back a moment, so it finishes loading after the script ran: its load must not erase the status.
        tab.route(lambda url: "preview=1" in url, slow_preview)
        tab_to(tab, "form[data-poster-form] button[type=submit]")
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        tab.wait_for_function("() => document.querySelector('[data-poster-preview]').naturalWidth > 0")
        assert "Het voorbeeld toont jouw teksten." in tab.locator("[data-poster-status]").inner_text()
        tab.unroute_all()
        assert tab.locator("#id_headline").input_value() == "Word vrijwilliger bij de voedselbank"
        assert_no_axe_violations(tab)

        # Download the square PNG by keyboard.
        tab_to(tab, "a[data-format=square][data-ext=png]")
        with tab.expect_download() as download_info:
            tab.keyboard.press("Enter")
        path = download_info.value.path()
        assert Image.open(path).size == (1080, 1080)
        assert download_info.value.suggested_filename.endswith("-square.png")

        pdf_link = tab.locator("a[data-format=a4][data-ext=pdf]")
        with tab.expect_download() as download_info:
            pdf_link.click()
        with open(download_info.value.path(), "rb") as handle:
            assert handle.read(5) == b"%PDF-"


def test_errors_take_the_focus_and_pass_axe(maker, chromium_browser, live_server):
    for tab in open_tab(chromium_browser, live_server.url):
        tab.goto(live_server.url + maker.url)
        tab.locator("a.button[href*='sjabloon']").first.click()
        tab.wait_for_load_state()
        tab.locator("#id_headline").fill("")
        tab.locator("#id_cta").fill("W" * 60 + " " + "Meld je nu aan bij ons " * 2)
        tab.locator("form[data-poster-form] button[type=submit]").click()
        tab.wait_for_load_state()
        summary = tab.locator("[data-error-summary]")
        assert "Typ een kop." in summary.inner_text()
        assert focused(tab, "[data-error-summary]")
        assert_no_axe_violations(tab)


def test_a_photo_upload_appears_on_the_preview(maker, chromium_browser, live_server):
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), "#ff00ff").save(photo, "JPEG")
    for tab in open_tab(chromium_browser, live_server.url):
        tab.goto(live_server.url + maker.url)
        tab.locator(".poster-maker__template", has_text="Zonnig met foto").locator("a.button").click()
        tab.wait_for_load_state()
        tab.locator("#id_photo").set_input_files(
            {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": photo.getvalue()}
        )
        tab.locator("form[data-poster-form] button[type=submit]").click()
        tab.wait_for_load_state()
        assert "Je foto staat op de poster." in tab.content()
        assert preview_query(tab)["photo_token"]
        assert_no_axe_violations(tab)


def test_every_state_fits_in_320_pixels(maker, chromium_browser, live_server):
    for tab in open_tab(chromium_browser, live_server.url, viewport=NARROW):
        tab.goto(live_server.url + maker.url)
        assert_no_sideways_scrolling(tab)
        assert_no_axe_violations(tab)
        tab.locator("a.button[href*='sjabloon']").first.click()
        tab.wait_for_load_state()
        assert_no_sideways_scrolling(tab)
        tab.locator("form[data-poster-form] button[type=submit]").click()
        tab.wait_for_load_state()
        assert_no_sideways_scrolling(tab)
        assert_no_axe_violations(tab)
        tab.locator("#id_headline").fill("")
        tab.locator("form[data-poster-form] button[type=submit]").click()
        tab.wait_for_load_state()
        assert_no_sideways_scrolling(tab)
        assert_no_axe_violations(tab)
        # An unknown template: the Dutch 404 with the list of templates.
        response = tab.goto(live_server.url + maker.url + "?sjabloon=987654")
        assert response.status == 404
        assert tab.locator("a.button[href*='sjabloon']").count() >= 1
        assert_no_sideways_scrolling(tab)
        assert_no_axe_violations(tab)


def test_a_refused_preview_shows_the_reason_without_drawing_the_poster_again(maker, chromium_browser, live_server):
    from campaign.posters.models import PosterTemplate, PosterZone

    template = PosterTemplate.objects.active().order_by("pk").first()
    requests = []

    def record(request):
        if "/poster.png" in request.url:
            requests.append(request.url)

    for tab in open_tab(chromium_browser, live_server.url):
        tab.goto(f"{live_server.url}{maker.url}?sjabloon={template.pk}")
        tab.wait_for_function("() => document.querySelector('[data-poster-preview]').naturalWidth > 0")
        # The call to action's zone becomes too low for any text: the next preview is refused.
        PosterZone.objects.filter(template=template, kind="cta").update(height=3, min_size=30, max_size=30)
        tab.on("request", record)

        tab.locator("#id_cta").fill("Meld je vandaag nog aan")
        tab.wait_for_function(
            "() => document.querySelector('[data-poster-status]').textContent.includes('past niet')", timeout=5000
        )
        assert "De tekst bij ‘Oproep’ past niet op de poster" in tab.locator("[data-poster-status]").inner_text()
        previews = [url for url in requests if "preview=1" in url]
        checks = [url for url in requests if "check=1" in url]
        assert len(previews) == 1 and len(checks) == 1  # the failed image is not fetched a second time
        assert "preview=1" not in checks[0]
        assert_no_axe_violations(tab)
