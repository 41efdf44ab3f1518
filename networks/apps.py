from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Inclusion networks of municipalities: members, Lokale Inclusie Agenda, meetings and matching."""

    name = "networks"
    verbose_name = _("Inclusion networks")

    def ready(self):
        from wagtail.signals import page_published

        from events import registry

        from . import signals
        from .models import NetworkMeetingPage, NetworkMeetingRegistration

        registry.register(
            NetworkMeetingPage, NetworkMeetingRegistration, event_field="meeting", cancel_url_name="networks:cancel"
        )
        page_published.connect(signals.meeting_published, dispatch_uid="networks_meeting_published")
        post_migrate.connect(signals.set_up_after_migrate, sender=self)
