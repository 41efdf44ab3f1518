from django.conf import settings
from django.core.management.base import BaseCommand

from search.models import QueryLog


class Command(BaseCommand):
    help = "Delete anonymous search query counts older than SEARCH_QUERY_LOG_RETENTION_DAYS (run daily)."

    def handle(self, *args, **options):
        deleted, _ = QueryLog.objects.expired().delete()
        days = settings.SEARCH_QUERY_LOG_RETENTION_DAYS
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} query log rows older than {days} days."))
