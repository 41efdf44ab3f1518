"""The periodic jobs: the schedule, when a job is due, runs recorded with their outcome, a job that is running
elsewhere not run again (two real processes at once, on SQLite and PostgreSQL), SIGTERM, the status command and
the admin report.

For PostgreSQL: ``DATABASE_URL=postgres://… pytest tests/core/test_scheduler.py``.
"""

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from core.factories import UserFactory
from core.models import ScheduledJob
from core.schedule import SCHEDULE
from core.scheduling import Job, Scheduler, claim, load_schedule, missing_commands, run_job
from tests import servers

THIS_MODULE = "tests.core.test_scheduler"


def python_job(name, cron, code, **options):
    """A job whose body is Python code (through Django's `shell -c`), for the tests' own schedules."""
    return Job(name, cron, command="shell", args=("-c", code), **options)


# Bodies of the jobs the processes below run: they write to the file named by SCHEDULER_TEST_LOG.
SLOW_BODY = """
import os, time
log = open(os.environ["SCHEDULER_TEST_LOG"], "a")
log.write(f"started {os.getpid()}\\n"); log.flush()
time.sleep(float(os.environ.get("SCHEDULER_TEST_SLEEP", "2")))
log.write(f"finished {os.getpid()}\\n"); log.close()
"""
TICK_BODY = """
import os
from core.models import ScheduledJob
slot = ScheduledJob.objects.get(name="tick").last_slot
with open(os.environ["SCHEDULER_TEST_LOG"], "a") as log:
    log.write(f"{slot.isoformat()} {os.getpid()}\\n")
"""
PROCESS_JOBS = [
    python_job("slow", "* * * * * *", SLOW_BODY),  # croniter's sixth field: seconds (every second)
    python_job("tick", "* * * * * */2", TICK_BODY),  # every 2 seconds
]
SLOW_JOBS = [PROCESS_JOBS[0]]
HELD_JOBS = [python_job("held", "0 4 * * *", SLOW_BODY, lease=timedelta(seconds=2))]
TICK_JOBS = [PROCESS_JOBS[1]]
TWICE = [*TICK_JOBS, *TICK_JOBS]
FAILING = python_job("broken", "0 3 * * *", "raise RuntimeError('mail server unreachable')")
PRUNE = next(job for job in SCHEDULE if job.name == "prune_search_logs")


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# The schedule


def test_the_schedule_loads_and_every_scheduled_command_exists():
    jobs = load_schedule()
    assert {job.name for job in jobs} >= {
        "send_outbox",
        "send_event_reminders",
        "anonymise_registrations",
        "prune_search_logs",
        "prune_db_task_results",
        "clearsessions",
    }
    assert missing_commands(jobs) == []


def test_an_invalid_expression_a_name_twice_or_an_unknown_command_is_found():
    with pytest.raises(ValueError, match="invalid cron"):
        Job("typo", "61 * * * *")
    with pytest.raises(ValueError, match="Duplicate job names in tests.core.test_scheduler.TWICE: tick"):
        load_schedule(f"{THIS_MODULE}.TWICE")
    assert missing_commands([Job("nope", "* * * * *", command="no_such_command")]) == ["no_such_command"]


# When a job is due


def test_a_job_is_due_at_its_first_scheduled_time_after_it_was_first_seen():
    job = Job("outbox", "*/5 * * * *", command="send_outbox")
    state = ScheduledJob(name="outbox", created_at=at("2026-11-30 10:02:10"))
    assert job.due_slot(state, at("2026-11-30 10:04:59")) is None
    assert job.next_run(state, at("2026-11-30 10:04:59")) == at("2026-11-30 10:05:00")
    assert job.due_slot(state, at("2026-11-30 10:05:00")) == at("2026-11-30 10:05:00")
    state.last_slot = at("2026-11-30 10:05:00")
    assert job.due_slot(state, at("2026-11-30 10:09:00")) is None


def test_missed_runs_are_folded_into_one_run_for_the_latest_time():
    job = Job("outbox", "*/5 * * * *", command="send_outbox")
    state = ScheduledJob(name="outbox", created_at=at("2026-11-30 08:00:00"), last_slot=at("2026-11-30 10:05:00"))
    assert job.due_slot(state, at("2026-11-30 11:13:00")) == at("2026-11-30 11:10:00")


def test_daily_jobs_run_at_the_same_dutch_time_in_winter_and_summer():
    job = Job("anonymise", "30 3 * * *", command="anonymise_registrations")
    assert job.next_after(at("2026-12-01 12:00:00")) == at("2026-12-02 02:30:00")  # CET, UTC+1
    assert job.next_after(at("2026-07-01 12:00:00")) == at("2026-07-02 01:30:00")  # CEST, UTC+2


# Runs recorded


