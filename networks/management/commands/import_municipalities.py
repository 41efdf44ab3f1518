from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from networks.importing import MAX_ERRORS_SHOWN, ImportFailed, import_municipalities


class Command(BaseCommand):
    help = (
        "Add and update municipalities from a CSV file (columns cbs_code, naam, provincie, inwoners, website), "
        "keyed by CBS code. All or nothing: with any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Path of the CSV file, UTF-8, separator , or ;")

    def handle(self, *args, csv_file, **options):
        with translation.override("nl"):
            try:
                result = import_municipalities(csv_file)
            except ImportFailed as failure:
                lines = failure.errors[:MAX_ERRORS_SHOWN]
                if len(failure.errors) > MAX_ERRORS_SHOWN:
                    lines.append(_("… and %(count)d more errors.") % {"count": len(failure.errors) - MAX_ERRORS_SHOWN})
                lines.append(_("Nothing was imported."))
                raise CommandError("\n".join(lines)) from None
            for name in result.added:
                self.stdout.write(_("Added: %(name)s") % {"name": name})
            for name in result.updated:
                self.stdout.write(_("Updated: %(name)s") % {"name": name})
            self.stdout.write(self.style.SUCCESS(result.summary()))
