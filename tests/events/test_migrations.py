"""The outbox moved from knowledgeboost to events: every mail, every link and the permissions survive, both ways.

Runs the real migrations (knowledgeboost 0003 copies, 0004 drops the old table) on the test database, on
SQLite and PostgreSQL: back to the state before the move, mails and links written with the historical
models, forward again.
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from events.models import OutboxEmail, OutboxStatus
from knowledgeboost.factories import RegistrationFactory, SessionPageFactory
from knowledgeboost.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("knowledgeboost", "0002_remove_cancellation_notified_at")]
AFTER = [("knowledgeboost", "0004_remove_old_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor.loader.project_state(targets).apps


def old_mail(old_apps, **fields):
    values = {
        "kind": "confirmation",
        "to": "anna@example.org",
        "subject": "Je bent aangemeld: Webinar",
        "body_text": "Beste Anna",
        "body_html": "<p>Beste Anna</p>",
        "attachments": [{"filename": "webinar.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}],
        "status": OutboxStatus.SENT,
        "attempts": 1,
        "next_attempt_at": None,
        "sent_at": timezone.now() - datetime.timedelta(days=1),
        **fields,
    }
    # bulk_create: no model signals, which expect the real models rather than these historical ones.
    OldMail = old_apps.get_model("knowledgeboost", "OutboxEmail")
    (mail,) = OldMail.objects.bulk_create([OldMail(**values)])
    return mail


def old_links(old_apps, mail, *registrations):
    Link = old_apps.get_model("knowledgeboost", "OutboxEmail").registrations.through
    Link.objects.bulk_create([Link(outboxemail_id=mail.pk, registration_id=r.pk) for r in registrations])


def test_every_mail_and_link_moves_to_events_and_back(home_page):
    session = SessionPageFactory(parent=home_page, title="Webinar")
    anna = RegistrationFactory(session=session, name="Anna", email="anna@example.org")
    bob = RegistrationFactory(session=session, name="Bob", email="bob@example.org")
    organisers = Group.objects.create(name="Lezers van de outbox")
    organisers.permissions.add(Permission.objects.get(content_type__app_label="events", codename="view_outboxemail"))

    old_apps = migrate(BEFORE)
    try:
        confirmation = old_mail(old_apps)
        old_links(old_apps, confirmation, anna)
        for_both = old_mail(old_apps, kind="reminder", to="bob@example.org", subject="Je link", status="pending")
        old_links(old_apps, for_both, anna, bob)
        failed = old_mail(old_apps, kind="session_cancelled", status="failed", last_error="SMTPServerDisconnected")
        before = {
            mail["id"]: mail
            for mail in old_apps.get_model("knowledgeboost", "OutboxEmail").objects.values().order_by("pk")
        }
        # The permission went back with the content type, still held by the group.
        assert organisers.permissions.filter(content_type__app_label="knowledgeboost").exists()
    finally:
        migrate(AFTER)

    moved = {mail["id"]: mail for mail in OutboxEmail.objects.values().order_by("pk")}
    assert moved == before  # same ids, same content, status, attempts, dates and attachments
    assert set(Registration.objects.get(pk=anna.pk).emails.values_list("pk", flat=True)) == {
        confirmation.pk,
        for_both.pk,
    }
    assert list(Registration.objects.get(pk=bob.pk).emails.values_list("pk", flat=True)) == [for_both.pk]
    assert OutboxEmail.objects.get(pk=failed.pk).last_error == "SMTPServerDisconnected"
    assert organisers.permissions.filter(content_type__app_label="events", codename="view_outboxemail").exists()
    assert not ContentType.objects.filter(app_label="knowledgeboost", model="outboxemail").exists()

    # New mails get new ids (the PostgreSQL sequence was moved past the copied ones), and can be linked.
    new = OutboxEmail.objects.create(kind="confirmation", to="carla@example.org", subject="Hoi", body_text="Hoi")
    assert new.pk > max(before)
    anna.emails.add(new)

    # And back: the registration flow's mails and their links return to knowledgeboost.
    old_apps = migrate(BEFORE)
    try:
        OldMail = old_apps.get_model("knowledgeboost", "OutboxEmail")
        assert set(OldMail.objects.values_list("pk", flat=True)) == {*before, new.pk}
        assert set(OldMail.objects.get(pk=for_both.pk).registrations.values_list("pk", flat=True)) == {anna.pk, bob.pk}
        assert OutboxEmail.objects.count() == 0  # events kept no copy
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert OutboxEmail.objects.count() == 4
