"""Evaluation mails a day after an event, the signed link and one answer per registration."""

import datetime
import re

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.management import call_command
from django.urls import reverse

from events.registrations import anonymise_ended
from feedback import evaluations
from feedback.models import Evaluation
from knowledgeboost.models import OutboxEmail, Registration
from networks.factories import NetworkIndexPageFactory, NetworkMeetingPageFactory, NetworkPageFactory
from networks.models import NetworkMeetingRegistration
from tests.feedback.conftest import ENDED

DAY = datetime.timedelta(days=1)


def send(at, capture):
    with time_machine.travel(at, tick=False), capture(execute=True):
        return evaluations.send_due()


def link_in(message):
    return re.search(r"https?://\S+/evaluatie/\S+/", message.body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def invited(registrations, django_capture_on_commit_callbacks, mailoutbox):
    send(ENDED + DAY, django_capture_on_commit_callbacks)
    return mailoutbox


# --- When and to whom -------------------------------------------------------------------------------------


def test_no_mail_before_a_day_has_passed(registrations, django_capture_on_commit_callbacks, mailoutbox):
    assert send(ENDED + DAY - datetime.timedelta(minutes=1), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    assert not Evaluation.objects.exists()


def test_a_day_after_the_event_confirmed_participants_get_one_dutch_mail(invited, registrations):
    assert sorted(message.to[0] for message in invited) == sorted(r.email for r in registrations)
    message = invited[0]
    assert message.subject == "Jouw mening over: Webinar: wie mis je nog?"
    assert "Geef een cijfer van 1 tot 10" in message.body
    assert "/evaluatie/" in message.alternatives[0][0]
    assert Evaluation.objects.count() == 3
    assert OutboxEmail.objects.filter(kind="evaluation").count() == 3


def test_waiting_list_and_cancelled_registrations_get_no_mail(invited):
    recipients = {message.to[0] for message in invited}
    excluded = Registration.objects.exclude(status="registered").values_list("email", flat=True)
    assert recipients.isdisjoint(excluded)


def test_running_again_sends_nothing_new(invited, django_capture_on_commit_callbacks):
    assert send(ENDED + 2 * DAY, django_capture_on_commit_callbacks) == 0
    assert len(invited) == 3
    assert call_command("send_evaluations") is None  # the command runs the same service
    assert Evaluation.objects.count() == 3


def test_the_command_reports_what_it_queued(registrations, capsys):
    with time_machine.travel(ENDED + DAY, tick=False):
        call_command("send_evaluations")
    assert "Evaluation mails queued: 3." in capsys.readouterr().out


def test_events_that_ended_weeks_ago_or_were_cancelled_get_no_mail(
    session_page, week_page, django_capture_on_commit_callbacks, mailoutbox
):
    from knowledgeboost.factories import RegistrationFactory
    from tests.feedback.conftest import make_session

    RegistrationFactory(session=session_page)
    cancelled = make_session(week_page, title="Afgelast")
    cancelled.is_cancelled = True
    cancelled.save_revision().publish()
    RegistrationFactory(session=cancelled)
    assert send(ENDED + 15 * DAY, django_capture_on_commit_callbacks) == 0  # outside the 14-day window
    assert send(ENDED + DAY, django_capture_on_commit_callbacks) == 1
    assert [message.subject for message in mailoutbox] == ["Jouw mening over: Webinar: wie mis je nog?"]


def test_network_meetings_are_evaluated_too(home_page, django_capture_on_commit_callbacks, mailoutbox):
    network = NetworkPageFactory(parent=NetworkIndexPageFactory(parent=home_page), title="Netwerk Inclusie")
    meeting = NetworkMeetingPageFactory(
        parent=network, title="Netwerkbijeenkomst maart", start=ENDED - datetime.timedelta(hours=2), end=ENDED
    )
    NetworkMeetingRegistration.objects.create(
        meeting=meeting, name="Ria", email="ria@example.org", organisation="Gemeente Zwolle"
    )
    assert send(ENDED + DAY, django_capture_on_commit_callbacks) == 1
    evaluation = Evaluation.objects.get()
    assert (evaluation.programme, evaluation.group_id) == ("networks.networkmeetingpage", network.pk)
    assert mailoutbox[0].to == ["ria@example.org"]


# --- Anonymising ------------------------------------------------------------------------------------------


def test_evaluations_survive_anonymisation_without_personal_data(invited, client, registrations):
    client.post(path_of(link_in(invited[0])), {"mark": "8", "useful": "Veel geleerd", "better": ""})
    with time_machine.travel(ENDED + 100 * DAY, tick=False):
        assert anonymise_ended() == 5
    assert set(Registration.objects.values_list("email", flat=True)) == {""}
    assert set(OutboxEmail.objects.filter(kind="evaluation").values_list("body_text", flat=True)) == {""}
    answered = Evaluation.objects.answered().get()
    assert (answered.mark, answered.useful) == (8, "Veel geleerd")
    stored = {field.name for field in Evaluation._meta.get_fields()}
    assert not stored & {"name", "email", "organisation", "municipality"}


def test_anonymised_registrations_get_no_mail(registrations, django_capture_on_commit_callbacks, mailoutbox):
    Registration.objects.update(anonymised_at=ENDED, email="")
    assert send(ENDED + DAY, django_capture_on_commit_callbacks) == 0


# --- The signed link --------------------------------------------------------------------------------------


def test_the_link_opens_the_form(invited, client):
    response = client.get(path_of(link_in(invited[0])))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Jouw beoordeling van Webinar: wie mis je nog?</h1>" in content
    assert "Jouw cijfer" in content
    assert response["Referrer-Policy"] == "same-origin"


def test_a_tampered_link_is_refused_kindly(invited, client):
    path = path_of(link_in(invited[0]))
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for url in (tampered, "/evaluatie/zomaar-iets/", "/evaluatie/%00/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()


def test_a_link_for_another_purpose_is_refused(invited, client):
    evaluation = Evaluation.objects.first()
    token = signing.TimestampSigner(salt="knowledgeboost.registration.cancel").sign(str(evaluation.public_id))
    assert client.get(reverse("feedback:evaluation", args=[token])).status_code == 404


def test_the_link_expires_after_thirty_days(invited, client):
    path = path_of(link_in(invited[0]))
    with time_machine.travel(ENDED + DAY + datetime.timedelta(days=29), tick=False):
        assert client.get(path).status_code == 200
    with time_machine.travel(ENDED + DAY + datetime.timedelta(days=31), tick=False):
        response = client.get(path)
        assert response.status_code == 410
        assert "Deze link is verlopen" in response.content.decode()
        response = client.post(path, {"mark": "8"})
        assert response.status_code == 410
    assert not Evaluation.objects.answered().exists()


# --- Answering --------------------------------------------------------------------------------------------


def test_answering_stores_one_response_and_thanks(invited, client):
    path = path_of(link_in(invited[0]))
    response = client.post(path, {"mark": "9", "useful": "  De voorbeelden  ", "better": "Meer tijd"}, follow=True)
    assert response.status_code == 200
    assert "Bedankt voor je beoordeling" in response.content.decode()
    evaluation = Evaluation.objects.answered().get()
    assert (evaluation.mark, evaluation.useful, evaluation.better) == (9, "De voorbeelden", "Meer tijd")


def test_a_second_answer_is_refused_kindly_and_changes_nothing(invited, client):
    path = path_of(link_in(invited[0]))
    client.post(path, {"mark": "9"})
    response = client.post(path, {"mark": "2", "better": "Alles"}, follow=True)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Je hebt deze bijeenkomst al beoordeeld" in content
    assert list(Evaluation.objects.answered().values_list("mark", "better")) == [(9, "")]


def test_one_response_per_registration_is_a_database_rule(invited):
    from django.db import IntegrityError, transaction

    evaluation = Evaluation.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            registration_type=evaluation.registration_type,
            registration_id=evaluation.registration_id,
            event_id=evaluation.event_id,
            programme=evaluation.programme,
        )


def test_the_answer_service_keeps_the_first_answer(invited):
    evaluation = Evaluation.objects.first()
    assert evaluations.answer(evaluation, mark=7, useful="", better="") is True
    assert evaluations.answer(evaluation, mark=3, useful="", better="") is False
    evaluation.refresh_from_db()
    assert evaluation.mark == 7


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "0"}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "11"}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "-3"}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "zeven"}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "7.5"}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "8\x00"}, "Kies een cijfer van 1 tot 10."),
        ({"mark": "8", "useful": "goed\x00"}, "Verwijder de onzichtbare stuurtekens."),
        ({"mark": "8", "better": "x" * 2001}, "Houd het bij 2000 tekens (je schreef er 2001)."),
    ],
)
def test_bad_input_gets_a_dutch_error_and_stores_nothing(invited, client, data, error):
    response = client.post(path_of(link_in(invited[0])), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Er ging iets mis" in content
    assert error in content
    assert not Evaluation.objects.answered().exists()
    # One problem, one message (a NUL byte is not also "Null-tekens zijn niet toegestaan"), linked to the field to
    # correct: an input that takes focus (for the marks, the first radio).
    targets = re.findall(r'<li><a href="#([^"]+)">', content)
    assert targets == ["id_useful" if "useful" in data else "id_better" if "better" in data else "id_mark_0"]
    assert re.search(rf'<(input|textarea)[^>]* id="{targets[0]}"', content)


def test_a_huge_comment_is_refused_not_truncated(invited, client):
    response = client.post(path_of(link_in(invited[0])), {"mark": "8", "useful": "lang " * 100_000})
    assert response.status_code == 400
    assert "Houd het bij 2000 tekens" in response.content.decode()


def test_the_mark_is_kept_between_one_and_ten_by_the_database(invited):
    from django.db import IntegrityError, transaction

    evaluation = Evaluation.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.filter(pk=evaluation.pk).update(mark=11)


def test_evaluation_registration_types_are_the_registrations(invited, registrations):
    content_type = ContentType.objects.get_for_model(Registration)
    assert set(Evaluation.objects.values_list("registration_type", "registration_id")) == {
        (content_type.pk, registration.pk) for registration in registrations
    }
