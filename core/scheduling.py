"""Periodic jobs: the schedule's jobs, when they are due, and running one under its database lock.

The schedule lives in core/schedule.py. One process (`manage.py run_scheduler`) sleeps until the next job is
due and runs it in-process with `call_command`; `manage.py jobs` shows the state and runs one job by hand
through the same lock. The job's row (core.models.ScheduledJob) is claimed with a single conditional
UPDATE, which both SQLite and PostgreSQL apply atomically: of two processes that try at the same moment,
one updates the row and the other finds it taken.
"""

import io
import os
import socket
import threading
import time
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from croniter import croniter
from django.core.management import call_command, get_commands
from django.db import DatabaseError, close_old_connections, connection
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from core.models import ScheduledJob

DEFAULT_SCHEDULE = "core.schedule.SCHEDULE"
MAX_TEXT = 4000  # characters of a run's output and error text that are kept
RETRY_WHEN_TAKEN = timedelta(seconds=30)  # a due job another process holds is tried again after this
MAX_SLEEP = 60  # seconds; the scheduler re-reads the state at least this often


@dataclass(frozen=True)
class Job:
    """A management command on a cron schedule (minute hour day month weekday, in TIME_ZONE).

    `lease` is how long a process may hold the job without renewing it: while the job runs the lease is
    renewed every third of it, so only a process that died lets it expire. `enabled` (optional) says
    whether the job applies to this installation; the scheduler leaves it alone otherwise.
    """

    name: str
    cron: str
    command: str = ""
    args: tuple = ()
    description: str = ""
    lease: timedelta = timedelta(minutes=5)
    enabled: object = field(default=None, compare=False)

    def __post_init__(self):
        if not self.command:
            object.__setattr__(self, "command", self.name)
        if not croniter.is_valid(self.cron):
            raise ValueError(f"Job {self.name!r}: invalid cron expression {self.cron!r}")

    def is_enabled(self):
        return self.enabled is None or bool(self.enabled())

    def next_after(self, moment):
        """The first scheduled time after `moment` (aware), in local time."""
        return croniter(self.cron, timezone.localtime(moment)).get_next(datetime)

    def latest_at_or_before(self, moment):
        """The last scheduled time at or before `moment`."""
        local = timezone.localtime(moment)
        slot = croniter(self.cron, local + timedelta(seconds=1)).get_prev(datetime)
        return slot if slot <= local else croniter(self.cron, slot).get_prev(datetime)

    def due_slot(self, state, now):
        """The scheduled time this job is due for at `now`, or None.

        Counting from its last scheduled run (or from when the job was first seen), slots missed while no
        scheduler ran are folded into one run for the latest of them.
        """
        since = state.last_slot or state.created_at
        if self.next_after(since) > now:
            return None
        return self.latest_at_or_before(now)

    def next_run(self, state, now=None):
        """When the scheduler will run this job next (now, if it is overdue)."""
        now = now or timezone.now()
        if state is None:
            return self.next_after(now)
        return self.due_slot(state, now) or self.next_after(state.last_slot or state.created_at)


def load_schedule(path=DEFAULT_SCHEDULE):
    """The jobs of the schedule at dotted `path`; names must be unique."""
    jobs = list(import_string(path))
    names = [job.name for job in jobs]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"Duplicate job names in {path}: {', '.join(sorted(duplicates))}")
    return jobs


def missing_commands(jobs):
    """Names of scheduled commands that no installed app provides."""
    commands = get_commands()
    return sorted({job.command for job in jobs} - set(commands))


def ensure_rows(jobs):
    """Create the state row of every job that has none yet (safe when several processes do it at once)."""
    ScheduledJob.objects.bulk_create([ScheduledJob(name=job.name) for job in jobs], ignore_conflicts=True)


def states(jobs):
    return {state.name: state for state in ScheduledJob.objects.filter(name__in=[job.name for job in jobs])}


def process_id():
    """Who runs a job: host name and process id."""
    return f"{socket.gethostname()} (pid {os.getpid()})"


@dataclass
class RunResult:
    job: Job
    ran: bool  # False: another process held the job (or its slot had run already)
    outcome: str = ""
    output: str = ""
    error: str = ""
    duration: timedelta | None = None
    holder: str = ""  # who held the job when it did not run


def claim(job, *, slot=None, trigger=ScheduledJob.Trigger.SCHEDULE):
    """Take the job's lock and mark the run as started; returns the lock token, or None if it is taken.

    With `slot`, the claim also fails when that scheduled time has run already (by another scheduler).
    """
    now = timezone.now()
    token = f"{process_id()} {os.urandom(4).hex()}"
    free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
    rows = ScheduledJob.objects.filter(free, name=job.name)
    changes = {
        "locked_until": now + job.lease,
        "locked_by": token,
        "last_started_at": now,
        "last_finished_at": None,
        "last_outcome": ScheduledJob.Outcome.RUNNING,
        "last_error": "",
        "last_output": "",
        "last_run_by": process_id(),
        "last_trigger": trigger,
    }
    if slot is not None:
        rows = rows.filter(Q(last_slot__isnull=True) | Q(last_slot__lt=slot))
        changes["last_slot"] = slot
    return token if rows.update(**changes) == 1 else None


