"""The emails of the registration flow, in Dutch, through the outbox.

The ``send_*`` functions run inside the flows' write transactions, so they only store which mail goes
to whom (kind and registrations): no rendering while the database is locked. ``render`` builds the
subject, the bodies and the calendar attachments after the commit (see ``outbox.queue_email``).

Templates: ``<section>/emails/<kind>.txt|html`` when the section has them (its own wording), else the
generic ``events/emails/<kind>.txt|html``. Their context: ``name``, ``items`` (``registration``, ``event``,
``event_url``, ``cancel_url`` per registration), ``organisation_name`` and, in reminders, ``meeting_url``.
"""

from django.template.loader import select_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import SiteSettings
from events import registry
from events.ical import ics_attachment
from events.models import OutboxEmail, RegistrationStatus
from events.outbox import queue_email
from events.tokens import cancel_token

Kind = OutboxEmail.Kind


def absolute(path, site):
    return (site.root_url if site else "") + path


def cancel_url(registration, site=None):
    event_type = registry.for_registration(registration)
    return absolute(reverse(event_type.cancel_url_name, args=[cancel_token(registration)]), site)


def _queue(kind, registrations):
    return queue_email(kind=kind, to=registrations[0].email, registrations=registrations)


def send_confirmation(registrations):
    """One email for everything a person registered for in one go, with an .ics file per event."""
    return _queue(Kind.CONFIRMATION, registrations)


def send_promotion(registration):
    return _queue(Kind.PROMOTION, [registration])


def send_cancellation(registration):
    return _queue(Kind.CANCELLED, [registration])


def send_event_cancelled(registration):
    return _queue(Kind.EVENT_CANCELLED, [registration])


def send_reminder(registration):
    return _queue(Kind.REMINDER, [registration])


# Rendering: (subject, extra context, attachments) per kind, for the registrations of one mail.


def _confirmation(registrations):
    title = registrations[0].event.title
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    if len(registrations) > 1:
        things = registrations[0].event._meta.verbose_name_plural.lower()
        subject = _("Your registration for %(count)s %(events)s") % {"count": len(registrations), "events": things}
    elif registered:
        subject = _("You are registered: %(title)s") % {"title": title}
    else:
        subject = _("You are on the waiting list: %(title)s") % {"title": title}
    return subject, {}, [ics_attachment(r.event) for r in registered]


def _promotion(registrations):
    event = registrations[0].event
    subject = _("A place has become available: %(title)s") % {"title": event.title}
    return subject, {}, [ics_attachment(event)]


def _cancelled(registrations):
    return _("Your registration is cancelled: %(title)s") % {"title": registrations[0].event.title}, {}, []


def _event_cancelled(registrations):
    return _("Cancelled: %(title)s") % {"title": registrations[0].event.title}, {}, []


def _reminder(registrations):
    event = registrations[0].event
    if event.meeting_url:
        subject = _("Your link for %(title)s") % {"title": event.title}
    else:
        subject = _("See you soon: %(title)s") % {"title": event.title}
    return subject, {"meeting_url": event.meeting_url}, [ics_attachment(event)]


SUBJECTS = {
    Kind.CONFIRMATION: _confirmation,
    Kind.PROMOTION: _promotion,
    Kind.CANCELLED: _cancelled,
    Kind.EVENT_CANCELLED: _event_cancelled,
    Kind.REMINDER: _reminder,
}


def registrations_of(email):
    """The registrations a mail is about, of whichever registered event type, in the order of their events."""
    for event_type in registry.all_types():
        registrations = list(
            event_type.registration_model.objects.filter(emails=email).select_related(event_type.event_field)
        )
        if registrations:
            return event_type, sorted(registrations, key=lambda r: (r.event.start, r.pk))
    return None, []


def render_registration_email(email):
    """{subject, body_text, body_html, attachments} of a stored mail, from its kind and registrations."""
    event_type, registrations = registrations_of(email)
    if not registrations:
        raise ValueError(f"Outbox email {email.pk} has no registrations to write about.")
    kind = Kind(email.kind)
    with translation.override("nl"):
        subject, extra, attachments = SUBJECTS[kind](registrations)
        site = registrations[0].event.get_site()
        site_settings = SiteSettings.for_site(site) if site else None
        context = {
            "name": registrations[0].name,
            "items": [
                {
                    "registration": registration,
                    "event": registration.event,
                    "event_url": registration.event.get_full_url(),
                    "cancel_url": cancel_url(registration, site),
                }
                for registration in registrations
            ],
            "organisation_name": getattr(site_settings, "organisation_name", "Kennisplatform"),
            **extra,
        }
        templates = event_type.template_names
        text = select_template(templates(f"emails/{kind.value}.txt")).render(context).strip() + "\n"
        html = select_template(templates(f"emails/{kind.value}.html")).render(context)
    subject_length = OutboxEmail._meta.get_field("subject").max_length
    return {"subject": subject[:subject_length], "body_text": text, "body_html": html, "attachments": attachments}


# The outbox renders mails of these kinds with render_registration_email (see events.outbox.render).
RENDERERS = dict.fromkeys(SUBJECTS, render_registration_email)
