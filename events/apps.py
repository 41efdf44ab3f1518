from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The shared event engine and email outbox; sections build their events on it."""

    name = "events"
    verbose_name = _("Events and email")

    def ready(self):
        from core import caching
        from events import places

        # Every process that serves cached pages fills their places, including one that has rendered none yet.
        caching.register_live_loader(places.KIND, places.load_places)
