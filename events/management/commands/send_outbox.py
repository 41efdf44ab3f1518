from django.core.management.base import BaseCommand

from events.outbox import send_due


class Command(BaseCommand):
    help = "Send outbox emails that are due (new, or failed and ready for a retry). Safe to run from cron."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Send at most this many mails in one run.")

    def handle(self, *args, limit=500, **options):
        counts = send_due(limit=limit)
        # Only what this run did: a mail another worker sent meanwhile is not counted.
        self.stdout.write(
            f"Outbox: {counts['sent']} sent, {counts['failed']} failed (will be retried), "
            f"{counts['gave_up']} failed for good."
        )
