from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The shared event engine and email outbox; sections build their events on it."""

    name = "events"
    verbose_name = _("Events and email")