def _renew_lease(job, token, stop):
    """Keep the lease of a running job (a thread of its own, with its own database connection)."""
    interval = max(job.lease.total_seconds() / 3, 1)
    try:
        while not stop.wait(interval):
            try:
                renewed = timezone.now() + job.lease
                ScheduledJob.objects.filter(name=job.name, locked_by=token).update(locked_until=renewed)
            except DatabaseError:  # busy (SQLite: the job holds the write lock) or away: try again next time
                connection.close()
    finally:
        connection.close()


def refresh_connection():
    """Drop a database connection that has gone stale, as Django does around each request: the scheduler runs
    for weeks. Never inside a transaction (where Django would close a healthy one)."""
    if not connection.in_atomic_block:
        close_old_connections()


def run_job(job, *, slot=None, trigger=ScheduledJob.Trigger.SCHEDULE):
    """Run `job` now if no other process holds it; records the run and never raises for the job's errors."""
    refresh_connection()
    ensure_rows([job])
    token = claim(job, slot=slot, trigger=trigger)
    if token is None:
        holder = ScheduledJob.objects.filter(name=job.name).values_list("last_run_by", flat=True).first()
        return RunResult(job, ran=False, holder=holder or "")
    stop = threading.Event()
    renewer = threading.Thread(target=_renew_lease, args=(job, token, stop), daemon=True)
    renewer.start()
    output = io.StringIO()
    started = time.monotonic()
    error = ""
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
    except (Exception, SystemExit):  # a job's failure is recorded; the next jobs still run
        error = traceback.format_exc()[-MAX_TEXT:]
    finally:
        stop.set()
        renewer.join()
    duration = timedelta(seconds=time.monotonic() - started)
    outcome = ScheduledJob.Outcome.FAILED if error else ScheduledJob.Outcome.SUCCEEDED
    refresh_connection()  # the job may have taken long
    finished = timezone.now()
    changes = {
        "locked_until": None,
        "locked_by": "",
        "last_finished_at": finished,
        "last_outcome": outcome,
        "last_error": error,
        "last_output": output.getvalue()[-MAX_TEXT:],
    }
    if not error:
        changes["last_success_at"] = finished
    ScheduledJob.objects.filter(name=job.name, locked_by=token).update(**changes)
    return RunResult(job, ran=True, outcome=outcome, output=output.getvalue(), error=error, duration=duration)


class Scheduler:
    """Runs the due jobs of `jobs`, one at a time, until `stop` is set (finishing the job it is running)."""

    def __init__(self, jobs, *, report=None, stop=None):
        self.jobs = jobs
        self.report = report or (lambda result: None)
        self.stop = stop or threading.Event()
        self.not_before = {}  # job name -> when to try again after another process held it

    def run_due(self, now=None):
        """Run every job that is due now; returns the results."""
        now = now or timezone.now()
        current = states(self.jobs)
        due = []
        for job in self.jobs:
            state = current.get(job.name)
            if state is None or not job.is_enabled() or self.not_before.get(job.name, now) > now:
                continue
            slot = job.due_slot(state, now)
            if slot is not None:
                due.append((slot, job))
        results = []
        for slot, job in sorted(due, key=lambda item: item[0]):
            if self.stop.is_set():
                break
            result = run_job(job, slot=slot)
            if not result.ran:
                self.not_before[job.name] = timezone.now() + RETRY_WHEN_TAKEN
            results.append(result)
            self.report(result)
        return results

    def seconds_until_next(self, now=None):
        now = now or timezone.now()
        current = states(self.jobs)
        upcoming = [
            max(job.next_run(current.get(job.name), now), self.not_before.get(job.name, now))
            for job in self.jobs
            if job.is_enabled()
        ]
        if not upcoming:
            return MAX_SLEEP
        return min(max((min(upcoming) - now).total_seconds(), 0), MAX_SLEEP)

    def run_forever(self, on_error=None):
        rows_ready = False
        while not self.stop.is_set():
            try:
                if not rows_ready:
                    ensure_rows(self.jobs)
                    rows_ready = True
                self.run_due()
                wait = self.seconds_until_next()
            except Exception:  # the database may be away for a while: try again later
                if on_error:
                    on_error(traceback.format_exc())
                refresh_connection()
                wait = RETRY_WHEN_TAKEN.total_seconds()
            self.stop.wait(wait)
