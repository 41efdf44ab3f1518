"""Matching on the site: the peers of a municipality page from the database (in a fixed number of queries), the
match request form (errors, NUL bytes and overlong input, honeypot, rate limit, success) and the outbox mail to
the project team. ``build_network`` and ``add_member`` are also used by the overview tests."""

import pytest
from django.core import mail
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.text import slugify

from core.models import Municipality, SiteSettings
from networks import matching
from networks.models import (
    AgendaStatus,
    InclusionAgendaOverviewPage,
    InclusionAgendaPage,
    LifeDomain,
    LifeDomainCode,
    MatchRequest,
    MunicipalityIndexPage,
    MunicipalityPage,
    NetworkIndexPage,
    NetworkMember,
    NetworkPage,
)

pytestmark = pytest.mark.django_db

TEAM = "koppelingen@projectteam.example"


# Builders (plain model construction, as the demo does) ----------------------------------------------------------


def build_network(home, slug="iedereen-doet-mee", with_overview=True):
    index = NetworkIndexPage.objects.child_of(home).first()
    if index is None:
        index = NetworkIndexPage(title="Netwerken", slug="netwerken")
        home.add_child(instance=index)
    network = NetworkPage(title="Iedereen doet mee!", slug=slug)
    index.add_child(instance=network)
    municipalities = MunicipalityIndexPage(title="Gemeenten", slug="gemeenten")
    network.add_child(instance=municipalities)
    if with_overview:
        network.add_child(instance=InclusionAgendaOverviewPage(title="Lokale Inclusie Agenda's", slug="agendas"))
    return network


def overview_page(network):
    return InclusionAgendaOverviewPage.objects.child_of(network).get()


def add_member(
    network,
    name,
    province="overijssel",
    inhabitants=50_000,
    domains=None,
    status=AgendaStatus.ADOPTED,
    presented_on=None,
    adopted_on=None,
    contact_email="",
    code=None,
):
    """A member municipality with its page and, when ``domains`` is not None, a published agenda covering them."""
    number = Municipality.objects.count() + 1
    municipality = Municipality.objects.create(
        name=name,
        slug=f"{slugify(name) or 'gemeente'}-{number}",
        cbs_code=code or f"GM{number:04d}",
        province=province,
        inhabitants=inhabitants,
    )
    contacts = [("person", {"name": f"Contact {name}", "role": "", "email": contact_email, "phone": ""})]
    NetworkMember.objects.create(network=network, municipality=municipality, contact_persons=contacts)
    index = MunicipalityIndexPage.objects.child_of(network).get()
    page = MunicipalityPage(title=name, slug=municipality.slug, municipality=municipality)
    index.add_child(instance=page)
    if domains is not None:
        agenda = InclusionAgendaPage(
            title=f"Lokale Inclusie Agenda {name}",
            slug="inclusie-agenda",
            status=status,
            presented_on=presented_on,
            adopted_on=adopted_on,
            agenda_summary="<p>Samen met inwoners.</p>",
        )
        agenda.life_domains = list(LifeDomain.objects.filter(code__in=domains))
        page.add_child(instance=agenda)
    return page


def label(code):
    with translation.override("nl"):
        text = str(LifeDomainCode(code).label)
    return text[:1].lower() + text[1:]


@pytest.fixture
def network(home_page, settings):
    settings.NETWORKS_MATCH_EMAIL = TEAM
    return build_network(home_page)


@pytest.fixture
def zwolle(network):
    page = add_member(network, "Zwolle", "overijssel", 130_000, ["housing", "mobility", "work_income"])
    add_member(network, "Deventer", "overijssel", 101_000, ["housing", "mobility"])
    add_member(network, "Arnhem", "gelderland", 165_000, ["housing"])
    add_member(network, "Kampen", "overijssel", 55_000)  # no agenda
    add_member(network, "Maastricht", "limburg", 120_000, ["education"])
    return page


# Peers from the database ----------------------------------------------------------------------------------------


def test_peers_of_a_municipality_page_come_from_the_agendas_in_its_network(zwolle):
    with translation.override("nl"):
        peers = matching.peers_for_page(zwolle)
        assert [peer.name for peer in peers] == ["Deventer", "Arnhem", "Maastricht"]  # Kampen has no agenda
        deventer, arnhem, maastricht = peers
        assert deventer.reason == (
            f"werkt ook aan {label('housing')} en {label('mobility')}; vergelijkbare grootte; ook in Overijssel"
        )
        assert arnhem.reason == f"werkt ook aan {label('housing')}; vergelijkbare grootte"
        assert maastricht.reason == "vergelijkbare grootte"
        assert deventer.url == MunicipalityPage.objects.get(title="Deventer").url


