from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = "Rebuild the search page's documents (and its Elasticsearch index when configured) from public content."

    def handle(self, *args, **options):
        count = indexing.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search documents rebuilt: {count}"))
