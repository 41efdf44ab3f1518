from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from events.models import AbstractRegistration

from .pages import SessionPage


class Registration(AbstractRegistration):
    session = models.ForeignKey(
        SessionPage, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("session")
    )

    # Hundreds of registrations per session are not "usages" of the session page; skip Wagtail's reference index.
    wagtail_reference_index_ignore = True

    class Meta(AbstractRegistration.Meta):
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=Q(anonymised_at__isnull=True),
                name="knowledgeboost_registration_unique_email_per_session",
                violation_error_message=_("This email address is already registered for this session."),
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"], name="kb_reg_session_status")]

    # What the admin list and the exports show.
    def session_title(self):
        return self.session.title

    session_title.short_description = _("session")

    def session_start(self):
        return self.session.start

    session_start.short_description = _("start")
