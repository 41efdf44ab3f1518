"""Real gunicorn workers (tests/servers.py) on the test's database, and people who register through them over HTTP.

Used by the concurrency tests: several worker processes, each with its own database connection,
write to the same database file (SQLite) or server (PostgreSQL), exactly as in production.
"""

import contextlib
import http.client
import os
import re
import signal
import sqlite3
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import pytest
from django.db import connection

from tests import servers

FORM_ACTION_RE = re.compile(r'<form class="(?:kb|event)-form" method="post" action="([^"]+)"')


def file_database_url(directory):
    """Copy the current (in-memory) SQLite test database into a file and return its DATABASE_URL.

    Call it in a transactional test after creating the data the workers need.
    """
    path = Path(directory) / "db.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{path}", path


def postgres_url():
    """DATABASE_URL of the PostgreSQL test database the current test uses."""
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "")
    password = urllib.parse.quote(db["PASSWORD"] or "")
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class SharedDatabase:
    """The test's database as the processes it starts see it: their DATABASE_URL, and row counts in it."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.url, self.path = file_database_url(tmp_path)
        elif self.vendor == "postgresql":
            self.url, self.path = postgres_url(), None
        else:
            raise NotImplementedError(self.vendor)

    def count(self, model, **where):
        if self.vendor == "postgresql":
            return model.objects.filter(**where).count()
        columns = " AND ".join(f"{column} = ?" for column in where) or "1 = 1"
        sql = f"SELECT COUNT(*) FROM {model._meta.db_table} WHERE {columns}"  # noqa: S608 - our own names
        return sqlite_rows(self.path, sql, list(where.values()))[0][0]

    def transaction_held(self, longer_than=0.4):
        """Whether another connection holds a transaction (on SQLite: the write lock) for `longer_than` seconds or more.

        A registration's own short transaction does not count; one held while a mail server hangs does.
        """
        if self.vendor == "sqlite":
            probe = sqlite3.connect(self.path, timeout=longer_than, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:
                return True
            finally:
                probe.close()
        import psycopg2

        time.sleep(longer_than + 0.1)  # a transaction that began just before the call is older by now
        db = connection.settings_dict
        probe = psycopg2.connect(
            dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"] or 5432
        )
        try:
            with probe.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%%'"
                    " AND xact_start < now() - make_interval(secs => %s)",
                    [longer_than],
                )
                return cursor.fetchone()[0] > 0
        finally:
            probe.close()


def shared_database(tmp_path):
    """Call in a transactional test once the data the workers need exists."""
    if connection.vendor not in ("sqlite", "postgresql"):
        pytest.skip(f"No worker processes for {connection.vendor}")
    return SharedDatabase(tmp_path)


def sqlite_rows(path, sql, params=()):
    """Read from the SQLite file the workers wrote to (the test's own connection is the in-memory copy)."""
    reader = sqlite3.connect(path, timeout=30)
    try:
        return reader.execute(sql, params).fetchall()
    finally:
        reader.close()


def worker_env(database_url, env=None):
    """Environment of a process started by a test: test settings (mail and tasks from the environment)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.knowledgeboost.worker_settings",
        "DATABASE_URL": database_url,
        # Every person comes from their own address, as behind one reverse proxy.
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }


@contextlib.contextmanager
def gunicorn(database_url, *, workers=4, worker_class="sync", threads=1, env=None, boot_timeout=90):
    """Serve config.wsgi on `database_url`; yields a Server (tests/servers.py) once every worker is up."""
    options = [
        "--workers", str(workers),
        "--worker-class", worker_class,
        "--threads", str(threads),
        "--timeout", "120",
        "--graceful-timeout", "1",
        "--preload",
        "--log-level", "info",
    ]  # fmt: skip

    def every_worker_is_up(server):
        if server.log_text().count("Booting worker") < workers:
            return False
        try:
            return get(server.address, "/healthz")[0] == 200
        except OSError:
            return False

    with (
        tempfile.TemporaryDirectory(prefix="kb-gunicorn-") as directory,
        servers.gunicorn(
            worker_env(database_url, env),
            directory,
            config=None,
            options=options,
            app="config.wsgi:application",
            ready=every_worker_is_up,
            boot_timeout=boot_timeout,
            stop_signal=signal.SIGQUIT,  # quick shutdown: the test is over
        ) as server,
    ):
        yield server


@contextlib.contextmanager
def task_worker(database_url, env=None):
    """`manage.py db_worker` (the production task worker) on `database_url`; yields the process."""
    with tempfile.TemporaryFile() as log:
        command = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"]
        process = servers.start(command, worker_env(database_url, env), log)
        try:
            yield process
        finally:
            servers.stop(process)


def manage(database_url, *args, env=None):
    """Run a management command in its own process; returns its output."""
    return servers.manage(worker_env(database_url, env), *args, timeout=120)


def get(address, path, headers=None, timeout=30):
    conn = http.client.HTTPConnection(address, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read().decode(), response
    finally:
        conn.close()


class Visitor:
    """One person with their own address, filling in the registration form of a page (it needs no cookie)."""

    def __init__(self, address, client_ip, timeout=120):
        self.address = address
        self.headers = {"X-Forwarded-For": client_ip}
        self.timeout = timeout
        self.action = None

    def open_form(self, path):
        """GET the page (from the page cache) and read where its form posts: it carries no token and sets no cookie."""
        status, body, response = get(self.address, path, self.headers, self.timeout)
        assert status == 200, f"GET {path}: {status}"
        assert not response.headers.get_all("Set-Cookie") and "csrfmiddlewaretoken" not in body
        self.action = FORM_ACTION_RE.search(body).group(1)

    def submit(self, data):
        """POST the form to its action; returns (status, Location header, seconds taken)."""
        body = urllib.parse.urlencode(data, doseq=True)
        headers = {**self.headers, "Content-Type": "application/x-www-form-urlencoded"}
        conn = http.client.HTTPConnection(self.address, timeout=self.timeout)
        started = time.monotonic()
        try:
            conn.request("POST", self.action, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status, response.getheader("Location", ""), time.monotonic() - started
        finally:
            conn.close()
