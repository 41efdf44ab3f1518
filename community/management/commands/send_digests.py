from django.core.management.base import BaseCommand

from community.digests import send_digests


class Command(BaseCommand):
    help = (
        "Queues the daily and weekly digests of notifications that are due (after 07:00; weekly on Monday). "
        "Safe to run every few minutes, also twice at once: no item is ever mailed twice."
    )

    def handle(self, *args, **options):
        queued = send_digests()
        self.stdout.write(f"Digests queued: {queued['daily']} daily, {queued['weekly']} weekly.")
