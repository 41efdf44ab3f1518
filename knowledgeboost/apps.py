from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class KnowledgeBoostConfig(AppConfig):
    name = "knowledgeboost"
    verbose_name = _("Kennisboostweken")

    def ready(self):
        from wagtail.signals import page_published

        from events import registry
        from knowledgeboost.forms import SessionRegistrationForm
        from knowledgeboost.models import KnowledgeBoostIndexPage, Registration, SessionPage
        from knowledgeboost.signals import index_page_created, session_published, set_up_organisers_after_migrate

        registry.register(
            SessionPage,
            Registration,
            event_field="session",
            cancel_url_name="knowledgeboost:cancel",
            form_class=SessionRegistrationForm,
        )
        page_published.connect(session_published, dispatch_uid="knowledgeboost_session_published")
        post_migrate.connect(set_up_organisers_after_migrate, sender=self)
        post_save.connect(
            index_page_created, sender=KnowledgeBoostIndexPage, dispatch_uid="knowledgeboost_index_page_created"
        )

        from django.utils.text import capfirst

        from core import content_registry

        # Upcoming sessions only, soonest first; a session counts until it has ended.
        content_registry.register(
            content_registry.ContentKind(
                key="sessions",
                label=capfirst(SessionPage._meta.verbose_name_plural),
                label_singular=capfirst(SessionPage._meta.verbose_name),
                model=SessionPage,
                date_field="start",
                end_field="end",
                upcoming=True,
                order=10,
            )
        )
