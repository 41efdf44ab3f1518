from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.models import ScheduledJob
from core.scheduling import DEFAULT_SCHEDULE, load_schedule, run_job, states


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else "-"


class Command(BaseCommand):
    help = (
        "List the periodic jobs: schedule, next run and how the last run went. "
        "With --run NAME, run one job now (not while another process runs it)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--run", metavar="NAME", help="Run this job now and report the outcome.")
        parser.add_argument("--schedule", default=DEFAULT_SCHEDULE, help="Dotted path of the list of jobs.")

    def handle(self, *args, run=None, schedule=DEFAULT_SCHEDULE, **options):
        jobs = load_schedule(schedule)
        if run:
            self.run_one(jobs, run)
        else:
            self.list_jobs(jobs)

    def run_one(self, jobs, name):
        job = next((job for job in jobs if job.name == name), None)
        if job is None:
            raise CommandError(f"No job {name!r}. Jobs: {', '.join(job.name for job in jobs)}.")
        result = run_job(job, trigger=ScheduledJob.Trigger.MANUAL)
        if not result.ran:
            raise CommandError(f"{name} is running already ({result.holder}); try again when it has finished.")
        self.stdout.write(result.output, ending="")
        if result.error:
            raise CommandError(f"{name} failed after {result.duration.total_seconds():.1f} s:\n{result.error}")
        self.stdout.write(self.style.SUCCESS(f"{name} succeeded in {result.duration.total_seconds():.1f} s."))

    def list_jobs(self, jobs):
        current = states(jobs)
        now = timezone.now()
        rows = [("Job", "Schedule", "Next run", "Last run", "Duration", "Outcome", "Run by")]
        failures = []
        for job in jobs:
            state = current.get(job.name)
            next_run = local(job.next_run(state, now)) if job.is_enabled() else "off"
            if state is None or not state.last_started_at:
                rows.append((job.name, job.cron, next_run, "never", "-", "-", "-"))
                continue
            duration = f"{state.duration.total_seconds():.1f} s" if state.duration else "-"
            outcome = "interrupted" if state.interrupted else state.last_outcome
            rows.append(
                (job.name, job.cron, next_run, local(state.last_started_at), duration, outcome, state.last_run_by)
            )
            if state.last_error:
                failures.append((job.name, state.last_error.strip().splitlines()[-1]))
        widths = [max(len(str(row[column])) for row in rows) for column in range(len(rows[0]))]
        for row in rows:
            cells = (str(value).ljust(width) for value, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
        for name, line in failures:
            self.stdout.write(self.style.ERROR(f"{name}: {line}"))
