"""The newsletter's mails, in Dutch, through the outbox (``events.outbox``).

- confirmation (double opt-in) and "already subscribed": written at once, in the request;
- an issue: queued per subscriber without content while sending (a cheap insert), written by ``render_issue_email``
  when the outbox sends it, from the issue's snapshot and the items that matched (``IssueDelivery.item_ids``);
  every issue carries ``List-Unsubscribe`` and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058);
- a test of an issue to the editor: all items, written at once.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import SiteSettings

KIND_CONFIRM = "newsletter_confirm"
KIND_ALREADY = "newsletter_already_subscribed"
KIND_ISSUE = "newsletter_issue"
KIND_TEST = "newsletter_test"
KINDS = (KIND_CONFIRM, KIND_ALREADY, KIND_ISSUE, KIND_TEST)

LABELS = {
    KIND_CONFIRM: gettext_lazy("Newsletter: confirm subscription"),
    KIND_ALREADY: gettext_lazy("Newsletter: already subscribed"),
    KIND_ISSUE: gettext_lazy("Newsletter issue"),
    KIND_TEST: gettext_lazy("Newsletter issue (test)"),
}


def register_kinds():
    from events.outbox import register_kind

    register_kind(KIND_CONFIRM, LABELS[KIND_CONFIRM])
    register_kind(KIND_ALREADY, LABELS[KIND_ALREADY])
    register_kind(KIND_ISSUE, LABELS[KIND_ISSUE], renderer=render_issue_email, headers=issue_headers)
    register_kind(KIND_TEST, LABELS[KIND_TEST])


def organisation_name():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    name = SiteSettings.for_site(site).organisation_name if site else ""
    return name or "Kennisplatform"


def _render(template, context):
    with translation.override("nl"):
        context = {"organisation_name": organisation_name(), **context}
        text = render_to_string(f"newsletter/emails/{template}.txt", context).strip() + "\n"
        html = render_to_string(f"newsletter/emails/{template}.html", context)
        return text, html


def _queue(kind, to, subject, template, context):
    from events.outbox import queue_email

    text, html = _render(template, context)
    return queue_email(kind=kind, to=to, subject=subject, body_text=text, body_html=html)


def queue_confirmation(subscriber):
    from newsletter import tokens

    with translation.override("nl"):
        subject = _("Confirm your subscription to the newsletter")
    return _queue(
        KIND_CONFIRM,
        subscriber.email,
        subject,
        "confirm",
        {"confirm_url": tokens.confirm_url(subscriber), "valid_days": tokens.confirm_max_age() // 86400},
    )


def queue_already_subscribed(subscriber):
    from newsletter import tokens

    with translation.override("nl"):
        subject = _("You already receive the newsletter")
    return _queue(
        KIND_ALREADY,
        subscriber.email,
        subject,
        "already_subscribed",
        {"manage_url": tokens.manage_url(subscriber), "unsubscribe_url": tokens.unsubscribe_url(subscriber)},
    )


def issue_context(issue, items, subscriber=None):
    from newsletter import tokens

    return {
        "issue": issue,
        "intro_paragraphs": issue.intro_paragraphs(),
        "items": [{"item": item, "url": tokens.absolute_url(item.url)} for item in items],
        "manage_url": tokens.manage_url(subscriber) if subscriber else "",
        "unsubscribe_url": tokens.unsubscribe_url(subscriber) if subscriber else "",
        "test": subscriber is None,
    }


def render_issue(issue, items, subscriber=None):
    """(subject, text, html) of an issue with these items, for this subscriber (None: a test or a preview)."""
    text, html = _render("issue", issue_context(issue, items, subscriber))
    return issue.subject, text, html


def queue_test(issue, to):
    from events.outbox import queue_email

    subject, text, html = render_issue(issue, list(issue.items.all()))
    with translation.override("nl"):
        subject = _("[Test] %(subject)s") % {"subject": subject}
    return queue_email(kind=KIND_TEST, to=to, subject=subject, body_text=text, body_html=html)


def _delivery_of(email):
    from newsletter.models import IssueDelivery

    return IssueDelivery.objects.select_related("issue", "subscriber").filter(email=email).first()


def render_issue_email(email):
    """The outbox's renderer for an issue mail (in the worker, when it is sent)."""
    from newsletter import subscriptions

    delivery = _delivery_of(email)
    if delivery is None or delivery.subscriber is None or subscriptions.is_unsubscribed(email.to):
        raise ValueError(f"Outbox email {email.pk}: the newsletter's subscriber is gone.")
    by_id = {item.pk: item for item in delivery.issue.items.filter(pk__in=delivery.item_ids)}
    items = [by_id[pk] for pk in delivery.item_ids if pk in by_id]
    subject, text, html = render_issue(delivery.issue, items, delivery.subscriber)
    return {"subject": subject, "body_text": text, "body_html": html}


def issue_headers(email):
    """``List-Unsubscribe`` (RFC 2369) with one-click ``List-Unsubscribe-Post`` (RFC 8058)."""
    from events.mail_links import unsubscribe_headers
    from newsletter import tokens

    delivery = _delivery_of(email)
    if delivery is None or delivery.subscriber is None:
        return {}
    return unsubscribe_headers(tokens.unsubscribe_url(delivery.subscriber))