def test_a_municipality_without_an_agenda_gets_peers_with_an_agenda(zwolle):
    kampen = MunicipalityPage.objects.get(title="Kampen")
    with translation.override("nl"):
        peers = matching.peers_for_page(kampen)
    assert [peer.name for peer in peers] == ["Deventer", "Zwolle"]
    assert peers[0].reason == "heeft al een Lokale Inclusie Agenda; ook in Overijssel"


def test_unpublished_agendas_and_other_networks_do_not_count(zwolle, home_page):
    deventer_agenda = InclusionAgendaPage.objects.get(municipality__name="Deventer")
    deventer_agenda.unpublish()
    other = build_network(home_page, slug="ander-netwerk", with_overview=False)
    add_member(other, "Hengelo", "overijssel", 130_000, ["housing", "mobility", "work_income"])
    peers = matching.peers_for_page(zwolle)
    assert "Hengelo" not in [peer.name for peer in peers]
    # Deventer's agenda is gone: it shares only the province now (and it has no agenda any more).
    assert "Deventer" not in [peer.name for peer in peers]


def test_the_matches_block_lists_peers_with_reasons_and_the_form(zwolle):
    request = RequestFactory().get(zwolle.url)
    with translation.override("nl"):
        context = matching.municipality_matches_context(zwolle, request)
        html = render_to_string(
            "networks/includes/matches.html", {**context, "municipality": zwolle.municipality}, request=request
        )
    assert "Gemeenten om van te leren" in html
    assert f'<a href="{MunicipalityPage.objects.get(title="Deventer").url}">Deventer</a>' in html
    assert "vergelijkbare grootte; ook in Overijssel" in html
    assert "Vraag een koppeling aan met Zwolle" in html
    # The block on the cached page has a button, no form (no token): the button opens the form on ?koppeling=1.
    assert 'name="question"' not in html and "csrfmiddlewaretoken" not in html
    assert '<a class="button match-request__open" href="?koppeling=1#koppeling-aanvragen">' in html
    assert "Vraag een koppeling aan</a>" in html

    request = RequestFactory().get(zwolle.url, {"koppeling": "1"})
    with translation.override("nl"):
        context = matching.municipality_matches_context(zwolle, request)
        html = render_to_string(
            "networks/includes/matches.html", {**context, "municipality": zwolle.municipality}, request=request
        )
    assert 'name="question"' in html and "csrfmiddlewaretoken" in html and "match-request__open" not in html


def peers_queries(network, count):
    for number in range(count):
        add_member(network, f"Gemeente {number}", "utrecht", 20_000 + number * 1000, ["housing", "education"])
    page = MunicipalityPage.objects.filter(network=network).first()
    matching.peers_for_page(page)  # the site's root paths are cached from here on, as on a live site
    with CaptureQueriesContext(connection) as queries:
        matching.peers_for_page(page)
    return len(queries)


def test_peers_take_the_same_few_queries_for_10_and_100_municipalities(home_page):
    small = peers_queries(build_network(home_page, slug="klein"), 10)
    large = peers_queries(build_network(home_page, slug="groot"), 100)
    assert small == large
    assert large <= 5  # view restrictions (public(), twice), pages, agendas, their life domains


def test_the_admin_report_ranks_every_municipality(zwolle):
    with translation.override("nl"):
        rows = {row["candidate"].name: row for row in matching.peers_for_all(limit=3)}
    assert set(rows) == {"Zwolle", "Deventer", "Arnhem", "Kampen", "Maastricht"}
    assert [peer.name for peer in rows["Zwolle"]["peers"]] == ["Deventer", "Arnhem", "Maastricht"]
    assert not rows["Kampen"]["candidate"].has_agenda


# The match request form -----------------------------------------------------------------------------------------

VALID = {
    "name": "Fatima El Amrani",
    "email": "fatima@gemeente-kampen.example",
    "municipality": "Kampen",
    "question": "Hoe hebben jullie ervaringsdeskundigen betrokken bij het vervoer?",
    "website": "",
}


def post(client, page, data, **extra):
    return client.post(page.url, data, **extra)


