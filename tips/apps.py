from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "tips"
    verbose_name = _("Tips")

    def ready(self):
        from django.utils.text import capfirst

        from core import content_registry
        from tips.models import Tip

        # Tips are not pages: the public ones are those of live, public collections; their date is the
        # collection's (its occasion date, else its first publication).
        content_registry.register(
            content_registry.ContentKind(
                key="tips",
                label=capfirst(Tip._meta.verbose_name_plural),
                label_singular=capfirst(Tip._meta.verbose_name),
                model=Tip,
                queryset=lambda: Tip.objects.public(),
                date_field="page__first_published_at",
                date_attr="date",
                for_listing=lambda qs: qs.select_related("page"),
                order=30,
            )
        )
