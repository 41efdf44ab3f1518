"""Wagtail's update_index, followed by a rebuild of the search page's own documents (and their
Elasticsearch index when ELASTICSEARCH_URL is set). This app comes before wagtail.search in
INSTALLED_APPS, so this command is the one `manage.py update_index` runs."""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndexCommand

from search import indexing


class Command(WagtailUpdateIndexCommand):
    def handle(self, **options):
        super().handle(**options)
        if options.get("schema_only"):
            return
        count = indexing.rebuild()
        if options["verbosity"] > 0:
            self.stdout.write(f"Search documents rebuilt: {count}")
