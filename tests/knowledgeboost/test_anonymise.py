import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from knowledgeboost.factories import RegistrationFactory, SessionPageFactory
from knowledgeboost.models import OutboxEmail, Registration

pytestmark = pytest.mark.django_db


def make_session(parent, days_ago):
    end = timezone.now() - datetime.timedelta(days=days_ago)
    return SessionPageFactory(parent=parent, start=end - datetime.timedelta(hours=1), end=end)


def test_anonymises_registrations_and_their_emails_after_the_configured_days(week_page, settings, tmp_path):
    old = make_session(week_page, days_ago=91)
    recent = make_session(week_page, days_ago=10)
    old_registration = RegistrationFactory(session=old, name="Anna", email="anna@example.org", needs="Tolk")
    recent_registration = RegistrationFactory(session=recent, name="Bob", email="bob@example.org")
    email = OutboxEmail.objects.create(
        kind="confirmation", to="anna@example.org", subject="Je bent aangemeld", body_text="Beste Anna"
    )
    old_registration.emails.add(email)
    other_email = OutboxEmail.objects.create(kind="confirmation", to="bob@example.org", subject="Hoi", body_text="Bob")
    recent_registration.emails.add(other_email)

    with open(tmp_path / "out.txt", "w") as out:
        call_command("anonymise_registrations", stdout=out)
    assert "Anonymised 1 registrations" in (tmp_path / "out.txt").read_text()

    old_registration.refresh_from_db()
    assert (old_registration.name, old_registration.email, old_registration.needs) == ("", "", "")
    assert old_registration.anonymised_at is not None
    email.refresh_from_db()
    assert (email.to, email.subject, email.body_text) == ("", "", "")
    recent_registration.refresh_from_db()
    assert recent_registration.email == "bob@example.org"
    other_email.refresh_from_db()
    assert other_email.to == "bob@example.org"

    # Counts per session survive; running again changes nothing.
    assert Registration.objects.filter(session=old).count() == 1
    call_command("anonymise_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.EVENTS_ANONYMISE_AFTER_DAYS = 5
    call_command("anonymise_registrations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recent_registration.refresh_from_db()
    assert recent_registration.email == ""


def test_several_anonymised_registrations_of_one_session_do_not_clash(week_page):
    old = make_session(week_page, days_ago=200)
    RegistrationFactory.create_batch(3, session=old)
    call_command("anonymise_registrations", "--days", "90", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Registration.objects.filter(session=old, email="").count() == 3
