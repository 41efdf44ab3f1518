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

        from django.utils.text import capfirst

        from core import content_registry

        from .models import InclusionAgendaPage

        # Upcoming meetings only, soonest first; a meeting counts until it has ended.
        content_registry.register(
            content_registry.ContentKind(
                key="meetings",
                label=capfirst(NetworkMeetingPage._meta.verbose_name_plural),
                label_singular=capfirst(NetworkMeetingPage._meta.verbose_name),
                model=NetworkMeetingPage,
                date_field="start",
                end_field="end",
                upcoming=True,
                order=15,
            )
        )
        # Lokale Inclusie Agenda's; shown with their presentation or adoption date when they have one.
        content_registry.register(
            content_registry.ContentKind(
                key="agendas",
                label=capfirst(InclusionAgendaPage._meta.verbose_name_plural),
                label_singular=capfirst(InclusionAgendaPage._meta.verbose_name),
                model=InclusionAgendaPage,
                date_attr="search_result_date",
                for_listing=lambda qs: qs.select_related("municipality", "listing_image"),
                order=60,
            )
        )
