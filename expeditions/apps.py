from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExpeditionsConfig(AppConfig):
    name = "expeditions"
    verbose_name = _("Expedities Nieuwe Gezichten")

    def ready(self):
        from . import signals

        post_migrate.connect(signals.set_up_groups_after_migrate, sender=self)
