from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeBoostConfig(AppConfig):
    name = "knowledgeboost"
    verbose_name = _("Kennisboostweken")

    def ready(self):
        from wagtail.signals import page_published

        from knowledgeboost.signals import session_published

        page_published.connect(session_published, dispatch_uid="knowledgeboost_session_published")
