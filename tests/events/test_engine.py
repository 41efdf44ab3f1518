"""The shared engine on its own terms: no section imports, the registry, generic wording, the outbox for any mail."""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse

from events import emails, registrations, registry
from events.models import OutboxEmail, OutboxStatus
from events.outbox import deliver, kind_label, queue_email, register_kind
from events.tokens import cancel_token
from knowledgeboost.models import KnowledgeBoostWeekPage, Registration, SessionPage

SECTIONS = {"knowledgeboost", "networks", "expeditions", "tips", "stories", "search"}


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_events_imports_no_section_and_its_templates_name_none():
    events_dir = Path(settings.BASE_DIR) / "events"
    sources = [path for path in events_dir.rglob("*.py") if "migrations" not in path.parts]
    assert len(sources) > 10
    imports = {(path.name, module) for path in sources for module in imported_modules(path)}
    assert {(name, module) for name, module in imports if module.split(".")[0] in SECTIONS} == set()
    for template in events_dir.rglob("*.html"):
        assert not any(section in template.read_text() for section in SECTIONS), template
    # Its own migrations do not depend on a section either: events installs without them.
    for migration in (events_dir / "migrations").glob("0*.py"):
        assert not any(
            f'"{section}"' in migration.read_text() or f"'{section}'" in migration.read_text() for section in SECTIONS
        )


def test_a_registration_model_must_point_at_its_event_page_with_registrations():
    with pytest.raises(ImproperlyConfigured):
        registry.register(KnowledgeBoostWeekPage, Registration, event_field="session", cancel_url_name="x:cancel")
    assert registry.for_page(SessionPage).registration_model is Registration
    assert registry.for_registration(Registration).event_field == "session"
    assert registry.for_label("KNOWLEDGEBOOST.SessionPage").page_model is SessionPage


@pytest.mark.django_db
def test_a_section_mail_without_registrations_is_sent_after_the_commit(django_capture_on_commit_callbacks):
    register_kind("test_team_notice", "Melding aan het projectteam")
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            kind="test_team_notice",
            to="projectteam@example.org",
            subject="Nieuwe koppelvraag: Zwolle",
            body_text="Gemeente Zwolle wil leren van een gemeente die werkt aan wonen.",
            body_html="<p>Gemeente Zwolle wil leren van een gemeente die werkt aan wonen.</p>",
        )
        assert mail.outbox == []  # nothing leaves before the commit
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["projectteam@example.org"], "Nieuwe koppelvraag: Zwolle")
    ]
    assert "werkt aan wonen" in mail.outbox[0].alternatives[0][0]
    stored = OutboxEmail.objects.get()
    assert stored.status == OutboxStatus.SENT
    assert str(stored) == "Melding aan het projectteam: Nieuwe koppelvraag: Zwolle"
    assert kind_label("unknown_kind") == "unknown_kind"


@pytest.mark.django_db
def test_a_registered_renderer_writes_a_mail_queued_without_content(django_capture_on_commit_callbacks):
    def render(email):
        return {
            "subject": f"Introductie voor {email.to}",
            "body_text": "Maak kennis.",
            "body_html": "",
            "attachments": [],
        }

    register_kind("test_introduction", "Introductie", renderer=render)
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(kind="test_introduction", to="deventer@example.org")
    assert [message.subject for message in mail.outbox] == ["Introductie voor deventer@example.org"]


@pytest.mark.django_db
def test_a_mail_nobody_can_write_fails_visibly_instead_of_stopping_the_queue():
    email = OutboxEmail.objects.create(kind="test_without_renderer", to="iemand@example.org")
    assert str(deliver(email.pk)) == "failed"
    email.refresh_from_db()
    assert email.status == OutboxStatus.FAILED and "no renderer" in email.last_error
    assert mail.outbox == []


@pytest.mark.django_db
def test_generic_emails_speak_of_events(event_page, person, generic_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(SessionPage, [event_page.pk], person)
    confirmation = mail.outbox[0]
    assert confirmation.subject == "Je bent aangemeld: Netwerkbijeenkomst Zwolle"
    assert "zet je de bijeenkomst in je agenda" in confirmation.body
    assert "sessie" not in confirmation.body
    registration = Registration.objects.get()
    cancel_link = reverse(generic_templates.cancel_url_name, args=[cancel_token(registration)])
    assert cancel_link in confirmation.body
    assert emails.cancel_url(registration).endswith(cancel_link)


@pytest.mark.django_db
def test_generic_cancel_page_and_promotion(
    client, event_page, person, generic_templates, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = registrations.register(SessionPage, [event_page.pk], person)[0].registration
        second = registrations.register(SessionPage, [event_page.pk], {**person, "email": "jan@example.org"})
    assert second[0].outcome == "waitlisted"
    url = reverse("knowledgeboost:cancel", args=[cancel_token(first)])
    page = client.get(url).content.decode()
    assert "Wil je je afmelden voor Netwerkbijeenkomst Zwolle op" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url).content.decode()
    assert "Terug naar de bijeenkomst" in done
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        "Er is een plek vrijgekomen: Netwerkbijeenkomst Zwolle",
        "Je bent afgemeld: Netwerkbijeenkomst Zwolle",
    ]
    assert client.get(reverse("knowledgeboost:cancel", args=["vervalst"])).status_code == 404


@pytest.mark.django_db
def test_reminders_and_anonymising_run_over_every_registered_type(
    event_page, person, generic_templates, django_capture_on_commit_callbacks, time_machine, tmp_path
):
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(SessionPage, [event_page.pk], person)
    mail.outbox.clear()
    time_machine.move_to(event_page.start - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True), open(tmp_path / "out.txt", "w") as out:
        call_command("send_event_reminders", stdout=out)
    assert "Reminders queued: 1." in (tmp_path / "out.txt").read_text()
    assert "De bijeenkomst waarvoor je bent aangemeld komt eraan" in mail.outbox[0].body
    assert "https://teams.example.org/l/geheim" in mail.outbox[0].body
    time_machine.move_to(event_page.end + datetime.timedelta(days=91))
    with open(tmp_path / "out.txt", "w") as out:
        call_command("anonymise_registrations", stdout=out)
    assert "Anonymised 1 registrations" in (tmp_path / "out.txt").read_text()
    assert set(OutboxEmail.objects.values_list("to", flat=True)) == {""}
