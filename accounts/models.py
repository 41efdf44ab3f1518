"""The public side of a user: how members appear on the site, and what they chose to show."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DISPLAY_NAME_MAX_LENGTH = 60
DELETED_ACCOUNT_NAME = _("deleted account")


class MemberRole(models.TextChoices):
    MUNICIPAL_OFFICIAL = "municipal_official", _("Municipal official")
    LIVED_EXPERIENCE = "lived_experience", _("Resident with lived experience")
    PROFESSIONAL = "professional", _("Professional")
    VOLUNTEER = "volunteer", _("Volunteer")
    OTHER = "other", _("Other")


class ProfileQuerySet(models.QuerySet):
    def public(self):
        """Profiles whose page anyone may see: active, not blocked, and shown by choice."""
        return self.filter(user__is_active=True, blocked_at__isnull=True, is_public=True)


class Profile(models.Model):
    """One per user (made on sign-up, or on first use for accounts that predate it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("user")
    )
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("The name other members see above your posts."),
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_profiles",
        verbose_name=_("municipality"),
    )
    role = models.CharField(_("role"), max_length=32, choices=MemberRole.choices, blank=True)
    bio = models.TextField(_("short bio"), max_length=600, blank=True)
    is_public = models.BooleanField(
        _("public profile page"), default=True, help_text=_("Others can open a page about you.")
    )
    show_municipality = models.BooleanField(_("show my municipality"), default=True)
    show_role = models.BooleanField(_("show my role"), default=True)
    show_bio = models.BooleanField(_("show my bio"), default=True)
    # Set by moderators (community.moderation); a blocked member cannot log in and their posts are hidden.
    blocked_at = models.DateTimeField(_("blocked at"), null=True, blank=True)
    blocked_reason = models.TextField(_("reason for blocking"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return self.display_name

    @property
    def is_blocked(self):
        return self.blocked_at is not None
