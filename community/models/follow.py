"""Following topics, categories, networks (their forum) and themes, and the notifications that follow from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FollowFrequency(models.TextChoices):
    INSTANT = "instant", _("Immediately")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class Follow(models.Model):
    """One thing a member follows; exactly one of ``thread``, ``category``, ``forum`` and ``theme`` is set."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_follows")
    thread = models.ForeignKey("community.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(
        "community.ForumCategory", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    forum = models.ForeignKey("community.ForumPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey("core.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(
        _("how often"), max_length=16, choices=FollowFrequency.choices, default=FollowFrequency.INSTANT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, category__isnull=True, forum__isnull=True, theme__isnull=True)
                    | Q(thread__isnull=True, category__isnull=False, forum__isnull=True, theme__isnull=True)
                    | Q(thread__isnull=True, category__isnull=True, forum__isnull=False, theme__isnull=True)
                    | Q(thread__isnull=True, category__isnull=True, forum__isnull=True, theme__isnull=False)
                ),
                name="community_follow_one_target",
            ),
            models.UniqueConstraint(fields=["user", "thread"], name="community_follow_thread_unique"),
            models.UniqueConstraint(fields=["user", "category"], name="community_follow_category_unique"),
            models.UniqueConstraint(fields=["user", "forum"], name="community_follow_forum_unique"),
            models.UniqueConstraint(fields=["user", "theme"], name="community_follow_theme_unique"),
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.thread_id or self.category_id or self.forum_id or self.theme_id}"


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("New reply")
    TOPIC = "topic", _("New topic")
    MENTION = "mention", _("Mentioned you")
    REACTION = "reaction", _("New reaction")
    CONTENT = "content", _("New content")


class Notification(models.Model):
    """Something new for one member. Listed on "Mijn meldingen"; mailed at once or in a digest, never twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_notifications")
    kind = models.CharField(_("kind"), max_length=16, choices=NotificationKind.choices)
    post = models.ForeignKey("community.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("community.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=16, choices=FollowFrequency.choices, default=FollowFrequency.INSTANT)
    # The follow that brought it (the most specific one); empty for a mention, or once the follow was stopped.
    follow = models.ForeignKey(Follow, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the mail (instant or digest) was queued in the outbox; a digest claims its rows by setting it.
    # Also set, without ``email``, for an item that was dropped (hidden meanwhile, follow stopped, mail off).
    emailed_at = models.DateTimeField(null=True, blank=True)
    # The outbox mail that carries it: its renderer and List-Unsubscribe header read the notifications from here.
    email = models.ForeignKey("events.OutboxEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"], name="community_notification_user"),
            # The digest's work list: unsent daily/weekly items.
            models.Index(
                fields=["frequency", "created_at"],
                condition=Q(emailed_at__isnull=True),
                name="community_notification_due",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "post"], condition=Q(post__isnull=False), name="community_one_notification_per_post"
            ),
            models.UniqueConstraint(
                fields=["user", "page"], condition=Q(page__isnull=False), name="community_one_notification_per_page"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.user_id}"


class NotificationSettings(models.Model):
    """A member's choice about notification mail; without a row, mail is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_enabled = models.BooleanField(_("email about notifications"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return f"{self.user_id}: email {'on' if self.email_enabled else 'off'}"
