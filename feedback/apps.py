from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    label = "feedback"
    verbose_name = _("Feedback")

    def ready(self):
        from django.db.models.signals import post_migrate

        from feedback import evaluations
        from feedback.permissions import grant_readers

        evaluations.register()
        post_migrate.connect(grant_readers, sender=self, dispatch_uid="feedback_grant_readers")
