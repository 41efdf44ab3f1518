"""Newsletter subscribers (no account needed), issues that editors compose, and who got which issue.

A subscriber is stored when someone asks for the newsletter (with the consent text they agreed to and when), and
counts once the address is confirmed (double opt-in: ``confirmed_at``). Unsubscribing deletes the subscriber and
keeps only a keyed hash of the address (``Unsubscription``) for ``NEWSLETTER_UNSUBSCRIBE_RETENTION_DAYS``, so mail
that was already queued is never sent; ``manage.py prune_newsletter`` removes old hashes and never-confirmed
requests.

An issue holds a snapshot of the content it presents (``IssueItem``: title, link, summary, themes, audiences), so
what a subscriber gets does not change while it is being sent. ``IssueDelivery`` records, once per subscriber and
issue (unique), which items matched and which outbox mail carries them.
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Audience, Theme


def normalise_email(address):
    return (address or "").strip().lower()


def email_hash(address):
    """A keyed hash of an address: recognises it again without storing it."""
    key = f"newsletter-unsubscribe:{settings.SECRET_KEY}".encode()
    return hmac.new(key, normalise_email(address).encode(), hashlib.sha256).hexdigest()


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)


class Subscriber(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+", verbose_name=_("themes"))
    audiences = models.ManyToManyField(Audience, blank=True, related_name="+", verbose_name=_("audiences"))
    consent_text = models.TextField(_("consent text"))
    consented_at = models.DateTimeField(_("consent given at"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation email sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["pk"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None


class Unsubscription(models.Model):
    """Only a keyed hash of an address that unsubscribed, kept for a limited time (see the module's docstring)."""

    email_hash = models.CharField(max_length=64, unique=True)
    unsubscribed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")

    def __str__(self):
        return self.email_hash[:12]


class IssueQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Issue.Status.SENT)


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=150)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=3000,
        help_text=_("A few sentences above the content; an empty line starts a new paragraph."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    send_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_issue", _("Can send newsletter issues to the subscribers"))]

    def __str__(self):
        return self.subject

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def intro_paragraphs(self):
        return [part.strip() for part in self.intro.replace("\r\n", "\n").split("\n\n") if part.strip()]


class IssueItem(models.Model):
    """One piece of content in an issue: the content registry's kind and the item's id, and a snapshot of it."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=50)
    object_id = models.PositiveBigIntegerField()
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    kind_label = models.CharField(max_length=100, blank=True)
    date = models.DateTimeField(null=True, blank=True)
    theme_ids = models.JSONField(default=list)
    audience_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "kind", "object_id"], name="newsletter_issueitem_unique"),
        ]

    def __str__(self):
        return self.title

    def matches(self, theme_ids, audience_ids):
        """Whether a subscriber with these choices wants this item: each choice that was made must be shared
        (no themes chosen: every theme; no audiences chosen: every audience)."""
        if theme_ids and not set(theme_ids) & set(self.theme_ids):
            return False
        return not (audience_ids and not set(audience_ids) & set(self.audience_ids))


class IssueDelivery(models.Model):
    """One subscriber handled for one issue: the outbox mail with the items that matched, or no mail (none did)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries")
    email = models.OneToOneField(
        "events.OutboxEmail", on_delete=models.SET_NULL, null=True, blank=True, related_name="newsletter_delivery"
    )
    item_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once"),
        ]

    def __str__(self):
        return f"{self.issue_id}:{self.subscriber_id}"
