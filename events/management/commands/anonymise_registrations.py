from django.core.management.base import BaseCommand

from events import conf
from events.registrations import anonymise_ended


class Command(BaseCommand):
    help = (
        "Remove personal data from registrations (and their emails) of events of every section that ended "
        "long enough ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Events that ended more than this many days ago (default: EVENTS_ANONYMISE_AFTER_DAYS, 90).",
        )

    def handle(self, *args, days=None, **options):
        days = conf.anonymise_after_days() if days is None else days
        count = anonymise_ended(days=days)
        self.stdout.write(f"Anonymised {count} registrations of events that ended more than {days} days ago.")
