import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from knowledgeboost.factories import RegistrationFactory, SessionPageFactory
from knowledgeboost.models import OutboxEmail, OutboxStatus, Registration, RegistrationStatus

from .conftest import SECRET_MEETING_URL

pytestmark = pytest.mark.django_db


def test_register_shows_confirmation_and_sends_email_with_ics(
    session_page, registration_data, post_registration, client
):
    response = post_registration(session_page.url, registration_data)
    assert response.status_code == 302
    assert "/aangemeld/?t=" in response["Location"]

    registration = Registration.objects.get()
    assert registration.email == "anna@example.org"  # normalised
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.needs == "Live ondertiteling"

    page = client.get(response["Location"]).content.decode()
    assert "Bedankt voor je aanmelding" in page
    assert "Je bent aangemeld voor <strong>Webinar: wie mis je nog?</strong>" in page
    assert "met een agendabestand voor elke sessie" in page  # the engine's page in the words of sessions

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject == "Je bent aangemeld: Webinar: wie mis je nog?"
    assert "Beste Anna de Boer," in message.body
    assert "/kennisboost/afmelden/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Bedankt voor je aanmelding" in html
    (filename, content, attachment_type) = message.attachments[0]
    assert filename.endswith(".ics") and attachment_type == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Webinar: wie mis je nog?"
    assert event.decoded("DTSTART") == session_page.start
    # The meeting link only comes in the reminder, one working day before.
    assert SECRET_MEETING_URL not in message.body + html + content

    outbox = OutboxEmail.objects.get()
    assert outbox.status == OutboxStatus.SENT and outbox.attempts == 1
    assert list(registration.emails.all()) == [outbox]


def test_registering_twice_says_you_are_already_registered(session_page, registration_data, post_registration, client):
    post_registration(session_page.url, registration_data)
    again = {**registration_data, "email": "  ANNA@example.ORG "}
    response = post_registration(session_page.url, again)
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1  # no second confirmation
    page = client.get(response["Location"]).content.decode()
    assert "Je was al aangemeld voor <strong>Webinar: wie mis je nog?</strong>" in page


def test_full_session_puts_people_on_the_waiting_list(session_page, registration_data, post_registration, client):
    RegistrationFactory.create_batch(2, session=session_page)
    page = client.get(session_page.url).content.decode()
    assert "Zet me op de wachtlijst" in page
    assert "Vol: je kunt op de wachtlijst" in page

    response = post_registration(session_page.url, registration_data)
    registration = Registration.objects.get(email="anna@example.org")
    assert registration.status == RegistrationStatus.WAITLISTED
    assert session_page.registrations.registered().count() == 2
    confirmation = client.get(response["Location"]).content.decode()
    assert "Je staat op de wachtlijst" in confirmation
    assert mail.outbox[0].subject == "Je staat op de wachtlijst: Webinar: wie mis je nog?"
    assert mail.outbox[0].attachments == []  # no calendar entry for a place you do not have yet


def test_dutch_errors_next_to_fields_and_in_a_focusable_summary(session_page, post_registration):
    response = post_registration(session_page.url, {"name": "", "email": "geen-adres", "organisation": ""})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html.split("data-error-summary")[1].split("</div>")[0]
    assert 'tabindex="-1"' in html.split("data-error-summary")[0][-80:]
    for message in [
        "Vul je naam in.",
        "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
        "Vul de organisatie in waar je werkt of vrijwilliger bent.",
        "Vink aan dat je akkoord gaat met het gebruik van je gegevens.",
    ]:
        assert message in summary
        assert html.count(message) == 2  # in the summary and next to the field
    assert '<a href="#id_email">' in summary
    assert 'aria-describedby="id_email_error id_email_helptext"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="geen-adres"' in html
    assert Registration.objects.count() == 0


