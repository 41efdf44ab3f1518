from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """A newsletter without an account: double opt-in, themes and audiences, issues composed in Wagtail."""

    name = "newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from django.db.models.signals import post_migrate

        from newsletter import emails
        from newsletter.permissions import grant_editors

        emails.register_kinds()
        post_migrate.connect(grant_editors, sender=self, dispatch_uid="newsletter_grant_editors")
