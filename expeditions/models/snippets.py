"""Snippets editors manage: participating organisations and expedition leaders."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from .choices import ContactPreference, OrganisationKind, Province


class Organisation(index.Indexed, models.Model):
    """A volunteer organisation that takes part in an expedition."""

    name = models.CharField(
        _("name"), max_length=150, unique=True, help_text=_("The name the organisation uses itself.")
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.OTHER,
        help_text=_("What kind of organisation is this? Visitors recognise organisations like their own."),
    )
    municipality = models.CharField(
        _("municipality"), max_length=100, help_text=_("The municipality where the organisation is based.")
    )
    website = models.URLField(
        _("website"), blank=True, help_text=_("Full address, starting with https://. Leave empty if there is none.")
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("municipality"), FieldPanel("website")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("municipality"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class ExpeditionLeader(index.Indexed, models.Model):
    """A trained expedition leader. Linked to a user account so they can publish lessons."""

    name = models.CharField(_("name"), max_length=150, help_text=_("First name and surname, as shown on the site."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expedition_leader",
        verbose_name=_("user account"),
        help_text=_(
            "The account the leader logs in with. Leaders with an account may write lessons for the "
            "expeditions they are assigned to, and submit them to the programme team."
        ),
    )
    photo = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("A portrait photo. Optional; if you add one, describe it below."),
    )
    photo_alt_text = models.CharField(
        _("photo description"),
        max_length=255,
        blank=True,
        help_text=_("Describe the photo for people who cannot see it, e.g. 'Anna smiles at the camera'."),
    )
    bio = models.TextField(
        _("short bio"),
        max_length=600,
        blank=True,
        help_text=_("Two or three sentences: background, experience and what drives the leader."),
    )
    region = models.CharField(
        _("region"),
        max_length=20,
        choices=Province.choices,
        blank=True,
        help_text=_("The province where the leader mostly works."),
    )
    contact_preference = models.CharField(
        _("contact preference"),
        max_length=20,
        choices=ContactPreference.choices,
        default=ContactPreference.PROGRAMME_TEAM,
        help_text=_("The email address is only shown on the site if the leader chose that."),
    )
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Only shown when the contact preference is 'by email'."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("user"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt_text")], heading=_("Photo")),
        FieldPanel("bio"),
        FieldPanel("region"),
        MultiFieldPanel([FieldPanel("contact_preference"), FieldPanel("email")], heading=_("Contact")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("bio"),
        index.FilterField("region"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("expedition leader")
        verbose_name_plural = _("expedition leaders")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.photo_id and not self.photo_alt_text.strip():
            errors["photo_alt_text"] = _("Describe the photo, or remove it.")
        if self.contact_preference == ContactPreference.EMAIL and not self.email:
            errors["email"] = _("Fill in the email address the leader wants to be contacted on.")
        if errors:
            raise ValidationError(errors)

    @property
    def public_email(self):
        """The address to show on the site: only when the leader opted in."""
        if self.contact_preference == ContactPreference.EMAIL:
            return self.email
        return ""
