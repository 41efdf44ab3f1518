"""Settings of the processes the knowledgeboost tests start (gunicorn, db_worker, send_outbox).

The test settings, except that the mail backend and the task backend come from the environment like
in production (the test settings pin locmem mail and immediate tasks).
"""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", EMAIL_BACKEND)  # noqa: F405
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", TASKS["default"]["BACKEND"])}}  # noqa: F405
OUTBOX_BACKOFF_SECONDS = int(os.environ.get("OUTBOX_BACKOFF_SECONDS", "60"))
