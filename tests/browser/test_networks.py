"""Inclusion networks in a real browser: axe on the network, municipalities, municipality, agenda and meeting
pages (and the opened forms, the meeting form with its errors); links, the button that opens the registration
form (the cached page carries no form) and the form itself reachable by keyboard."""

import pytest

from networks.models import InclusionAgendaPage, NetworkMeetingPage, NetworkPage
from tests.browser.axe import assert_no_axe_violations
from tests.browser.keyboard import tab_to


@pytest.fixture
def network_demo(demo_live_server):
    network = NetworkPage.objects.get(slug="iedereen-doet-mee")
    return {
        "network": network,
        "agenda": InclusionAgendaPage.objects.get(municipality__cbs_code="GM0193"),
        "upcoming": NetworkMeetingPage.objects.child_of(network).live().upcoming().first(),
        "past": NetworkMeetingPage.objects.child_of(network).live().past().first(),
    }


def test_network_pages_pass_axe(network_demo, demo_page, demo_url):
    paths = [
        "/netwerken/",
        network_demo["network"].url,
        network_demo["network"].url + "gemeenten/",
        network_demo["network"].url + "gemeenten/zwolle/",
        network_demo["network"].url + "gemeenten/sudwest-fryslan/",  # no agenda
        network_demo["agenda"].url,
        network_demo["network"].url + "gemeenten/zwolle/?koppeling=1",  # the opened match request form
        network_demo["upcoming"].url,
        network_demo["past"].url,
    ]
    for path in paths:
        response = demo_page.goto(demo_url + path)
        assert response.status == 200, path
        assert demo_page.locator("h1").count() == 1, path
        assert_no_axe_violations(demo_page)


def test_meeting_form_errors_pass_axe_and_take_focus(network_demo, demo_page, demo_url):
    demo_page.goto(demo_url + network_demo["upcoming"].url)
    demo_page.locator("form.event-form button[type=submit]").click()
    demo_page.wait_for_load_state()
    assert demo_page.locator(".error-summary").count() == 1
    assert_no_axe_violations(demo_page)


def test_from_the_network_to_a_municipality_and_its_agenda_by_keyboard(network_demo, demo_page, demo_url):
    demo_page.goto(demo_url + network_demo["network"].url)
    zwolle = demo_page.get_by_role("link", name="Zwolle", exact=True)
    for _ in range(400):
        demo_page.keyboard.press("Tab")
        if zwolle.evaluate("node => node === document.activeElement"):
            break
    else:
        pytest.fail("the link to Zwolle cannot be reached with Tab")
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**/gemeenten/zwolle/")
    agenda_link = demo_page.get_by_role("link", name="Lees de agenda van Zwolle")
    agenda_link.focus()
    demo_page.keyboard.press("Enter")
    demo_page.wait_for_url("**/gemeenten/zwolle/inclusie-agenda/")
    assert demo_page.locator("h1").inner_text() == "Lokale Inclusie Agenda Zwolle"


def test_register_for_a_meeting_by_keyboard(network_demo, demo_page, demo_url):
    demo_page.goto(demo_url + network_demo["upcoming"].url)
    # The form is on the page, which comes from the shared cache: no CSRF token in it.
    assert demo_page.locator("form.event-form [name=csrfmiddlewaretoken]").count() == 0
    tab_to(demo_page, demo_page.locator("form.event-form [name=name]"), limit=150)
    for name, text in (("name", "Anna de Boer"), ("email", "anna@example.org"), ("organisation", "Gemeente Almere")):
        demo_page.locator(f"form.event-form [name={name}]").focus()
        demo_page.keyboard.type(text)
    demo_page.locator("form.event-form [name=consent]").focus()
    demo_page.keyboard.press("Space")
    demo_page.locator("form.event-form button[type=submit]").focus()
    with demo_page.expect_navigation():
        demo_page.keyboard.press("Enter")
    demo_page.wait_for_load_state()
    assert "/aangemeld/" in demo_page.url, demo_page.locator(".error-summary, .event-refusal").all_inner_texts()
    assert network_demo["upcoming"].title in demo_page.content()
