"""Registering, cancelling and the waiting list: the rules, enforced in database transactions.

The session row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite every write transaction
takes the database's write lock when it begins, see the DATABASES setting) before places are counted,
so the capacity holds under concurrent submissions. A unique constraint on (session, lower(email))
backs up the duplicate check.

Write transactions stay short: the emails are only stored here (which mail to whom), they are
rendered and sent after the commit, outside any transaction (see ``knowledgeboost.outbox``).

Reuse for other events (network meetings): the rules only need an ``AbstractEventPage`` subclass
whose registrations (an ``AbstractRegistration`` subclass) point at it with ``related_name="registrations"``
through a field called ``session``; pass the page model as ``event_model`` to ``register``.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from knowledgeboost import conf, emails
from knowledgeboost.models import Registration, RegistrationStatus, SessionPage
from knowledgeboost.workingdays import reminder_due_at


class RegistrationClosed(Exception):
    def __init__(self, session, state):
        super().__init__(f"Registration for {session} is {state}")
        self.session = session
        self.state = state


@dataclass
class RegistrationResult:
    registration: Registration
    outcome: str  # registered, waitlisted, already_registered, already_waitlisted

    @property
    def is_new(self):
        return not self.outcome.startswith("already_")


def lock_session(session_id, event_model=SessionPage):
    """The event page with its row locked until the end of the transaction."""
    return event_model.objects.select_for_update(of=("self",)).get(pk=session_id)


def _register_locked(session, person, now):
    state = session.registration_state(now)
    if state != "open":
        raise RegistrationClosed(session, state)
    email = Registration.normalise_email(person["email"])
    existing = session.registrations.filter(email=email, anonymised_at__isnull=True).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return RegistrationResult(existing, f"already_{existing.status}")

    registered = session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    has_place = session.capacity is None or registered < session.capacity
    status = RegistrationStatus.REGISTERED if has_place else RegistrationStatus.WAITLISTED
    fields = {
        "name": person["name"],
        "organisation": person["organisation"],
        "municipality": person.get("municipality", ""),
        "needs": person.get("needs", ""),
        "status": status,
        "created_at": now,
        "cancelled_at": None,
        "reminder_sent_at": None,
    }
    if existing is not None:  # registering again after cancelling: back in line as new
        for key, value in fields.items():
            setattr(existing, key, value)
        existing.save()
        registration = existing
    else:
        try:
            with transaction.atomic():
                registration = session.registrations.create(email=email, **fields)
        except IntegrityError:
            registration = session.registrations.get(email=email, anonymised_at__isnull=True)
            return RegistrationResult(registration, f"already_{registration.status}")
    registration.session = session
    return RegistrationResult(registration, status)


def register(session_ids, person, now=None, event_model=SessionPage):
    """Register one person for one or more sessions, all or nothing.

    `person` holds name, email, organisation and optionally municipality and needs. Raises
    RegistrationClosed when one of the sessions does not take registrations. One confirmation email
    (with an .ics file per session) goes into the outbox for the new registrations.
    """
    now = now or timezone.now()
    with transaction.atomic():
        results = []
        for session_id in sorted(set(session_ids)):  # a fixed lock order prevents deadlocks
            session = lock_session(session_id, event_model)
            results.append(_register_locked(session, person, now))
        new = [result.registration for result in results if result.is_new]
        if new:
            emails.send_confirmation(sorted(new, key=lambda r: r.session.start))
    return sorted(results, key=lambda result: result.registration.session.start)


def fill_from_waitlist(session, now=None):
    """Promote the first people on the waiting list into free places. The session must be locked."""
    if session.registration_state(now) not in {"open", "closed"}:
        return []
    waiting = session.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")
    if session.capacity is not None:
        free = session.capacity - session.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        registration.session = session
        emails.send_promotion(registration)
        promoted.append(registration)
    return promoted


def cancel(public_id, now=None):
    """Cancel a registration by its public id. Returns (registration, promoted registrations, changed)."""
    now = now or timezone.now()
    with transaction.atomic():
        session_id = Registration.objects.filter(public_id=public_id).values_list("session_id", flat=True).first()
        if session_id is None:
            return None, [], False
        session = lock_session(session_id)
        registration = Registration.objects.select_for_update().get(public_id=public_id)
        registration.session = session
        if registration.status == RegistrationStatus.CANCELLED or session.is_past:
            return registration, [], False
        was_registered = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        emails.send_cancellation(registration)
        promoted = fill_from_waitlist(session, now) if was_registered else []
    return registration, promoted, True


def notify_session_cancelled(session_id, now=None):
    """Tell everyone registered or waiting that the session is cancelled, once. Returns the number told.

    Who has been told is read from the outbox (not from a page field: publishing an older revision
    would reset that), so publishing the cancelled session again sends nothing new.
    """
    from knowledgeboost.models import OutboxEmail

    with transaction.atomic():
        session = lock_session(session_id)
        if not session.is_cancelled:
            return 0
        registrations = list(
            session.registrations.active()
            .not_anonymised()
            .exclude(emails__kind=OutboxEmail.Kind.SESSION_CANCELLED)
            .order_by("pk")
        )
        for registration in registrations:
            registration.session = session
            emails.send_session_cancelled(registration)
    return len(registrations)


def send_due_reminders(now=None):
    """Queue the reminder with the meeting link for every registration whose reminder is due.

    Due means: from `reminder hour` on the working day before the session until its start. A
    registration gets at most one reminder (reminder_sent_at is set in the same transaction).
    """
    now = now or timezone.now()
    hour = conf.reminder_hour()
    country = conf.holiday_country()
    horizon = now + datetime.timedelta(days=14)
    sessions = SessionPage.objects.live().filter(is_cancelled=False, start__gt=now, start__lte=horizon)
    sent = 0
    for session in sessions.order_by("start"):
        if reminder_due_at(session.start, hour=hour, country=country) > now:
            continue
        with transaction.atomic():
            pending = (
                Registration.objects.select_for_update(skip_locked=True)
                .filter(session=session, status=RegistrationStatus.REGISTERED, reminder_sent_at__isnull=True)
                .order_by("pk")
            )
            for registration in pending:
                registration.session = session
                emails.send_reminder(registration)
                registration.reminder_sent_at = now
                registration.save(update_fields=["reminder_sent_at", "updated_at"])
                sent += 1
    return sent


def anonymise_ended(days=None, now=None):
    """Strip personal data from registrations (and their emails) of sessions that ended `days` ago."""
    now = now or timezone.now()
    days = conf.anonymise_after_days() if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    from knowledgeboost.models import OutboxEmail

    with transaction.atomic():
        registrations = Registration.objects.filter(session__end__lte=cutoff, anonymised_at__isnull=True)
        OutboxEmail.objects.filter(registrations__in=registrations).update(
            to="", subject="", body_text="", body_html="", attachments=[], last_error=""
        )
        count = registrations.update(
            name="", email="", organisation="", municipality="", needs="", anonymised_at=now, updated_at=now
        )
    return count
