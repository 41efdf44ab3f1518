from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpeditionsConfig(AppConfig):
    name = "expeditions"
    verbose_name = _("Expedities Nieuwe Gezichten")
