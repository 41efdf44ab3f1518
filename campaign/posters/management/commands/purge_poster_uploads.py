from django.core.management.base import BaseCommand

from campaign.posters.uploads import purge


class Command(BaseCommand):
    help = "Deletes the poster maker's uploaded photos and logos older than POSTER_UPLOAD_LIFETIME (two hours)."

    def handle(self, *args, **options):
        count = purge()
        self.stdout.write(f"{count} poster upload(s) deleted.")
