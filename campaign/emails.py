"""The campaign's mails, all through the shared outbox (events.outbox), in Dutch."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

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


def absolute(url, request=None):
    if not url or url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + url


def queue_confirmation(action, request=None):
    """Tell whoever registered the action that we have it and that the programme team will look at it."""
    week = action.week
    return _queue(
        KIND_RECEIVED,
        action.email,
        "campaign/emails/action_received.txt",
        {"action": action, "week": week, "week_url": absolute(week.get_url(request), request)},
    )


def queue_approval(action, request=None):
    """Tell whoever registered the action that it is on the site now."""
    return _queue(
        KIND_APPROVED,
        action.email,
        "campaign/emails/action_approved.txt",
        {"action": action, "week": action.week, "action_url": absolute(action.get_url(request), request)},
    )
