from django.core.management.base import BaseCommand

from newsletter import sending


class Command(BaseCommand):
    help = "Sends the newsletter issues that are being sent to the subscribers who did not get them yet, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=sending.BATCH_SIZE)

    def handle(self, *args, batch_size, **options):
        handled = sending.send_pending(batch_size=max(1, batch_size))
        for issue_id, count in handled.items():
            self.stdout.write(f"Issue {issue_id}: {count} subscribers handled")
        if not handled:
            self.stdout.write("No issue is being sent.")
