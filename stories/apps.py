from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from django.utils.text import capfirst

        from core import content_registry
        from stories.models import StoryPage

        content_registry.register(
            content_registry.ContentKind(
                key="stories",
                label=capfirst(StoryPage._meta.verbose_name_plural),
                label_singular=capfirst(StoryPage._meta.verbose_name),
                model=StoryPage,
                order=40,
            )
        )
