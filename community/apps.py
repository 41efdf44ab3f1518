from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each area of the community app connects its own signals, outbox kinds and jobs at import: forum topics
        # kept up to date in the site search (search), the demo's forum (demo: the seed_demo hook).
        from community import demo, moderation, notifications, posting, reactions, search  # noqa: F401
