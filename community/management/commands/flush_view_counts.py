from django.core.management.base import BaseCommand

from community.reactions import flush_view_counts


class Command(BaseCommand):
    help = "Adds the page and tip views counted in the cache to the view counts in the database."

    def handle(self, *args, **options):
        views = flush_view_counts()
        self.stdout.write(f"{views} views written.")
