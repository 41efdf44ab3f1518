from django.core.management.base import BaseCommand, CommandError

from core.text import is_plain_number
from tips.importing import ImportFailed, import_tips
from tips.models import TipCollectionPage


class Command(BaseCommand):
    help = "Import tips from an .xlsx or .csv file into a tip collection (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the .xlsx or .csv file.")
        parser.add_argument("--collection", required=True, help="Slug (or id) of the tip collection page.")
        parser.add_argument(
            "--replace", action="store_true", help="Replace all tips of the collection instead of adding to them."
        )

    def handle(self, *args, file, collection, replace=False, **options):
        collections = TipCollectionPage.objects.filter(slug=collection)
        if is_plain_number(collection):
            collections = collections | TipCollectionPage.objects.filter(pk=int(collection))
        matches = list(collections[:2])
        if not matches:
            raise CommandError(f"No tip collection with slug or id '{collection}'.")
        if len(matches) > 1:
            raise CommandError(f"Several tip collections have the slug '{collection}'; use the page id instead.")
        try:
            result = import_tips(matches[0], file, file, replace=replace)
        except FileNotFoundError as exc:
            raise CommandError(f"File not found: {file}") from exc
        except ImportFailed as failure:
            for error in failure.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(failure.errors)} error(s).") from failure
        if result.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(result.ignored_columns)}")
        self.stdout.write(self.style.SUCCESS(str(result)))
