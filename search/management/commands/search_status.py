from django.core.management.base import BaseCommand
from django.db.models import Count

from search.engines import elasticsearch
from search.engines.base import SearchParams
from search.engines.database import DatabaseEngine
from search.models import SearchDocument
from search.service import type_label


class Command(BaseCommand):
    help = "Show the active search backend, whether it answers, and how many objects of each type are indexed."

    def handle(self, *args, **options):
        if elasticsearch.is_configured():
            self.stdout.write(f"Active backend: Elasticsearch ({elasticsearch.index_name()}), database as fallback")
            try:
                engine = elasticsearch.ElasticsearchEngine()
                count = engine.client.count(index=elasticsearch.index_name())["count"]
                self.stdout.write(self.style.SUCCESS(f"Elasticsearch answers: {count} documents indexed"))
            except Exception as error:  # noqa: BLE001 - report, do not crash
                self.stdout.write(self.style.ERROR(f"Elasticsearch does not answer: {error.__class__.__name__}"))
        engine = DatabaseEngine()
        self.stdout.write(f"Database engine: {engine.vendor} ({'FTS5' if engine.vendor == 'sqlite' else 'full text'})")
        try:
            engine.search(SearchParams(query="vrijwilliger"), limit=1)
            self.stdout.write(self.style.SUCCESS("Database search answers"))
        except Exception as error:  # noqa: BLE001
            self.stdout.write(self.style.ERROR(f"Database search does not answer: {error}"))
        rows = SearchDocument.objects.values("type_key").annotate(n=Count("id")).order_by("type_key")
        total = 0
        for row in rows:
            total += row["n"]
            self.stdout.write(f"  {type_label(row['type_key'])} ({row['type_key']}): {row['n']}")
        self.stdout.write(f"Indexed objects in total: {total}")
