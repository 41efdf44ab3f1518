from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import signals  # noqa: F401
        from accounts.adapter import EMAIL_KIND
        from events.outbox import register_kind

        register_kind(EMAIL_KIND, _("Account (sign-up, password, email address)"))
