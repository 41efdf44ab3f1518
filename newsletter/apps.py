from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """A newsletter without an account: double opt-in, themes and audiences, issues composed in Wagtail."""

    name = "newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from newsletter import emails

        emails.register_kinds()
