"""The emails of the registration flow, rendered in Dutch and stored in the outbox."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.models import SiteSettings
from knowledgeboost.ical import ics_attachment
from knowledgeboost.models import OutboxEmail
from knowledgeboost.outbox import queue_email
from knowledgeboost.tokens import cancel_token


def absolute(path, site):
    return (site.root_url if site else "") + path


def cancel_url(registration, site=None):
    return absolute(reverse("knowledgeboost:cancel", args=[cancel_token(registration)]), site)


def _site_for(session):
    return session.get_site()


def _render(kind, context):
    kind = OutboxEmail.Kind(kind).value
    text = render_to_string(f"knowledgeboost/emails/{kind}.txt", context).strip() + "\n"
    html = render_to_string(f"knowledgeboost/emails/{kind}.html", context)
    return text, html


def _send(kind, registrations, subject, extra=None, attachments=()):
    first = registrations[0]
    session = first.session
    site = _site_for(session)
    settings = SiteSettings.for_site(site) if site else None
    items = [
        {
            "registration": registration,
            "session": registration.session,
            "session_url": registration.session.get_full_url(),
            "cancel_url": cancel_url(registration, site),
        }
        for registration in registrations
    ]
    context = {
        "name": first.name,
        "items": items,
        "organisation_name": getattr(settings, "organisation_name", "Kennisplatform"),
        **(extra or {}),
    }
    text, html = _render(kind, context)
    return queue_email(
        kind=kind,
        to=first.email,
        subject=subject,
        body_text=text,
        body_html=html,
        attachments=attachments,
        registrations=registrations,
    )


def send_confirmation(registrations):
    """One email for everything a person registered for in one go, with an .ics file per session."""
    with translation.override("nl"):
        registered = [r for r in registrations if r.status == "registered"]
        if registered:
            subject = _("You are registered: %(title)s") % {"title": registrations[0].session.title}
        else:
            subject = _("You are on the waiting list: %(title)s") % {"title": registrations[0].session.title}
        if len(registrations) > 1:
            subject = _("Your registration for %(count)s sessions") % {"count": len(registrations)}
        attachments = [ics_attachment(r.session) for r in registered]
        return _send(OutboxEmail.Kind.CONFIRMATION, registrations, subject, attachments=attachments)


def send_promotion(registration):
    with translation.override("nl"):
        subject = _("A place has become available: %(title)s") % {"title": registration.session.title}
        return _send(
            OutboxEmail.Kind.PROMOTION, [registration], subject, attachments=[ics_attachment(registration.session)]
        )


def send_cancellation(registration):
    with translation.override("nl"):
        subject = _("Your registration is cancelled: %(title)s") % {"title": registration.session.title}
        return _send(OutboxEmail.Kind.CANCELLED, [registration], subject)


def send_session_cancelled(registration):
    with translation.override("nl"):
        subject = _("Cancelled: %(title)s") % {"title": registration.session.title}
        return _send(OutboxEmail.Kind.SESSION_CANCELLED, [registration], subject)


def send_reminder(registration):
    with translation.override("nl"):
        if registration.session.meeting_url:
            subject = _("Your link for %(title)s") % {"title": registration.session.title}
        else:
            subject = _("See you soon: %(title)s") % {"title": registration.session.title}
        return _send(
            OutboxEmail.Kind.REMINDER,
            [registration],
            subject,
            extra={"meeting_url": registration.session.meeting_url},
            attachments=[ics_attachment(registration.session)],
        )
