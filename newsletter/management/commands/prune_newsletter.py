from django.core.management.base import BaseCommand

from newsletter import subscriptions


class Command(BaseCommand):
    help = "Deletes what the newsletter no longer needs: old unsubscription hashes and requests never confirmed."

    def handle(self, *args, **options):
        hashes, requests = subscriptions.prune()
        self.stdout.write(f"Deleted {hashes} unsubscription hashes and {requests} unconfirmed requests.")
