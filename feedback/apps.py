from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    label = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from feedback import evaluations

        evaluations.register()
