from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostersConfig(AppConfig):
    name = "campaign.posters"
    label = "campaign_posters"
    verbose_name = _("Poster maker")