def test_consent_links_to_the_privacy_statement(session_page, client, home_page):
    from core.factories import ContentPageFactory
    from core.models import SiteSettings

    privacy = ContentPageFactory(parent=home_page, title="Privacyverklaring", slug="privacyverklaring")
    site_settings = SiteSettings.for_site(home_page.get_site())
    site_settings.privacy_page = privacy
    site_settings.save()
    html = client.get(session_page.url).content.decode()
    assert 'href="/privacyverklaring/"' in html.split('id="id_consent_helptext"')[1].split("</p>")[0]
    assert "Ik ga ermee akkoord dat deze gegevens worden gebruikt" in html


def test_honeypot_registers_nothing(session_page, registration_data, post_registration):
    response = post_registration(session_page.url, {**registration_data, "website": "http://spam.example"})
    assert response.status_code == 302
    assert Registration.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"is_cancelled": True}, "gaat niet door. Aanmelden kan niet meer."),
        ({"registration_closes_at_delta": -1}, "is gesloten."),
        ({"registration_opens_at_delta": 2}, "kan vanaf"),
    ],
)
def test_closed_registration_refuses_post_with_a_clear_message(
    session_page, registration_data, post_registration, client, changes, message
):
    now = timezone.now()
    if "is_cancelled" in changes:
        session_page.is_cancelled = True
    if "registration_closes_at_delta" in changes:
        session_page.registration_closes_at = now + datetime.timedelta(hours=changes["registration_closes_at_delta"])
    if "registration_opens_at_delta" in changes:
        session_page.registration_opens_at = now + datetime.timedelta(days=changes["registration_opens_at_delta"])
    session_page.save_revision().publish()

    page = client.get(session_page.url).content.decode()
    assert 'class="event-form"' not in page
    assert message in page

    response = post_registration(session_page.url, registration_data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Registration.objects.count() == 0


def test_past_session_refuses_registration(week_page, registration_data, post_registration):
    start = timezone.now() - datetime.timedelta(days=3)
    past = SessionPageFactory(parent=week_page, title="Geweest", start=start, end=start + datetime.timedelta(hours=1))
    response = post_registration(past.url, registration_data)
    assert response.status_code == 400
    assert "“Geweest” is al geweest. Aanmelden kan niet meer." in response.content.decode()
    assert not Registration.objects.exists()


def test_rate_limit_per_ip_with_a_friendly_message(session_page, registration_data, post_registration, settings):
    settings.EVENTS_RATE_LIMIT = 3
    for number in range(3):
        response = post_registration(session_page.url, {**registration_data, "email": f"p{number}@example.org"})
        assert response.status_code == 302
    response = post_registration(session_page.url, {**registration_data, "email": "p4@example.org"})
    assert response.status_code == 429
    assert "Je hebt het in korte tijd vaak geprobeerd" in response.content.decode()
    assert Registration.objects.count() == 3
    # Another client IP is not affected.
    other = post_registration(
        session_page.url, {**registration_data, "email": "p5@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302


def test_week_form_registers_for_several_sessions_in_one_go(
    week_page, session_page, registration_data, post_registration, client
):
    start = session_page.start + datetime.timedelta(hours=4)
    second = SessionPageFactory(
        parent=week_page, title="Workshop vacatures", start=start, end=start + datetime.timedelta(hours=1)
    )
    data = {**registration_data, "sessions": [session_page.pk, second.pk]}
    response = post_registration(week_page.url, data)
    assert response.status_code == 302
    assert set(Registration.objects.values_list("session__title", flat=True)) == {
        "Webinar: wie mis je nog?",
        "Workshop vacatures",
    }
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Je aanmelding voor 2 sessies"
    assert len(mail.outbox[0].attachments) == 2
    page = client.get(response["Location"]).content.decode()
    assert page.count("Je bent aangemeld voor") == 2


def test_week_form_needs_a_session(week_page, session_page, registration_data, post_registration):
    response = post_registration(week_page.url, registration_data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies minstens één sessie." in html
    assert f'href="#session-{session_page.pk}"' in html
