"""The emails of the registration flow, in Dutch, through the outbox.

The ``send_*`` functions run inside the flows' write transactions, so they only store which mail goes
to whom (kind and registrations): no rendering while the database is locked. ``render`` builds the
subject, the bodies and the calendar attachments after the commit (see ``outbox.queue_email``).
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import SiteSettings
from knowledgeboost.ical import ics_attachment
from knowledgeboost.models import OutboxEmail, RegistrationStatus
from knowledgeboost.outbox import queue_email
from knowledgeboost.tokens import cancel_token

Kind = OutboxEmail.Kind


def absolute(path, site):
    return (site.root_url if site else "") + path


def cancel_url(registration, site=None):
    return absolute(reverse("knowledgeboost:cancel", args=[cancel_token(registration)]), site)


def _queue(kind, registrations):
    return queue_email(kind=kind, to=registrations[0].email, registrations=registrations)


def send_confirmation(registrations):
    """One email for everything a person registered for in one go, with an .ics file per session."""
    return _queue(Kind.CONFIRMATION, registrations)


def send_promotion(registration):
    return _queue(Kind.PROMOTION, [registration])


def send_cancellation(registration):
    return _queue(Kind.CANCELLED, [registration])


def send_session_cancelled(registration):
    return _queue(Kind.SESSION_CANCELLED, [registration])


def send_reminder(registration):
    return _queue(Kind.REMINDER, [registration])


# Rendering: (subject, extra context, attachments) per kind, for the registrations of one mail.


def _confirmation(registrations):
    title = registrations[0].session.title
    registered = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    if len(registrations) > 1:
        subject = _("Your registration for %(count)s sessions") % {"count": len(registrations)}
    elif registered:
        subject = _("You are registered: %(title)s") % {"title": title}
    else:
        subject = _("You are on the waiting list: %(title)s") % {"title": title}
    return subject, {}, [ics_attachment(r.session) for r in registered]


def _promotion(registrations):
    session = registrations[0].session
    subject = _("A place has become available: %(title)s") % {"title": session.title}
    return subject, {}, [ics_attachment(session)]


def _cancelled(registrations):
    return _("Your registration is cancelled: %(title)s") % {"title": registrations[0].session.title}, {}, []


def _session_cancelled(registrations):
    return _("Cancelled: %(title)s") % {"title": registrations[0].session.title}, {}, []


def _reminder(registrations):
    session = registrations[0].session
    if session.meeting_url:
        subject = _("Your link for %(title)s") % {"title": session.title}
    else:
        subject = _("See you soon: %(title)s") % {"title": session.title}
    return subject, {"meeting_url": session.meeting_url}, [ics_attachment(session)]


RENDERERS = {
    Kind.CONFIRMATION: _confirmation,
    Kind.PROMOTION: _promotion,
    Kind.CANCELLED: _cancelled,
    Kind.SESSION_CANCELLED: _session_cancelled,
    Kind.REMINDER: _reminder,
}


def render(email):
    """{subject, body_text, body_html, attachments} of a stored mail, from its kind and registrations."""
    registrations = sorted(email.registrations.select_related("session"), key=lambda r: (r.session.start, r.pk))
    if not registrations:
        raise ValueError(f"Outbox email {email.pk} has no registrations to write about.")
    kind = Kind(email.kind)
    with translation.override("nl"):
        subject, extra, attachments = RENDERERS[kind](registrations)
        site = registrations[0].session.get_site()
        site_settings = SiteSettings.for_site(site) if site else None
        context = {
            "name": registrations[0].name,
            "items": [
                {
                    "registration": registration,
                    "session": registration.session,
                    "session_url": registration.session.get_full_url(),
                    "cancel_url": cancel_url(registration, site),
                }
                for registration in registrations
            ],
            "organisation_name": getattr(site_settings, "organisation_name", "Kennisplatform"),
            **extra,
        }
        text = render_to_string(f"knowledgeboost/emails/{kind.value}.txt", context).strip() + "\n"
        html = render_to_string(f"knowledgeboost/emails/{kind.value}.html", context)
    subject_length = OutboxEmail._meta.get_field("subject").max_length
    return {"subject": subject[:subject_length], "body_text": text, "body_html": html, "attachments": attachments}
