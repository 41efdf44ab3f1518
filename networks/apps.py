from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Inclusion networks of municipalities: members, Lokale Inclusie Agenda, meetings and matching."""

    name = "networks"
    verbose_name = _("Inclusion networks")

    def ready(self):
        from . import signals

        post_migrate.connect(signals.set_up_after_migrate, sender=self)
