from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ExpeditionsConfig(AppConfig):
    name = "expeditions"
    verbose_name = _("Expedities Nieuwe Gezichten")

    def ready(self):
        from django.utils.text import capfirst

        from core import content_registry

        from . import signals
        from .models import ExpeditionPage, LessonPage

        post_migrate.connect(signals.set_up_groups_after_migrate, sender=self)
        content_registry.register(
            content_registry.ContentKind(
                key="lessons",
                label=capfirst(LessonPage._meta.verbose_name_plural),
                label_singular=capfirst(LessonPage._meta.verbose_name),
                model=LessonPage,
                date_field="date",
                for_listing=lambda qs: qs.select_related("expedition", "listing_image"),
                order=20,
            )
        )
        content_registry.register(
            content_registry.ContentKind(
                key="expeditions",
                label=capfirst(ExpeditionPage._meta.verbose_name_plural),
                label_singular=capfirst(ExpeditionPage._meta.verbose_name),
                model=ExpeditionPage,
                date_field="start_date",
                order=70,
            )
        )
