from events.management.commands.send_event_reminders import Command as SendEventReminders


class Command(SendEventReminders):
    help = "Old name of send_event_reminders (reminders of every section's events), kept for existing crontabs."
