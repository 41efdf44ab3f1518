from django.core.management.base import BaseCommand

from feedback.evaluations import send_due


class Command(BaseCommand):
    help = (
        "Queue the evaluation mail for participants of events (Kennisboostweken sessions, network meetings) that "
        "ended a day ago. Each registration gets at most one: safe to run often, also twice at the same time."
    )

    def handle(self, *args, **options):
        count = send_due()
        self.stdout.write(f"Evaluation mails queued: {count}.")
