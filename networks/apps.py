from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Inclusion networks of municipalities: members, Lokale Inclusie Agenda, meetings and matching."""

    name = "networks"
    verbose_name = _("Inclusion networks")
