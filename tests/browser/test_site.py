"""The demo site in a real browser: axe on every page type the demo content creates, and a keyboard walk.

The demo is seeded once for all browser tests that use ``demo_live_server`` / ``demo_page``."""

from tests.browser.axe import assert_no_axe_violations


def one_page_per_type(pages):
    seen = {}
    for page_type, path in pages:
        seen.setdefault(page_type, path)
    return seen


def test_every_page_type_of_the_demo_passes_axe(demo_live_server, demo_page):
    """One page of every type seed_demo creates (each answers 200), plus search results and the 404 page."""
    pages = one_page_per_type(demo_live_server.pages)
    assert len(pages) >= 8, f"seed_demo made too few page types: {sorted(pages)}"
    expected = dict.fromkeys(pages.values(), 200)
    expected["/zoeken/?q=vrijwilligers"] = 200
    expected["/deze-pagina-bestaat-niet/"] = 404
    for path, status in expected.items():
        response = demo_page.goto(demo_live_server.url + path)
        assert response.status == status, f"{path} answered {response.status}, expected {status}"
        assert demo_page.locator("h1").count() == 1, f"{path} must have exactly one h1"
        assert demo_page.locator("html").get_attribute("lang") == "nl"
        assert_no_axe_violations(demo_page)


def test_keyboard_walk_from_skip_link_through_main_navigation(demo_live_server, demo_page):
    live_url = demo_live_server.url
    demo_page.goto(live_url + "/")
    demo_page.keyboard.press("Tab")
    focused = demo_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Ga naar de inhoud"
    assert demo_page.locator(".skip-link").is_visible(), "the focused skip link must be visible"

    demo_page.keyboard.press("Enter")
    assert demo_page.evaluate("document.activeElement.id") == "main"

    # Back to the top: tab through header and main navigation, collecting what receives focus.
    demo_page.goto(live_url + "/")
    nav_links = demo_page.locator(".main-nav a")
    expected = [text.strip() for text in nav_links.all_inner_texts()]
    assert len(expected) >= 2
    reached = []
    for _ in range(40):
        demo_page.keyboard.press("Tab")
        in_nav = demo_page.evaluate("!!document.activeElement.closest('.main-nav')")
        if in_nav:
            reached.append(demo_page.evaluate("document.activeElement.textContent.trim()"))
        elif reached:
            break
    assert reached == expected

    # Follow the last menu item by keyboard.
    demo_page.goto(live_url + "/")
    demo_page.locator(".main-nav a").last.focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_load_state()
    assert demo_page.locator("h1").inner_text().strip()
    assert demo_page.locator('.main-nav a[aria-current="page"]').count() == 1


def test_a_refused_form_explains_itself_and_leads_back(demo_live_server, demo_page):
    """The browser lost its cookies while the login form was open: the Dutch explanation passes axe, works at
    320 px, and its link leads back to the form, which then works again."""
    login = demo_live_server.url + "/account/login/"
    demo_page.goto(login)
    demo_page.context.clear_cookies()
    demo_page.locator("input[name=login]").fill("iemand@example.org")
    demo_page.locator("input[name=password]").fill("niet-het-wachtwoord")
    demo_page.locator("form.account-form button[type=submit]").click()
    demo_page.wait_for_load_state()
    assert demo_page.locator("h1").inner_text().strip() == "Je formulier kon niet worden verstuurd"
    assert demo_page.locator("html").get_attribute("lang") == "nl"
    assert_no_axe_violations(demo_page)
    demo_page.set_viewport_size({"width": 320, "height": 640})
    assert demo_page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    back = demo_page.get_by_role("link", name="Terug naar de pagina met het formulier")
    back.focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_load_state()
    assert demo_page.url == login
    demo_page.locator("input[name=login]").fill("iemand@example.org")
    demo_page.locator("input[name=password]").fill("niet-het-wachtwoord")
    with demo_page.expect_response(lambda response: response.request.method == "POST") as posted:
        demo_page.locator("form.account-form button[type=submit]").click()
    assert posted.value.status != 403  # accepted as a form again: this time the password is what is wrong
    demo_page.wait_for_load_state()
    assert demo_page.locator("h1").inner_text().strip() == "Inloggen"


def test_the_page_for_a_request_django_refuses_passes_axe(demo_live_server, demo_page):
    """A post with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS gets the 400 page (templates/error_base.html,
    the 500 page's layout as well)."""
    login = demo_live_server.url + "/account/login/"
    demo_page.goto(login)  # the CSRF cookie: the check reads the posted fields only after finding it
    fields = "&".join(f"veld{number}=x" for number in range(10_001))
    demo_page.route(
        login,
        lambda route: route.continue_(
            method="POST",
            post_data=fields,
            headers={**route.request.headers, "content-type": "application/x-www-form-urlencoded"},
        ),
    )
    response = demo_page.goto(login)
    assert response.status == 400
    assert demo_page.locator("h1").inner_text().strip() == "We konden dit verzoek niet verwerken"
    assert demo_page.locator("html").get_attribute("lang") == "nl"
    assert_no_axe_violations(demo_page)
