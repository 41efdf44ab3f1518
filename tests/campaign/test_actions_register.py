"""Registering a local action without an account: the form, its Dutch errors for hostile input, the honeypot,
the rate limit, storing first and the confirmation through the outbox."""

import datetime

import pytest
from django.utils import timezone

from campaign.factories import CampaignWeekPageFactory, LocalActionFactory
from campaign.models import LocalAction
from events.models import OutboxEmail
from tests.campaign.campaign_fixtures import *  # noqa: F403 - the campaign's fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_url(week):
    return week.url + "aanmelden/"


@pytest.fixture
def valid(week):
    return {
        "title": "Open dag in de bibliotheek",
        "organisation": "Bibliotheek Zwolle",
        "place": "Zwolle",
        "province": "overijssel",
        "date": (week.start_date + datetime.timedelta(days=2)).isoformat(),
        "description": "Vrijwilligers vertellen wat ze doen en wie er nog nodig zijn.",
        "link": "https://www.example.org/open-dag",
        "email": "Organisator@Example.org",
        "website": "",
    }


def test_the_form_has_labelled_fields_and_a_csrf_token(client, register_url):
    response = client.get(register_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in html  # never a cached page: the token makes it personal
    for label in ("Naam van de actie", "Organisatie of gemeente", "Plaats", "Provincie", "Datum",
                  "Korte beschrijving", "Link (niet verplicht)", "E-mailadres"):  # fmt: skip
        assert f">{label}</label>" in html
    assert html.count("<h1") == 1
    assert "Meld een lokale actie aan voor Nieuwe gezichten" in html


def test_a_valid_action_is_stored_pending_and_confirmed_in_dutch(client, week, register_url, valid):
    response = client.post(register_url, valid)
    assert response.status_code == 302
    assert response["Location"] == week.url + "aanmelden/bedankt/"
    action = LocalAction.objects.get()
    assert action.status == LocalAction.Status.PENDING
    assert action.week == week and action.email == "organisator@example.org"
    mail = OutboxEmail.objects.get(kind="campaign_action_received")
    assert mail.to == "organisator@example.org"
    assert mail.subject == "We hebben je lokale actie ontvangen: Open dag in de bibliotheek"
    assert "Het programmateam bekijkt je actie binnenkort" in mail.body_text
    assert "Bibliotheek Zwolle" in mail.body_text and "http://testserver" + week.url in mail.body_text
    thanks = client.get(response["Location"]).content.decode()
    assert "Bedankt voor het aanmelden van je actie" in thanks


def test_the_mail_links_to_the_sites_public_address_not_the_host_the_request_named(
    client, week, register_url, valid, settings
):
    """Behind a proxy the request may name an internal host; the mail's link uses the site's public address
    (WAGTAILADMIN_BASE_URL, from SITE_URL in production), as every other mail does (events.mail_links)."""
    settings.WAGTAILADMIN_BASE_URL = "https://kennisplatform.example"
    assert client.post(register_url, valid, HTTP_HOST="127.0.0.1").status_code == 302
    body = OutboxEmail.objects.get(kind="campaign_action_received").body_text
    assert "https://kennisplatform.example" + week.url in body
    assert "127.0.0.1" not in body
    # Not on the site until the programme team approves it.
    assert "Open dag in de bibliotheek" not in client.get(week.url).content.decode()


def test_a_link_without_scheme_gets_https(client, register_url, valid):
    client.post(register_url, {**valid, "link": "www.example.org/actie"})
    assert LocalAction.objects.get().link == "https://www.example.org/actie"


def test_empty_form_gives_dutch_errors_and_an_error_summary(client, register_url):
    response = client.post(register_url, {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "data-error-summary" in html and "Er ging iets mis" in html
    for message in ("Vul de naam van de actie in.", "Vul je organisatie of gemeente in.",
                    "Vul de plaats in waar de actie is.", "Kies de provincie.", "Vul de datum van de actie in.",
                    "Beschrijf de actie in een paar zinnen.", "Vul je e-mailadres in."):  # fmt: skip
        assert message in html
    assert 'aria-invalid="true"' in html
    assert not LocalAction.objects.exists() and not OutboxEmail.objects.exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("link", "javascript:alert(1)", "Vul een webadres in dat begint met https:// of http://"),
        ("link", "ftp://example.org/file", "Vul een webadres in dat begint met https:// of http://"),
        ("link", "https://", "Vul een webadres in dat begint met https:// of http://"),
        ("link", "https://exa mple.org", "Vul een webadres in dat begint met https:// of http://"),
        ("date", "2022-02-30", "Vul een bestaande datum in"),
        ("date", "morgen", "Vul een bestaande datum in"),
        ("date", "99999-01-01", "Vul een bestaande datum in"),
        ("date", "2001-01-01", "Kies een datum tussen"),
        ("province", "atlantis", "Kies een provincie uit de lijst."),
        ("email", "geen-adres", "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ("title", "x" * 100_000, "Gebruik maximaal 120 tekens."),
        ("description", "lang " * 50_000, "Gebruik maximaal 1000 tekens."),
        ("title", "   ", "Vul de naam van de actie in."),
        ("title", "\x00\x00", "Haal de onzichtbare stuurtekens uit dit veld."),
        ("place", "Zwo\x00lle", "Haal de onzichtbare stuurtekens uit dit veld."),
    ],
    ids=[
        "javascript",
        "ftp",
        "no-host",
        "space",
        "30-feb",
        "word",
        "year-99999",
        "far-away",
        "province",
        "email",
        "huge-title",
        "huge-description",
        "blank-title",
        "nul-title",
        "nul-place",
    ],  # fmt: skip
)
def test_hostile_input_gets_a_clear_dutch_error(client, register_url, valid, field, value, message):
    response = client.post(register_url, {**valid, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LocalAction.objects.exists()


def test_date_window_is_the_week_with_a_week_either_side(client, week, register_url, valid):
    late = week.end_date + datetime.timedelta(days=7)
    assert client.post(register_url, {**valid, "date": late.isoformat()}).status_code == 302
    too_late = week.end_date + datetime.timedelta(days=8)
    assert client.post(register_url, {**valid, "date": too_late.isoformat()}).status_code == 400
    dutch = (week.start_date - datetime.timedelta(days=1)).strftime("%d-%m-%Y")
    assert client.post(register_url, {**valid, "date": dutch}).status_code == 302


def test_the_honeypot_looks_like_success_but_stores_nothing(client, week, register_url, valid):
    response = client.post(register_url, {**valid, "website": "https://spam.example"})
    assert response.status_code == 302 and response["Location"].endswith("aanmelden/bedankt/")
    assert not LocalAction.objects.exists() and not OutboxEmail.objects.exists()


def test_rate_limit_refuses_in_dutch_and_keeps_what_was_typed(client, register_url, valid, settings):
    settings.CAMPAIGN_ACTION_RATE_LIMIT = (2, 3600)
    assert client.post(register_url, valid).status_code == 302
    assert client.post(register_url, valid).status_code == 302
    response = client.post(register_url, {**valid, "title": "Derde actie"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "Je hebt in korte tijd veel acties aangemeld" in html
    assert 'value="Derde actie"' in html
    assert LocalAction.objects.count() == 2


def test_a_past_week_takes_no_registrations(client, campaign_index, valid):
    start = timezone.localdate() - datetime.timedelta(days=40)
    past = CampaignWeekPageFactory(parent=campaign_index, start_date=start, end_date=start + datetime.timedelta(6))
    url = past.url + "aanmelden/"
    assert "Deze campagneweek is voorbij" in client.get(url).content.decode()
    response = client.post(url, {**valid, "date": start.isoformat()})
    assert response.status_code == 410
    assert not LocalAction.objects.exists()


def test_output_is_escaped(client, week, register_url, valid):
    client.post(register_url, {**valid, "title": "<script>alert(1)</script>", "description": "<b>vet</b>"})
    action = LocalAction.objects.get()
    action.status = LocalAction.Status.APPROVED
    action.save()
    for url in (week.url, action.get_url()):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
        assert "<b>vet</b>" not in html


def test_only_approved_actions_touch_the_page_cache(week):
    pending = LocalActionFactory(week=week, status=LocalAction.Status.PENDING)
    assert pending.page_cache_dependencies() == []  # anyone may register: that must not empty the cache
    pending.status = LocalAction.Status.REJECTED
    assert pending.page_cache_dependencies() == []
    pending.status = LocalAction.Status.APPROVED
    assert pending.page_cache_dependencies() == ["campaign-actions"]
    pending.save()
    withdrawn = LocalAction.objects.get(pk=pending.pk)
    withdrawn.status = LocalAction.Status.REJECTED  # an approved action taken off the site
    assert withdrawn.page_cache_dependencies() == ["campaign-actions"]
