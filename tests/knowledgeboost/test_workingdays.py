import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from events.workingdays import AMSTERDAM, is_working_day, previous_working_day, reminder_due_at
from knowledgeboost.factories import RegistrationFactory, SessionPageFactory
from knowledgeboost.models import OutboxEmail, RegistrationStatus

from .conftest import SECRET_MEETING_URL


def test_tuesday_after_easter_gets_its_reminder_on_the_thursday_before():
    # Good Friday 3 April and Easter Monday 6 April 2026 are holidays in the Dutch calendar.
    assert previous_working_day(datetime.date(2026, 4, 7)) == datetime.date(2026, 4, 2)


def test_monday_session_gets_its_reminder_on_the_friday_before():
    assert previous_working_day(datetime.date(2026, 3, 16)) == datetime.date(2026, 3, 13)


def test_ordinary_weekday_gets_the_day_before():
    assert previous_working_day(datetime.date(2026, 3, 12)) == datetime.date(2026, 3, 11)


def test_around_christmas_and_kings_day():
    # Monday 28 December 2026: Friday 25 and Saturday 26 December are holidays, so Thursday 24.
    assert previous_working_day(datetime.date(2026, 12, 28)) == datetime.date(2026, 12, 24)
    # Tuesday 28 April 2026: King's Day is Monday 27 April, so Friday 24 April.
    assert previous_working_day(datetime.date(2026, 4, 28)) == datetime.date(2026, 4, 24)
    # New Year: Monday 4 January 2027 -> Thursday 31 December 2026 (1 January is a holiday).
    assert previous_working_day(datetime.date(2027, 1, 4)) == datetime.date(2026, 12, 31)


def test_weekend_and_holidays_are_not_working_days():
    assert not is_working_day(datetime.date(2026, 4, 4))  # Saturday
    assert not is_working_day(datetime.date(2026, 4, 3))  # Good Friday
    assert is_working_day(datetime.date(2026, 4, 2))


def test_reminder_is_due_in_the_morning_in_dutch_time():
    start = datetime.datetime(2026, 4, 7, 10, 0, tzinfo=AMSTERDAM)
    due = reminder_due_at(start, hour=9)
    assert due == datetime.datetime(2026, 4, 2, 9, 0, tzinfo=AMSTERDAM)
    # Early on Tuesday in UTC is still Tuesday in Amsterdam: the local date counts.
    early = datetime.datetime(2026, 4, 7, 0, 30, tzinfo=AMSTERDAM).astimezone(datetime.UTC)
    assert reminder_due_at(early, hour=8).date() == datetime.date(2026, 4, 2)


@pytest.mark.django_db
class TestSendSessionReminders:
    @pytest.fixture
    def easter_session(self, home_page):
        with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=AMSTERDAM), tick=False):
            session = SessionPageFactory(
                parent=home_page,
                title="Sessie na Pasen",
                start=datetime.datetime(2026, 4, 7, 10, tzinfo=AMSTERDAM),
                end=datetime.datetime(2026, 4, 7, 11, tzinfo=AMSTERDAM),
                meeting_url=SECRET_MEETING_URL,
            )
            RegistrationFactory(session=session, email="kees@example.org")
            RegistrationFactory(session=session, email="wacht@example.org", status=RegistrationStatus.WAITLISTED)
            RegistrationFactory(session=session, email="weg@example.org", status=RegistrationStatus.CANCELLED)
        return session

    def run(self, moment, django_capture_on_commit_callbacks):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def test_not_sent_before_the_working_day_before(self, easter_session, django_capture_on_commit_callbacks):
        self.run(datetime.datetime(2026, 4, 2, 8, 59, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert mail.outbox == []

    def test_sent_once_on_thursday_morning_to_registered_people_only(
        self, easter_session, settings, django_capture_on_commit_callbacks
    ):
        settings.EVENTS_REMINDER_HOUR = 9
        self.run(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert [message.to for message in mail.outbox] == [["kees@example.org"]]
        reminder = mail.outbox[0]
        assert reminder.subject == "Je link voor Sessie na Pasen"
        assert SECRET_MEETING_URL in reminder.body
        assert "Doe mee aan de online bijeenkomst via deze link" in reminder.body

        # Cron runs again every few minutes, also over the weekend: nothing is sent twice.
        self.run(datetime.datetime(2026, 4, 2, 9, 5, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        self.run(datetime.datetime(2026, 4, 6, 18, 0, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert len(mail.outbox) == 1
        assert OutboxEmail.objects.filter(kind=OutboxEmail.Kind.REMINDER).count() == 1

    def test_reminder_hour_is_configurable(self, easter_session, settings, django_capture_on_commit_callbacks):
        settings.EVENTS_REMINDER_HOUR = 11
        self.run(datetime.datetime(2026, 4, 2, 10, 30, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert mail.outbox == []
        self.run(datetime.datetime(2026, 4, 2, 11, 0, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert len(mail.outbox) == 1

    def test_cancelled_sessions_get_no_reminder(self, easter_session, django_capture_on_commit_callbacks):
        type(easter_session).objects.filter(pk=easter_session.pk).update(is_cancelled=True)
        self.run(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert mail.outbox == []

    def test_late_registration_still_gets_the_link(self, easter_session, django_capture_on_commit_callbacks):
        self.run(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        with time_machine.travel(datetime.datetime(2026, 4, 6, 20, tzinfo=AMSTERDAM), tick=False):
            RegistrationFactory(session=easter_session, email="laat@example.org")
        self.run(datetime.datetime(2026, 4, 6, 20, 5, tzinfo=AMSTERDAM), django_capture_on_commit_callbacks)
        assert [message.to for message in mail.outbox] == [["kees@example.org"], ["laat@example.org"]]


@pytest.mark.django_db
def test_reminder_for_a_session_on_location_has_no_link(home_page, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=AMSTERDAM), tick=False):
        session = SessionPageFactory(
            parent=home_page,
            title="Ontmoeting in Zwolle",
            format="on_location",
            location="Stadhuis Zwolle",
            meeting_url="",
            start=datetime.datetime(2026, 3, 24, 14, tzinfo=AMSTERDAM),
            end=datetime.datetime(2026, 3, 24, 16, tzinfo=AMSTERDAM),
        )
        RegistrationFactory(session=session, email="kees@example.org")
    with (
        time_machine.travel(datetime.datetime(2026, 3, 23, 9, 30, tzinfo=AMSTERDAM), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox[0].subject == "Tot binnenkort: Ontmoeting in Zwolle"
    assert "Stadhuis Zwolle" in mail.outbox[0].body
