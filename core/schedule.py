"""The schedule of the periodic jobs, run by `manage.py run_scheduler` (one process per installation).

Each job is a management command, referred to by name, with a cron expression (minute hour day month
weekday) in TIME_ZONE (Europe/Amsterdam, so 03:30 is 03:30 Dutch time, summer and winter; the daily jobs run
after 03:00, outside the hour that daylight saving time skips or repeats). Missed runs
(the scheduler was down) are folded into one run as soon as it is back. `manage.py jobs` lists the jobs with
their next and last run; `manage.py jobs --run NAME` runs one now.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.scheduling import Job


def database_task_backend():
    """Task results are stored in the database only with the database backend (production)."""
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


SCHEDULE = [
    Job(
        "send_outbox",
        "*/5 * * * *",
        description=_("Sends the emails in the outbox that are due, and retries failed ones."),
    ),
    Job(
        "send_event_reminders",
        "*/5 * * * *",
        description=_("Queues the reminder with the meeting link one working day before each session."),
    ),
    Job(
        "send_evaluations",
        "15 * * * *",
        description=_("Queues the evaluation mail for participants of events that ended a day ago."),
    ),
    Job(
        "send_digests",
        "*/5 * * * *",
        description=_("Queues the daily and weekly digests of the community's notifications that are due."),
    ),
    Job(
        "anonymise_registrations",
        "30 3 * * *",
        description=_("Removes personal data from registrations of sessions that ended long enough ago."),
    ),
    Job(
        "prune_search_logs",
        "45 3 * * *",
        description=_("Deletes anonymous search counts older than the retention period."),
    ),
    Job(
        "prune_db_task_results",
        "0 4 * * *",
        args=("--queue-name", "*", "--min-age-days", "14"),
        description=_("Deletes results of background tasks that finished more than 14 days ago."),
        enabled=database_task_backend,
    ),
    Job(
        "flush_view_counts",
        "*/5 * * * *",
        description=_("Adds the page and tip views counted in the cache to the view counts in the database."),
    ),
    Job(
        "send_newsletter",
        "*/5 * * * *",
        description=_("Sends the newsletter issues that are being sent, in batches, to whoever did not get them yet."),
    ),
    Job(
        "prune_newsletter",
        "50 3 * * *",
        description=_(
            "Deletes the newsletter's unsubscription hashes after the retention period, and requests that were "
            "never confirmed."
        ),
    ),
    Job(
        "purge_poster_uploads",
        "*/15 * * * *",
        description=_("Deletes the photos and logos uploaded to the poster maker after two hours."),
    ),
    Job(
        "clearsessions",
        "15 4 * * *",
        description=_("Deletes expired login sessions."),
    ),
]