def test_a_request_is_stored_then_mailed_to_the_project_team(client, zwolle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, zwolle, VALID)
    assert response.status_code == 302
    assert response["Location"] == f"{zwolle.url}?koppeling=aangevraagd#koppeling-aanvragen"
    stored = MatchRequest.objects.get()
    assert (stored.name, stored.email, stored.requester_municipality) == (
        "Fatima El Amrani",
        "fatima@gemeente-kampen.example",
        "Kampen",
    )
    assert stored.municipality == zwolle.municipality and stored.page_id == zwolle.pk
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [TEAM]
    assert message.subject == "Koppelingsverzoek: iemand wil leren van Zwolle"
    assert "Fatima El Amrani" in message.body and "ervaringsdeskundigen betrokken" in message.body
    assert "/admin/snippets/networks/matchrequest/" in message.body


def test_the_project_team_address_falls_back_to_the_site_contact_address(
    client, zwolle, settings, django_capture_on_commit_callbacks
):
    settings.NETWORKS_MATCH_EMAIL = ""
    site_settings = SiteSettings.for_site(zwolle.get_site())
    site_settings.contact_email = "info@kennisplatform.example"
    site_settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, zwolle, VALID)
    assert [message.to for message in mail.outbox] == [["info@kennisplatform.example"]]


def test_the_thank_you_state_after_the_redirect(client, zwolle):
    request = RequestFactory().get(zwolle.url, {"koppeling": "aangevraagd"})
    with translation.override("nl"):
        context = matching.municipality_matches_context(zwolle, request)
        html = render_to_string(
            "networks/includes/matches.html", {**context, "municipality": zwolle.municipality}, request=request
        )
    assert "Bedankt, we hebben je verzoek ontvangen." in html
    assert 'name="question"' not in html


def render_errors(form):
    with translation.override("nl"):
        form.is_valid()
        return {name: [str(error) for error in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**VALID, "name": ""}, "name", "Vul je naam in."),
        ({**VALID, "email": "fatima"}, "email", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({**VALID, "municipality": ""}, "municipality", "Vul de gemeente in waar je werkt of woont."),
        ({**VALID, "question": ""}, "question", "Vertel wat je van deze gemeente wilt leren."),
        ({**VALID, "name": "Fa\x00tima"}, "name", "Haal de onzichtbare stuurtekens uit dit veld."),
        ({**VALID, "question": "x" * 2001}, "question", "Gebruik maximaal 2000 tekens."),
        ({**VALID, "name": "n" * 151}, "name", "Gebruik maximaal 150 tekens."),
    ],
)
def test_the_form_explains_each_error_in_dutch(data, field, message):
    from networks.forms_matching import MatchRequestForm

    errors = render_errors(MatchRequestForm(data))
    assert errors == {field: [message]}


def test_other_control_characters_are_removed_before_storing(client, zwolle):
    post(client, zwolle, {**VALID, "question": "Vervoer\x07 en\x1b wonen"})
    assert MatchRequest.objects.get().question == "Vervoer en wonen"


def test_errors_come_back_on_the_page_with_a_summary_and_nothing_is_stored(client, zwolle):
    response = post(client, zwolle, {**VALID, "email": "", "question": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert '<a href="#match-email">Vul je e-mailadres in.</a>' in html
    assert 'aria-describedby="match-email-error match-email-help"' in html
    assert 'value="Fatima El Amrani"' in html  # what was typed stays
    assert MatchRequest.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_looks_like_success_but_stores_nothing(client, zwolle):
    response = post(client, zwolle, {**VALID, "website": "https://spam.example"})
    assert response.status_code == 302 and "koppeling=aangevraagd" in response["Location"]
    assert MatchRequest.objects.count() == 0
    assert mail.outbox == []


def test_too_many_requests_from_one_client_are_refused_in_dutch(client, zwolle, settings):
    settings.NETWORKS_MATCH_RATE_LIMIT = 2
    assert post(client, zwolle, VALID).status_code == 302
    assert post(client, zwolle, VALID).status_code == 302
    response = post(client, zwolle, VALID)
    assert response.status_code == 429
    assert "Je hebt in korte tijd veel verzoeken verstuurd." in response.content.decode()
    assert MatchRequest.objects.count() == 2
    # Another client is not affected.
    assert post(client, zwolle, VALID, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_a_get_never_writes(client, zwolle):
    assert client.get(zwolle.url).status_code == 200
    assert MatchRequest.objects.count() == 0
