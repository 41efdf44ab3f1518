"""Registering, cancelling and the waiting list: the rules, enforced in database transactions.

The event row is locked (SELECT … FOR UPDATE on PostgreSQL; on SQLite every write transaction takes the
database's write lock when it begins, see the DATABASES setting) before places are counted, so the capacity
holds under concurrent submissions. A unique constraint on (event, lower(email)) in the concrete
registration model backs up the duplicate check.

Write transactions stay short: the emails are only stored here (which mail to whom); the background task
renders and sends them after the commit, outside any transaction and outside the request (see ``events.outbox``).

Every function works for any registered event type (``events.registry``) and only relies on the fields of
``AbstractEventPage`` and ``AbstractRegistration``: ``register`` takes the page model, ``cancel`` the
registration model; reminders and anonymising go through every registered type.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from events import conf, emails, registry
from events.models import OutboxEmail, RegistrationStatus
from events.workingdays import reminder_due_at


class RegistrationClosed(Exception):
    def __init__(self, event, state):
        super().__init__(f"Registration for {event} is {state}")
        self.event = event
        self.state = state


@dataclass
class RegistrationResult:
    registration: object  # an AbstractRegistration subclass
    outcome: str  # registered, waitlisted, already_registered, already_waitlisted

    @property
    def is_new(self):
        return not self.outcome.startswith("already_")


def lock_event(page_model, event_id):
    """The event page with its row locked until the end of the transaction."""
    return page_model.objects.select_for_update(of=("self",)).get(pk=event_id)


def _register_locked(event, person, now):
    state = event.registration_state(now)
    if state != "open":
        raise RegistrationClosed(event, state)
    email = event.registrations.model.normalise_email(person["email"])
    existing = event.registrations.filter(email=email, anonymised_at__isnull=True).first()
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return RegistrationResult(existing, f"already_{existing.status}")

    registered = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    has_place = event.capacity is None or registered < event.capacity
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
        # No savepoint: the event's lock makes a duplicate here all but impossible (only a write that does not
        # take the lock could race it). Should the unique constraint still refuse the row, ``register`` runs
        # the whole transaction again, and then finds the registration above.
        registration = event.registrations.create(email=email, **fields)
    registration.event = event
    return RegistrationResult(registration, status)


def register(page_model, event_ids, person, now=None):
    """Register one person for one or more events of one type, all or nothing.

    `person` holds name, email, organisation and optionally municipality and needs. Raises
    RegistrationClosed when one of the events does not take registrations. One confirmation email
    (with an .ics file per event) goes into the outbox for the new registrations.
    """
    now = now or timezone.now()
    try:
        results = _register(page_model, event_ids, person, now)
    except IntegrityError:  # a duplicate inserted past the lock (see _register_locked): once more, it is found
        results = _register(page_model, event_ids, person, now)
    return sorted(results, key=lambda result: result.registration.event.start)


def _register(page_model, event_ids, person, now):
    with transaction.atomic():
        results = []
        for event_id in sorted(set(event_ids)):  # a fixed lock order prevents deadlocks
            event = lock_event(page_model, event_id)
            results.append(_register_locked(event, person, now))
        new = [result.registration for result in results if result.is_new]
        if new:
            emails.send_confirmation(sorted(new, key=lambda r: r.event.start))
    return results


def fill_from_waitlist(event, now=None):
    """Promote the first people on the waiting list into free places. The event must be locked."""
    if event.registration_state(now) not in {"open", "closed"}:
        return []
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")
    if event.capacity is not None:
        free = event.capacity - event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = []
    for registration in waiting:
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status", "updated_at"])
        registration.event = event
        emails.send_promotion(registration)
        promoted.append(registration)
    return promoted


def event_published(page):
    """After publishing an event page: a cancelled event tells its participants; one with more places fills them."""
    page_model = registry.for_page(page).page_model
    if page.is_cancelled:
        return notify_event_cancelled(page_model, page.pk)
    with transaction.atomic():
        return fill_from_waitlist(lock_event(page_model, page.pk))


def cancel(registration_model, public_id, now=None):
    """Cancel a registration by its public id. Returns (registration, promoted registrations, changed)."""
    now = now or timezone.now()
    event_type = registry.for_registration(registration_model)
    with transaction.atomic():
        event_id = (
            registration_model.objects.filter(public_id=public_id)
            .values_list(f"{event_type.event_field}_id", flat=True)
            .first()
        )
        if event_id is None:
            return None, [], False
        event = lock_event(event_type.page_model, event_id)
        registration = registration_model.objects.select_for_update().get(public_id=public_id)
        registration.event = event
        if registration.status == RegistrationStatus.CANCELLED or event.is_past:
            return registration, [], False
        was_registered = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        emails.send_cancellation(registration)
        promoted = fill_from_waitlist(event, now) if was_registered else []
    return registration, promoted, True


def notify_event_cancelled(page_model, event_id, now=None):
    """Tell everyone registered or waiting that the event is cancelled, once. Returns the number told.

    Who has been told is read from the outbox (not from a page field: publishing an older revision
    would reset that), so publishing the cancelled event again sends nothing new.
    """
    with transaction.atomic():
        event = lock_event(page_model, event_id)
        if not event.is_cancelled:
            return 0
        registrations = list(
            event.registrations.active()
            .not_anonymised()
            .exclude(emails__kind=OutboxEmail.Kind.EVENT_CANCELLED)
            .order_by("pk")
        )
        for registration in registrations:
            registration.event = event
            emails.send_event_cancelled(registration)
    return len(registrations)


def send_due_reminders(now=None):
    """Queue the reminder with the meeting link for every registration whose reminder is due, of every type.

    Due means: from `reminder hour` on the working day before the event until its start. A registration
    gets at most one reminder (reminder_sent_at is set in the same transaction).
    """
    return sum(_send_due_reminders(event_type, now or timezone.now()) for event_type in registry.all_types())


def _send_due_reminders(event_type, now):
    hour = conf.reminder_hour()
    country = conf.holiday_country()
    horizon = now + datetime.timedelta(days=14)
    events = event_type.page_model.objects.live().filter(is_cancelled=False, start__gt=now, start__lte=horizon)
    sent = 0
    for event in events.order_by("start"):
        if reminder_due_at(event.start, hour=hour, country=country) > now:
            continue
        with transaction.atomic():
            pending = (
                event_type.registration_model.objects.select_for_update(skip_locked=True)
                .filter(
                    **{event_type.event_field: event},
                    status=RegistrationStatus.REGISTERED,
                    reminder_sent_at__isnull=True,
                )
                .order_by("pk")
            )
            for registration in pending:
                registration.event = event
                emails.send_reminder(registration)
                registration.reminder_sent_at = now
                registration.save(update_fields=["reminder_sent_at", "updated_at"])
                sent += 1
    return sent


def anonymise_ended(days=None, now=None):
    """Strip personal data from registrations (and their emails) of events of every type that ended `days` ago."""
    now = now or timezone.now()
    days = conf.anonymise_after_days() if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    count = 0
    with transaction.atomic():
        for event_type in registry.all_types():
            registrations = event_type.registration_model.objects.filter(
                **{f"{event_type.event_field}__end__lte": cutoff}, anonymised_at__isnull=True
            )
            OutboxEmail.objects.filter(pk__in=registrations.values("emails")).update(
                to="", subject="", body_text="", body_html="", attachments=[], last_error=""
            )
            count += registrations.update(
                name="", email="", organisation="", municipality="", needs="", anonymised_at=now, updated_at=now
            )
    return count
