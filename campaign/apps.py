from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignConfig(AppConfig):
    name = "campaign"
    label = "campaign"
    verbose_name = _("Campaign")

    def ready(self):
        from django.db.models.signals import post_migrate

        from campaign import emails
        from campaign.permissions import grant_programme_team

        emails.register_outbox_kinds()
        post_migrate.connect(grant_programme_team, sender=self, dispatch_uid="campaign_grant_programme_team")
