from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    label = "campaign"
    verbose_name = _("Campaign")

    def ready(self):
        from campaign import emails

        emails.register_outbox_kinds()
