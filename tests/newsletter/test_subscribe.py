"""Subscribing without an account: double opt-in, links that expire or were changed, settings, unsubscribing
with one click (RFC 8058), bots and hostile input."""

import datetime
import re

import pytest
import time_machine
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import OutboxEmail
from newsletter import emails, tokens
from newsletter.models import Subscriber, Unsubscription, email_hash

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("newsletter:subscribe")


@pytest.fixture
def csrf_client():
    """A browser without CSRF cookie, as on a cached page: the form must still work."""
    return Client(enforce_csrf_checks=True)


def subscribe(client, email="sam@example.nl", **extra):
    return client.post(SUBSCRIBE, {"email": email, "consent": "on", **extra})


def link_from(email, name):
    match = re.search(rf"https?://\S+/nieuwsbrief/{name}/[^/\s]+/", email.body_text)
    assert match, email.body_text
    return match.group(0).replace("http://testserver", "")


def test_the_subscribe_page_is_dutch_and_has_the_choices(client, terms):
    response = client.get(SUBSCRIBE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aanmelden voor de nieuwsbrief" in html
    assert html.count("<h1") == 1
    assert f'name="themes" value="{terms["inclusie"].pk}"' in html
    assert f'name="audiences" value="{terms["gemeenten"].pk}"' in html
    assert "csrfmiddlewaretoken" not in html  # the form also works where a cached page shows it


def test_subscribing_stores_consent_and_mails_a_confirmation_link(csrf_client, terms, home_page):
    response = subscribe(
        csrf_client, "  Sam@Example.NL ", themes=[terms["inclusie"].pk], audiences=[terms["gemeenten"].pk]
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:thanks")
    assert "Controleer je mailbox" in csrf_client.get(response["Location"]).content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "sam@example.nl"
    assert not subscriber.is_confirmed
    assert "nieuwsbrief" in subscriber.consent_text and "afmelden" in subscriber.consent_text
    assert abs(subscriber.consented_at - timezone.now()) < datetime.timedelta(minutes=1)
    assert list(subscriber.themes.all()) == [terms["inclusie"]]
    assert list(subscriber.audiences.all()) == [terms["gemeenten"]]

    mail = OutboxEmail.objects.get(kind=emails.KIND_CONFIRM)
    assert mail.to == "sam@example.nl"
    assert mail.subject == "Bevestig je aanmelding voor de nieuwsbrief"
    assert "Bevestig mijn aanmelding" in mail.body_html
    assert "7 dagen" in mail.body_text


def test_the_link_confirms_after_a_click_on_the_button(csrf_client, terms, home_page):
    subscribe(csrf_client)
    url = link_from(OutboxEmail.objects.get(kind=emails.KIND_CONFIRM), "bevestigen")

    page = csrf_client.get(url)  # a mail scanner opening the link confirms nothing
    assert page.status_code == 200
    assert "Ja, stuur mij de nieuwsbrief" in page.content.decode()
    assert page["X-Robots-Tag"] == "noindex"
    assert not Subscriber.objects.get().is_confirmed

    done = csrf_client.post(url)
    assert done.status_code == 200
    assert "Aanmelding bevestigd" in done.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.is_confirmed
    confirmed_at = subscriber.confirmed_at

    again = csrf_client.post(url)
    assert "was al bevestigd" in again.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == confirmed_at


def test_an_expired_confirmation_link_says_so(client, terms, home_page):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        subscribe(client)
        url = link_from(OutboxEmail.objects.get(kind=emails.KIND_CONFIRM), "bevestigen")
    with time_machine.travel(datetime.datetime(2026, 3, 9, 10, tzinfo=datetime.UTC), tick=False):
        response = client.post(url)
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert not Subscriber.objects.get().is_confirmed


@pytest.mark.parametrize("view", ["confirm", "manage", "unsubscribe"])
def test_a_changed_link_does_not_work(client, terms, home_page, view):
    subscribe(client)
    subscriber = Subscriber.objects.get()
    token = getattr(tokens, f"{view}_token")(subscriber)
    for forged in (token[:-2] + "xx", signing.Signer(salt="other").sign(str(subscriber.public_id)), "\x00abc"):
        response = client.post(reverse(f"newsletter:{view}", args=[forged]))
        assert response.status_code == 400
        assert "Deze link werkt niet" in response.content.decode()
    assert Subscriber.objects.filter(confirmed_at__isnull=True).count() == 1


def test_a_link_of_one_kind_does_not_open_another(client, terms, home_page):
    subscribe(client)
    subscriber = Subscriber.objects.get()
    response = client.post(reverse("newsletter:unsubscribe", args=[tokens.manage_token(subscriber)]))
    assert response.status_code == 400
    assert Subscriber.objects.exists()


def test_subscribing_a_confirmed_address_again_changes_nothing_and_says_nothing(client, terms, home_page):
    subscribe(client, themes=[terms["inclusie"].pk])
    subscriber = Subscriber.objects.get()
    client.post(link_from(OutboxEmail.objects.get(kind=emails.KIND_CONFIRM), "bevestigen"))
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Subscriber.objects.filter(pk=subscriber.pk).update(confirmation_sent_at=an_hour_ago)

    response = subscribe(client, themes=[terms["armoede"].pk])
    assert response.status_code == 302 and response["Location"] == reverse("newsletter:thanks")
    assert list(Subscriber.objects.get().themes.all()) == [terms["inclusie"]]
    mail = OutboxEmail.objects.get(kind=emails.KIND_ALREADY)
    assert "ontvangt de nieuwsbrief al" in mail.subject
    assert "/nieuwsbrief/instellingen/" in mail.body_text


def test_asking_twice_quickly_sends_one_confirmation(client, terms, home_page):
    subscribe(client)
    subscribe(client, themes=[terms["armoede"].pk])
    assert OutboxEmail.objects.filter(kind=emails.KIND_CONFIRM).count() == 1
    assert list(Subscriber.objects.get().themes.all()) == [terms["armoede"]]


def test_the_honeypot_stores_nothing(client, terms, home_page):
    response = subscribe(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_too_many_attempts_are_refused_in_dutch(client, terms, home_page):
    for number in range(10):
        assert subscribe(client, f"persoon{number}@example.nl").status_code == 302
    response = subscribe(client, "nog-een@example.nl")
    assert response.status_code == 429
    assert "te vaak" in response.content.decode()
    assert Subscriber.objects.count() == 10


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "consent": "on"}, "Vul je e-mailadres in."),
        ({"email": "geen-adres", "consent": "on"}, "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({"email": "sam\x00@example.nl", "consent": "on"}, "Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        ({"email": "a" * 100_000 + "@example.nl", "consent": "on"}, "hoogstens 254 tekens"),
        ({"email": "sam@example.nl"}, "Vink het vakje aan"),
        ({"email": "sam@example.nl", "consent": "on", "themes": ["abc"]}, "Kies thema’s uit de lijst."),
        ({"email": "sam@example.nl", "consent": "on", "themes": ["\x00"]}, "Null-tekens zijn niet toegestaan."),
        ({"email": "sam@example.nl", "consent": "on", "audiences": ["999999"]}, "Kies doelgroepen uit de lijst."),
        (
            {"email": "sam@example.nl", "consent": "on", "audiences": ["1"] * 500},
            "Kies uit de lijst.",
        ),
    ],
)
def test_bad_input_gets_a_dutch_error_and_stores_nothing(client, terms, home_page, data, message):
    response = client.post(SUBSCRIBE, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'class="error-summary"' in html
    # each link of the summary goes to an input that takes focus (for a list of checkboxes, the first one)
    for target in re.findall(r'<li><a href="#([^"]+)">', html):
        assert re.search(rf'<input[^>]* id="{target}"', html), target
    assert not Subscriber.objects.exists()


def test_the_settings_link_changes_the_choices(client, terms, home_page):
    subscribe(client, themes=[terms["inclusie"].pk])
    subscriber = Subscriber.objects.get()
    url = reverse("newsletter:manage", args=[tokens.manage_token(subscriber)])
    page = client.get(url).content.decode()
    assert f'value="{terms["inclusie"].pk}"' in page and "checked" in page
    response = client.post(url, {"themes": [terms["armoede"].pk], "audiences": [terms["vrijwilligers"].pk]})
    assert response.status_code == 200
    assert "Je keuzes zijn opgeslagen." in response.content.decode()
    assert list(subscriber.themes.all()) == [terms["armoede"]]
    assert list(subscriber.audiences.all()) == [terms["vrijwilligers"]]


def test_one_click_unsubscribe_without_login_forgets_the_address(csrf_client, terms, home_page):
    subscribe(csrf_client)
    subscriber = Subscriber.objects.get()
    url = reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)])
    assert "Afmelden voor de nieuwsbrief" in csrf_client.get(url).content.decode()
    assert Subscriber.objects.exists()  # opening the link changes nothing

    # RFC 8058: the mail client posts "List-Unsubscribe=One-Click", without cookies or CSRF token.
    response = csrf_client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "Je bent afgemeld" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert Unsubscription.objects.filter(email_hash=email_hash("sam@example.nl")).exists()
    assert not OutboxEmail.objects.filter(to="sam@example.nl").exists()  # the confirmation no longer shows it
    assert csrf_client.post(url).status_code == 200  # a second click is fine


def test_a_new_confirmation_lifts_the_unsubscription(client, terms, home_page):
    subscribe(client)
    subscriber = Subscriber.objects.get()
    client.post(reverse("newsletter:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        subscribe(client)
        client.post(link_from(OutboxEmail.objects.filter(kind=emails.KIND_CONFIRM).latest("pk"), "bevestigen"))
    assert Subscriber.objects.get().is_confirmed
    assert not Unsubscription.objects.exists()
