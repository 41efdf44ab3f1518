import signal
import threading

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.scheduling import DEFAULT_SCHEDULE, Scheduler, load_schedule, missing_commands, process_id


class Command(BaseCommand):
    help = (
        "Run the periodic jobs of the schedule (core/schedule.py) in one process until it receives SIGTERM or "
        "SIGINT; a job that is running then is finished first. Run one per installation (a second one is "
        "harmless: each job runs once per scheduled time)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", default=DEFAULT_SCHEDULE, help="Dotted path of the list of jobs.")

    def handle(self, *args, schedule=DEFAULT_SCHEDULE, **options):
        jobs = load_schedule(schedule)
        for command in missing_commands(jobs):
            self.say(self.style.WARNING(f"No management command {command!r}: its job will fail."))
        stop = threading.Event()
        received = []

        def request_stop(signum, frame):
            received.append(signal.Signals(signum).name)  # no output here: the main thread may be writing
            # Set the event from a thread: the main thread may hold the event's lock at this moment.
            threading.Thread(target=stop.set).start()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        names = ", ".join(f"{job.name} ({job.cron})" for job in jobs if job.is_enabled())
        self.say(f"Scheduler started on {process_id()}: {names}.")
        Scheduler(jobs, report=self.report, stop=stop).run_forever(on_error=self.database_error)
        self.say(f"Scheduler stopped ({', '.join(received) or 'done'}).")

    def say(self, message):
        self.stdout.write(message)
        self.stdout.flush()  # a line at a time in container logs

    def report(self, result):
        when = timezone.localtime().strftime("%Y-%m-%d %H:%M:%S")
        if not result.ran:
            self.say(f"{when} {result.job.name}: not run, held by {result.holder or 'another process'}.")
            return
        seconds = result.duration.total_seconds()
        text = (result.error or result.output).strip().splitlines()
        last_line = f": {text[-1]}" if text else ""
        self.say(f"{when} {result.job.name}: {result.outcome} in {seconds:.1f} s{last_line}")

    def database_error(self, text):
        self.say(self.style.ERROR(f"Scheduler could not read the job states, retrying in 30 s:\n{text}"))