@pytest.mark.django_db
def test_a_run_is_recorded_with_its_outcome_output_and_who_ran_it():
    result = run_job(PRUNE)
    state = ScheduledJob.objects.get(name="prune_search_logs")
    assert result.ran and state.last_outcome == ScheduledJob.Outcome.SUCCEEDED
    assert "Deleted 0 query log rows" in state.last_output
    assert state.last_started_at <= state.last_finished_at == state.last_success_at
    assert state.duration is not None and str(os.getpid()) in state.last_run_by
    assert state.last_trigger == ScheduledJob.Trigger.SCHEDULE
    assert not state.is_running and state.locked_by == ""


@pytest.mark.django_db
def test_a_failing_job_records_its_error_and_the_next_jobs_still_run():
    now = at("2026-11-30 12:00:00")
    ScheduledJob.objects.create(name="broken")
    ScheduledJob.objects.create(name="prune_search_logs")
    ScheduledJob.objects.update(created_at=now - timedelta(days=2))  # both are due: broken at 03:00, prune at 03:45

    results = Scheduler([PRUNE, FAILING]).run_due(now)

    assert [(result.job.name, result.outcome) for result in results] == [
        ("broken", "failed"),
        ("prune_search_logs", "succeeded"),
    ]
    broken = ScheduledJob.objects.get(name="broken")
    assert "RuntimeError: mail server unreachable" in broken.last_error
    assert broken.last_success_at is None and not broken.is_running
    assert ScheduledJob.objects.get(name="prune_search_logs").last_outcome == "succeeded"


@pytest.mark.django_db
def test_a_job_another_process_holds_does_not_run_until_its_lease_expires():
    ScheduledJob.objects.create(
        name="prune_search_logs", locked_until=timezone.now() + timedelta(minutes=2), last_run_by="web-2 (pid 7)"
    )
    result = run_job(PRUNE)
    assert not result.ran and result.holder == "web-2 (pid 7)"
    assert ScheduledJob.objects.get(name="prune_search_logs").last_outcome == ""

    # The holder died: its lease expires and the job runs again.
    ScheduledJob.objects.update(locked_until=timezone.now() - timedelta(seconds=1), last_outcome="running")
    assert ScheduledJob.objects.get().interrupted
    assert run_job(PRUNE).ran


@pytest.mark.django_db
def test_each_scheduled_time_runs_once():
    slot = at("2026-11-30 10:05:00")
    assert run_job(PRUNE, slot=slot).ran
    assert not run_job(PRUNE, slot=slot).ran  # a second scheduler, after the first one finished
    assert claim(PRUNE, slot=slot + timedelta(days=1)) is not None


# The status command


@pytest.mark.django_db
def test_the_status_command_lists_schedule_next_and_last_run(monkeypatch):
    monkeypatch.setattr("core.schedule.SCHEDULE", [*SCHEDULE, FAILING])
    run_job(PRUNE)
    run_job(FAILING)
    output = io.StringIO()
    call_command("jobs", stdout=output)
    lines = {line.split()[0]: line for line in output.getvalue().splitlines() if line.strip()}

    assert "*/5 * * * *" in lines["send_outbox"] and "never" in lines["send_outbox"]
    assert "succeeded" in lines["prune_search_logs"] and f"pid {os.getpid()}" in lines["prune_search_logs"]
    assert "failed" in lines["broken"]
    assert "RuntimeError: mail server unreachable" in lines["broken:"]
    # Next run of a daily job: tomorrow or today at 03:45 Dutch time.
    assert " 03:45 " in lines["prune_search_logs"]


@pytest.mark.django_db
def test_the_status_command_runs_one_job_by_hand():
    output = io.StringIO()
    call_command("jobs", run="prune_search_logs", stdout=output)
    assert "Deleted 0 query log rows" in output.getvalue() and "prune_search_logs succeeded" in output.getvalue()
    assert ScheduledJob.objects.get(name="prune_search_logs").last_trigger == ScheduledJob.Trigger.MANUAL
    with pytest.raises(CommandError, match="No job 'prune'"):
        call_command("jobs", run="prune")


# The admin report


@pytest.mark.django_db
def test_administrators_see_the_scheduled_jobs_report_and_editors_do_not(client, monkeypatch):
    monkeypatch.setattr("core.schedule.SCHEDULE", [*SCHEDULE, FAILING])
    run_job(FAILING)
    url = reverse("scheduled_jobs_report")

    client.force_login(UserFactory(is_superuser=True))
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "send_outbox" in page and "*/5 * * * *" in page
    assert "RuntimeError: mail server unreachable" in page
    # In Dutch, like the rest of the admin.
    assert "Geplande taken" in page and "Mislukt" in page and "Nog nooit uitgevoerd" in page
    assert "Verstuurt de e-mails in de outbox die aan de beurt zijn" in page
    assert "De planner (<code>manage.py run_scheduler</code>) voert deze taken uit" in page
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()  # in the Reports menu

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(url)  # Wagtail answers a refused admin view with a redirect to the dashboard
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


