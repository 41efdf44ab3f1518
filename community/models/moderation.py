"""Reports by members and the log of every moderation action."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# After this many reports from different members a post is hidden until a moderator reviews it.
REPORTS_TO_HIDE = 3


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or discriminating")
    PERSONAL_DATA = "personal_data", _("Shares someone's personal data")
    OFF_TOPIC = "off_topic", _("Does not belong here")
    OTHER = "other", _("Something else")


class Report(models.Model):
    post = models.ForeignKey("community.Post", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="community_reports"
    )
    reason = models.CharField(_("reason"), max_length=32, choices=ReportReason.choices)
    explanation = models.TextField(_("explanation"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="community_one_report_per_member"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} (#{self.post_id})"


class ModerationAction(models.Model):
    """The log: who did what to which post, topic or member, when and why. Never edited, never deleted."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("Approved")
        HIDE = "hide", _("Hidden")
        AUTO_HIDE = "auto_hide", _("Hidden after reports")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Reports dismissed")
        EDIT = "edit", _("Edited")
        LOCK = "lock", _("Locked")
        UNLOCK = "unlock", _("Unlocked")
        PIN = "pin", _("Pinned")
        UNPIN = "unpin", _("Unpinned")
        MOVE = "move", _("Moved")
        BLOCK = "block", _("Member blocked")
        UNBLOCK = "unblock", _("Member unblocked")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("moderator"),
        help_text=_("Empty for what the platform did by itself (hiding after reports)."),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("post")
    )
    thread = models.ForeignKey(
        "community.Thread",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member"),
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
