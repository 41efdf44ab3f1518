from django.core.management.base import BaseCommand

from events.registrations import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder with the meeting link one working day before each event, of every section. "
        "Never sends a reminder twice: safe to run every few minutes from cron."
    )

    def handle(self, *args, **options):
        count = send_due_reminders()
        self.stdout.write(f"Reminders queued: {count}.")