# Real processes: a scheduler, two at once, SIGTERM


def shared_database_url(tmp_path):
    """DATABASE_URL of the test's database for other processes (the in-memory SQLite copied to a file)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "db.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return f"sqlite:///{path}"
    if connection.vendor != "postgresql":
        pytest.skip(f"No processes for {connection.vendor}")
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def last_outcome(database_url, name):
    if database_url.startswith("sqlite:///"):
        reader = sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=30)
        try:
            sql = "SELECT last_outcome FROM core_scheduledjob WHERE name = ?"
            return reader.execute(sql, [name]).fetchone()[0]
        finally:
            reader.close()
    return ScheduledJob.objects.get(name=name).last_outcome


def process_env(database_url, log, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "SCHEDULER_TEST_LOG": str(log),
        **extra,
    }


def manage_command(*args):
    return [sys.executable, "manage.py", *args]


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def lines(path):
    return path.read_text().splitlines() if path.exists() else []


@pytest.mark.django_db(transaction=True)
def test_a_job_started_twice_at_the_same_moment_runs_once(tmp_path):
    database_url = shared_database_url(tmp_path)
    log = tmp_path / "runs.log"
    env = process_env(database_url, log, SCHEDULER_TEST_SLEEP="3")
    command = manage_command("jobs", "--run", "slow", "--schedule", f"{THIS_MODULE}.SLOW_JOBS")
    outputs = [open(tmp_path / f"process-{number}.out", "w+") for number in range(2)]  # noqa: SIM115
    try:
        processes = [servers.start(command, env, output) for output in outputs]  # the same moment
        codes = sorted(process.wait(timeout=120) for process in processes)
        texts = [Path(output.name).read_text() for output in outputs]
    finally:
        for output in outputs:
            output.close()

    assert [line.split()[0] for line in lines(log)] == ["started", "finished"], texts
    assert codes == [0, 1], texts
    assert any("slow is running already" in text for text in texts), texts
    assert last_outcome(database_url, "slow") == "succeeded"


@pytest.mark.django_db(transaction=True)
def test_a_job_that_runs_longer_than_its_lease_keeps_it_while_its_process_lives(tmp_path):
    database_url = shared_database_url(tmp_path)
    log = tmp_path / "runs.log"
    command = manage_command("jobs", "--run", "held", "--schedule", f"{THIS_MODULE}.HELD_JOBS")
    with open(tmp_path / "first.out", "w") as output:
        first = servers.start(command, process_env(database_url, log, SCHEDULER_TEST_SLEEP="12"), output)
        try:
            wait_for(lambda: lines(log)[:1])
            time.sleep(3)  # past the 2-second lease: the running process has renewed it
            second = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
                command, cwd=servers.BASE_DIR, env=process_env(database_url, log), capture_output=True, text=True
            )
            assert second.returncode == 1 and "held is running already" in second.stderr
            assert first.wait(timeout=120) == 0
        finally:
            servers.stop(first)
    assert [line.split()[0] for line in lines(log)] == ["started", "finished"]


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_run_each_scheduled_time_once(tmp_path):
    database_url = shared_database_url(tmp_path)
    log = tmp_path / "ticks.log"
    env = process_env(database_url, log)
    command = manage_command("run_scheduler", "--schedule", f"{THIS_MODULE}.TICK_JOBS")
    with open(tmp_path / "schedulers.out", "w") as output:
        processes = [servers.start(command, env, output) for _ in range(2)]
        try:
            wait_for(lambda: len(lines(log)) >= 4)
        finally:
            for process in processes:
                servers.stop(process)
    ticks = lines(log)
    slots = [line.split()[0] for line in ticks]
    assert len(slots) == len(set(slots)), ticks  # no scheduled time ran twice
    assert all(process.returncode == 0 for process in processes)


@pytest.mark.django_db(transaction=True)
def test_sigterm_lets_the_running_job_finish_and_then_stops(tmp_path):
    database_url = shared_database_url(tmp_path)
    log = tmp_path / "runs.log"
    env = process_env(database_url, log)
    command = manage_command("run_scheduler", "--schedule", f"{THIS_MODULE}.SLOW_JOBS")
    out = tmp_path / "scheduler.out"
    with open(out, "w") as output:
        process = servers.start(command, env, output)
        try:
            wait_for(lambda: lines(log)[-1:] and lines(log)[-1].startswith("started"))
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        finally:
            servers.stop(process)

    assert process.returncode == 0
    assert lines(log)[-1].startswith("finished")  # the job it was running finished
    assert [line.split()[0] for line in lines(log)].count("started") == len(lines(log)) // 2
    assert "Scheduler stopped (SIGTERM)" in out.read_text()
    assert last_outcome(database_url, "slow") == "succeeded"
