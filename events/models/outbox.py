from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        """Mails to (re)try now: pending or failed, with their next attempt in the past."""
        now = now or timezone.now()
        return self.filter(
            Q(status__in=[OutboxStatus.PENDING, OutboxStatus.FAILED]),
            Q(next_attempt_at__isnull=False, next_attempt_at__lte=now),
        ).order_by("next_attempt_at", "pk")


class OutboxEmail(models.Model):
    """An email stored with the data it belongs to, rendered and sent after the transaction commits.

    A background task sends it; when the mail server fails it is retried with backoff
    (``manage.py send_outbox`` from cron picks up whatever is due). The outbox knows no section: what a
    mail is about is linked from the other side (``AbstractRegistration.emails``). ``kind`` is open: the
    registration flow's kinds are ``Kind``; a section adds its own with ``events.outbox.register_kind``.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation")
        WAITLIST = "waitlist", _("Waiting list")
        PROMOTION = "promotion", _("Promoted from waiting list")
        REMINDER = "reminder", _("Reminder with meeting link")
        CANCELLED = "cancelled", _("Registration cancelled")
        # The value predates the shared engine (Kennisboostweken sessions); it stays for the stored mails.
        EVENT_CANCELLED = "session_cancelled", _("Event cancelled")

    kind = models.CharField(_("kind"), max_length=50)
    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="events_outbox_due")]

    def __str__(self):
        return f"{self.kind_label}: {self.subject}"

    @property
    def kind_label(self):
        from events.outbox import kind_label

        return kind_label(self.kind)

    kind_label.fget.short_description = _("kind")

    def listed_subject(self):
        """The subject in the admin's list; a mail the worker has not written yet says so (and stays clickable)."""
        if self.subject or self.is_rendered:
            return self.subject
        return gettext("Not written yet")

    listed_subject.short_description = _("subject")
    listed_subject.admin_order_field = "subject"

    @property
    def is_rendered(self):
        """Stored mails get their text after the transaction that stored them (see outbox.queue_email)."""
        return bool(self.body_text)
