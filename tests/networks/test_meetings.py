"""Network meetings: registration without an account on the shared engine, waiting list, the link one working
day before, iCalendar per meeting and for the network, and where meetings appear."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from networks.factories import NetworkMeetingPageFactory
from networks.models import NetworkMeetingRegistration
from networks.models.meetings import NetworkMeetingPage

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SECRET = "https://vergaderen.example.nl/geheim-netwerk"


@pytest.fixture
def meeting(tree):
    zwolle = tree.add("Zwolle", "GM0193")
    meeting = NetworkMeetingPageFactory(parent=tree.network, title="Wonen en vervoer", slug="wonen-en-vervoer")
    meeting.municipalities.set([zwolle.municipality])
    meeting.save_revision().publish()
    return meeting


def person(name, email):
    return {"name": name, "email": email, "organisation": "Gemeente Zwolle", "consent": "on"}


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    def post(page, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(page.url, data)

    return post


def test_register_without_an_account_and_get_a_calendar_file_without_the_link(client, meeting, register):
    response = register(meeting, person("Anna de Boer", "anna@example.org"))
    assert response.status_code == 302
    assert "/aangemeld/?t=" in response["Location"]
    assert NetworkMeetingRegistration.objects.get().status == "registered"
    page = client.get(response["Location"]).content.decode()
    assert "Wonen en vervoer" in page
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "/netwerken/afmelden/" in message.body
    filename, content, _type = message.attachments[0]
    assert filename.endswith(".ics")
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"]) == "Wonen en vervoer"
    assert SECRET not in message.body + content


def test_when_full_people_join_the_waiting_list(meeting, register):
    for number in range(3):
        register(meeting, person(f"Deelnemer {number}", f"deelnemer{number}@example.org"))
    statuses = list(NetworkMeetingRegistration.objects.order_by("created_at").values_list("status", flat=True))
    assert statuses == ["registered", "registered", "waitlisted"]


def test_the_cancel_link_frees_the_place_for_the_waiting_list(client, meeting, register):
    for number in range(3):
        register(meeting, person(f"Deelnemer {number}", f"deelnemer{number}@example.org"))
    from events.emails import cancel_url

    first = NetworkMeetingRegistration.objects.order_by("created_at").first()
    url = cancel_url(first, None)
    path = url.split("localhost", 1)[-1] if "localhost" in url else url
    assert path.startswith("/netwerken/afmelden/")
    assert client.get(path).status_code == 200


def test_the_meeting_link_comes_one_working_day_before(tree, django_capture_on_commit_callbacks):
    with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=AMSTERDAM), tick=False):
        meeting = NetworkMeetingPageFactory(
            parent=tree.network,
            title="Na Pasen",
            start=datetime.datetime(2026, 4, 7, 10, tzinfo=AMSTERDAM),
            end=datetime.datetime(2026, 4, 7, 12, tzinfo=AMSTERDAM),
        )
        NetworkMeetingRegistration.objects.create(meeting=meeting, name="Kees", email="kees@example.org")

    def run(moment):
        with time_machine.travel(moment, tick=False), django_capture_on_commit_callbacks(execute=True):
            call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    run(datetime.datetime(2026, 4, 1, 12, tzinfo=AMSTERDAM))
    assert mail.outbox == []
    run(datetime.datetime(2026, 4, 2, 12, tzinfo=AMSTERDAM))  # Thursday: Good Friday and Easter Monday are off
    (reminder,) = mail.outbox
    assert SECRET in reminder.body


def test_meeting_page_and_calendars(client, tree, meeting):
    content = client.get(meeting.url).content.decode()
    assert "<h1>Wonen en vervoer</h1>" in content
    assert "Zwolle" in content
    assert SECRET not in content
    # The page (cached for everyone) has the form without a token: it posts to the registration address.
    assert 'name="email"' in content and "csrfmiddlewaretoken" not in content
    assert f'<form class="event-form" method="post" action="/aanmelden/{meeting.pk}/"' in content
    # The shared form (events) in the words of events, not of knowledge-boost sessions.
    assert "om deze bijeenkomst te organiseren" in content and "deze sessie" not in content

    ics = client.get(meeting.url + "agenda/")
    assert ics["Content-Type"].startswith("text/calendar")
    assert SECRET not in ics.content.decode()

    feed = client.get(f"/netwerken/agenda/{tree.network.pk}/")
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Wonen en vervoer"]


def test_meetings_appear_on_the_network_page_and_the_pages_of_the_municipalities_they_name(client, tree, meeting):
    deventer = tree.add("Deventer", "GM0150")
    zwolle = tree.municipalities.get_children().get(slug="zwolle")
    assert "Wonen en vervoer" in client.get(tree.network.url).content.decode()
    assert "Wonen en vervoer" in client.get(zwolle.url).content.decode()
    assert "Wonen en vervoer" not in client.get(deventer.url).content.decode()


def test_past_meetings_leave_the_upcoming_list_and_take_no_registrations(client, tree, meeting, register):
    NetworkMeetingPage.objects.filter(pk=meeting.pk).update(
        start=datetime.datetime(2026, 1, 5, 10, tzinfo=AMSTERDAM),
        end=datetime.datetime(2026, 1, 5, 12, tzinfo=AMSTERDAM),
    )
    assert "Wonen en vervoer" not in client.get(tree.network.url).content.decode()
    register(meeting, person("Te laat", "laat@example.org"))
    assert not NetworkMeetingRegistration.objects.exists()
