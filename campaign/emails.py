"""The campaign's mails, all through the shared outbox (events.outbox), in Dutch."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

from events.mail_links import absolute_url

KIND_RECEIVED = "campaign_action_received"
KIND_APPROVED = "campaign_action_approved"


def register_outbox_kinds():
    from events.outbox import register_kind

    register_kind(KIND_RECEIVED, gettext_lazy("Local action received"))
    register_kind(KIND_APPROVED, gettext_lazy("Local action approved"))


def _queue(kind, to, template, context):
    """A plain-text mail: the template's first line is the subject, the rest (after a blank line) the body."""
    from events.outbox import queue_email

    with translation.override("nl"):
        text = render_to_string(template, context).strip()
    subject, _blank, body = text.partition("\n\n")
    return queue_email(kind=kind, to=to, subject=subject.strip()[:255], body_text=body.strip() + "\n")


def queue_confirmation(action, request=None):
    """Tell whoever registered the action that we have it and that the programme team will look at it."""
    week = action.week
    return _queue(
        KIND_RECEIVED,
        action.email,
        "campaign/emails/action_received.txt",
        {"action": action, "week": week, "week_url": absolute_url(week.get_url(request))},
    )


def queue_approval(action, request=None):
    """Tell whoever registered the action that it is on the site now."""
    return _queue(
        KIND_APPROVED,
        action.email,
        "campaign/emails/action_approved.txt",
        {"action": action, "week": action.week, "action_url": absolute_url(action.get_url(request))},
    )
