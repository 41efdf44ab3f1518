"""Throw-away database for a benchmark: a fresh PostgreSQL database or a temporary SQLite file, migrated.

Migrating an empty database takes most of a minute (Django renders the model states of ~270 migrations). With
``BENCH_MIGRATED_SQLITE`` naming an already migrated SQLite file, a SQLite benchmark starts from a copy of it
and ``migrate`` only applies what the copy lacks: the test suite runs every benchmark at a tiny size this way.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def setup_django(postgres_url, label, before_migrate=None):
    """Point Django at an empty database (PostgreSQL: dropped and created again), set it up and migrate."""
    if postgres_url:
        import psycopg2

        name = postgres_url.rsplit("/", 1)[1]
        admin = psycopg2.connect(postgres_url.rsplit("/", 1)[0] + "/postgres")
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        os.environ["DATABASE_URL"] = postgres_url
    else:
        directory = tempfile.mkdtemp(prefix=f"kp-{label}-bench-")
        path = Path(directory) / "bench.sqlite3"
        start_from_migrated_copy(path)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    if before_migrate is not None:
        before_migrate(settings)
    call_command("migrate", verbosity=0)


def start_from_migrated_copy(path):
    """Copy ``BENCH_MIGRATED_SQLITE`` (a migrated SQLite file), when it is set, to `path` (a new SQLite file)."""
    template = os.environ.get("BENCH_MIGRATED_SQLITE")
    if template:
        shutil.copyfile(template, path)
