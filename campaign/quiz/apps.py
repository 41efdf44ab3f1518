from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizConfig(AppConfig):
    name = "campaign.quiz"
    label = "campaign_quiz"
    verbose_name = _("Questionnaires")
