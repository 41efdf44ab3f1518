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
