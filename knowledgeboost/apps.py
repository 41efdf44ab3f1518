from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeBoostConfig(AppConfig):
    name = "knowledgeboost"
    verbose_name = _("Kennisboostweken")
