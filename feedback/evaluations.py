"""Evaluations after events: who gets the mail and when, the signed link, storing one answer.

A day after an event of any registered event type (``events.registry``: Kennisboostweken sessions, network
meetings) ends, everyone with a confirmed registration (not the waiting list, not cancelled, not anonymised)
gets one mail through the outbox with a signed link to a short form. ``send_due`` makes the ``Evaluation`` row
and queues the mail in one transaction; the unique constraint on the registration makes a second run (even one
at the same moment) skip it, so nobody gets two mails.
"""

import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import SiteSettings
from events import registry
from events.emails import absolute, registrations_of
from events.models import OutboxEmail, RegistrationStatus
from events.outbox import queue_email, register_kind
from feedback import conf
from feedback.models import Evaluation

logger = logging.getLogger(__name__)

KIND = "evaluation"
SALT = "feedback.evaluation"


# --- The signed link ----------------------------------------------------------------------------------------


def token_for(evaluation):
    return signing.TimestampSigner(salt=SALT).sign(str(evaluation.public_id))


class LinkExpired(Exception):
    pass


def evaluation_from_token(token):
    """The evaluation the link is for; None when tampered with or unknown; raises LinkExpired when too old."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        public_id = signer.unsign(token, max_age=datetime.timedelta(days=conf.evaluation_link_max_age_days()))
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        return None
    return Evaluation.objects.select_related("event").filter(public_id=public_id).first()


def evaluation_url(evaluation, site=None):
    return absolute(reverse("feedback:evaluation", args=[token_for(evaluation)]), site)


# --- Sending -----------------------------------------------------------------------------------------------


def send_due(now=None):
    """Queue the evaluation mail for every confirmed registration of events that ended a day ago.
    Returns the number of mails queued. Safe to run often and at the same time."""
    now = now or timezone.now()
    latest_end = now - datetime.timedelta(hours=conf.evaluation_delay_hours())
    earliest_end = now - datetime.timedelta(days=conf.evaluation_window_days())
    return sum(_send_due(event_type, latest_end, earliest_end, now) for event_type in registry.all_types())


def _send_due(event_type, latest_end, earliest_end, now):
    registration_model = event_type.registration_model
    content_type = ContentType.objects.get_for_model(registration_model)
    events = event_type.page_model.objects.live().filter(is_cancelled=False, end__lte=latest_end, end__gt=earliest_end)
    invited = Evaluation.objects.filter(registration_type=content_type).values("registration_id")
    sent = 0
    for event in events.order_by("end", "pk"):
        pending = list(
            registration_model.objects.filter(**{event_type.event_field: event})
            .registered()
            .not_anonymised()
            .exclude(pk__in=invited)
            .order_by("pk")
        )
        if not pending:
            continue
        group_id = event.get_parent().pk
        for registration in pending:
            if _invite(registration, event, group_id, event_type, content_type, now):
                sent += 1
    return sent


def _invite(registration, event, group_id, event_type, content_type, now):
    with transaction.atomic():
        try:
            with transaction.atomic():
                Evaluation.objects.create(
                    registration_type=content_type,
                    registration_id=registration.pk,
                    event_id=event.pk,
                    group_id=group_id,
                    programme=event_type.label,
                    invited_at=now,
                )
        except IntegrityError:  # another run invited this registration a moment ago
            return False
        queue_email(kind=KIND, to=registration.email, registrations=[registration])
    return True


def render_evaluation_email(email):
    """Subject and bodies of an evaluation mail, written in the background task (see events.outbox)."""
    event_type, registrations = registrations_of(email)
    if not registrations or registrations[0].status != RegistrationStatus.REGISTERED:
        raise ValueError(f"Outbox email {email.pk} has no registration to ask about.")
    registration = registrations[0]
    content_type = ContentType.objects.get_for_model(event_type.registration_model)
    evaluation = Evaluation.objects.get(registration_type=content_type, registration_id=registration.pk)
    event = registration.event
    with translation.override("nl"):
        site = event.get_site()
        site_settings = SiteSettings.for_site(site) if site else None
        context = {
            "name": registration.name,
            "event": event,
            "event_url": event.get_full_url(),
            "evaluation_url": evaluation_url(evaluation, site),
            "valid_days": conf.evaluation_link_max_age_days(),
            "organisation_name": getattr(site_settings, "organisation_name", "Kennisplatform"),
        }
        subject = _("Your opinion on: %(title)s") % {"title": event.title}
        text = render_to_string("feedback/emails/evaluation.txt", context).strip() + "\n"
        html = render_to_string("feedback/emails/evaluation.html", context)
    subject_length = OutboxEmail._meta.get_field("subject").max_length
    return {"subject": subject[:subject_length], "body_text": text, "body_html": html, "attachments": []}


def register():
    register_kind(KIND, gettext_lazy("Evaluation"), renderer=render_evaluation_email)


# --- Answering ---------------------------------------------------------------------------------------------


def answer(evaluation, *, mark, useful, better, now=None):
    """Store the answer unless one was stored already (also by a request at the same moment): True when stored."""
    updated = Evaluation.objects.filter(pk=evaluation.pk, answered_at__isnull=True).update(
        mark=mark, useful=useful, better=better, answered_at=now or timezone.now()
    )
    if updated:
        from core import caching

        caching.bump_dependencies(evaluation.page_cache_dependencies())
    return bool(updated)
