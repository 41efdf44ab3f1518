import re

import pytest
from django.core import mail

from events.tokens import cancel_token
from knowledgeboost.factories import RegistrationFactory
from knowledgeboost.models import OutboxEmail, Registration, RegistrationStatus

pytestmark = pytest.mark.django_db


def cancel_link(message):
    return re.search(r"https?://[^\s]+/kennisboost/afmelden/[^\s]+/", message.body).group(0)


def test_cancel_link_from_the_email_cancels_and_promotes_the_first_on_the_waiting_list(
    session_page, registration_data, post_registration, client, django_capture_on_commit_callbacks
):
    RegistrationFactory(session=session_page, email="eerste@example.org")
    post_registration(session_page.url, registration_data)  # second place: anna
    post_registration(session_page.url, {**registration_data, "email": "wacht1@example.org", "name": "Wim"})
    post_registration(session_page.url, {**registration_data, "email": "wacht2@example.org", "name": "Wendy"})
    assert Registration.objects.get(email="wacht1@example.org").status == RegistrationStatus.WAITLISTED

    link = cancel_link(mail.outbox[0])
    path = link.split("testserver", 1)[-1] if "testserver" in link else link[link.index("/kennisboost/") :]

    # Opening the link (or a mail scanner prefetching it) changes nothing.
    page = client.get(path)
    assert page.status_code == 200
    assert "Wil je je afmelden voor Webinar: wie mis je nog?" in page.content.decode()
    assert Registration.objects.get(email="anna@example.org").status == RegistrationStatus.REGISTERED

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert "Je bent afgemeld" in done.content.decode()
    # The engine's page (events/cancel.html), in the words of sessions (knowledgeboost/cancel.html).
    assert "Terug naar de sessie" in done.content.decode()
    assert Registration.objects.get(email="anna@example.org").status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(email="wacht1@example.org").status == RegistrationStatus.REGISTERED
    assert Registration.objects.get(email="wacht2@example.org").status == RegistrationStatus.WAITLISTED
    assert session_page.registrations.registered().count() == 2

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "anna@example.org": "Je bent afgemeld: Webinar: wie mis je nog?",
        "wacht1@example.org": "Er is een plek vrijgekomen: Webinar: wie mis je nog?",
    }
    promotion = next(message for message in mail.outbox if message.to == ["wacht1@example.org"])
    assert promotion.attachments[0][0].endswith(".ics")
    cancelled = next(message for message in mail.outbox if message.to == ["anna@example.org"])
    # The engine's mails (events/emails/…), in the words of sessions: as text and as HTML.
    assert "Je kunt je altijd opnieuw aanmelden op de pagina van de sessie." in cancelled.body
    calendar_note = "Eén werkdag voor de sessie ontvang je de link naar de online bijeenkomst."
    assert calendar_note in promotion.body and calendar_note in promotion.alternatives[0][0]

    # Cancelling twice does nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(path)
    assert "Je was al afgemeld" in again.content.decode()
    assert len(mail.outbox) == 2


def test_tampered_cancel_link_is_refused(session_page, client):
    registration = RegistrationFactory(session=session_page)
    token = cancel_token(registration)
    response = client.post(f"/kennisboost/afmelden/{token[:-2]}xx/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED


def test_registering_again_after_cancelling(session_page, registration_data, post_registration, client):
    registration = RegistrationFactory(session=session_page, email="anna@example.org")
    client.post(f"/kennisboost/afmelden/{cancel_token(registration)}/")
    post_registration(session_page.url, registration_data)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REGISTERED
    assert Registration.objects.count() == 1


def test_cancelling_a_session_tells_everyone_once(session_page, django_capture_on_commit_callbacks, client):
    RegistrationFactory(session=session_page, email="een@example.org")
    RegistrationFactory(session=session_page, email="wacht@example.org", status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(session=session_page, email="weg@example.org", status=RegistrationStatus.CANCELLED)
    session_page.is_cancelled = True
    session_page.cancellation_reason = "De spreker is ziek."
    with django_capture_on_commit_callbacks(execute=True):
        session_page.save_revision().publish()
    assert sorted(message.to[0] for message in mail.outbox) == ["een@example.org", "wacht@example.org"]
    assert mail.outbox[0].subject == "Gaat niet door: Webinar: wie mis je nog?"
    assert "De spreker is ziek." in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        session_page.save_revision().publish()
    assert len(mail.outbox) == 2
    assert OutboxEmail.objects.filter(kind=OutboxEmail.Kind.EVENT_CANCELLED).count() == 2
    html = client.get(session_page.url).content.decode()
    assert "Deze sessie gaat niet door. De spreker is ziek." in html


def test_more_places_promote_people_from_the_waiting_list(session_page, django_capture_on_commit_callbacks):
    RegistrationFactory.create_batch(2, session=session_page)
    waiting = RegistrationFactory(session=session_page, status=RegistrationStatus.WAITLISTED)
    session_page.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        session_page.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert [message.to for message in mail.outbox] == [[waiting.email]]
