"""Health checks for the proxy, container health checks and monitoring.

``/healthz`` (liveness): the process answers requests. Always 200 "ok" and touches nothing else, so a database
outage never makes an orchestrator restart healthy web processes.

``/readyz`` (readiness): whether this process can serve the site: the database, the shared cache, the task queue
(how many tasks wait for ``db_worker``) and the search backend, as JSON. 503 as soon as one part fails, with that
part named. The answer holds states, counts and exception class names only: never an address, a password or an
exception message (those can carry the database URL), which go to the log instead.

Both go through the whole middleware stack like any page, and are never cached. Apps add their own parts with
``register_check`` (the search app adds "search").
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

TASKS_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


class CheckFailed(Exception):
    """A check that ran but found its part unfit (the message is safe to show: no addresses or secrets)."""


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache():
    """A write and a read back: the cache every process shares (Redis in production) answers."""
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise CheckFailed("value not read back")
    finally:
        cache.delete(key)
    return {}


def check_tasks():
    """Tasks ready to run and waiting for the worker; too many means the worker is down or cannot keep up."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != TASKS_DATABASE_BACKEND:
        return {"backend": backend.rsplit(".", 1)[-1]}  # immediate (dev, tests): nothing can wait
    from django_tasks_db.models import DBTaskResult

    pending = DBTaskResult.objects.ready().count()
    threshold = settings.READINESS_MAX_PENDING_TASKS
    result = {"backend": "database", "pending": pending, "threshold": threshold}
    if pending > threshold:
        raise CheckFailed(f"{pending} tasks waiting, more than {threshold}", result)
    return result


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "tasks": check_tasks,
}


def register_check(name, check):
    """Add a readiness check: `check()` returns a dict of safe details or raises (``CheckFailed`` with a safe message).

    Apps register their own parts in ``AppConfig.ready`` (search registers "search"), so core imports none of them.
    """
    CHECKS[name] = check


def run_check(name, check):
    started = time.monotonic()
    try:
        result = {"status": "ok", **check()}
    except CheckFailed as failure:
        message, *details = failure.args
        result = {"status": "error", "error": message, **(details[0] if details else {})}
    except Exception as error:  # noqa: BLE001 - any failure makes the process unready; the class name is shown
        logger.warning("Readiness check %s failed", name, exc_info=True)
        result = {"status": "error", "error": error.__class__.__name__}
    result["duration_ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


@never_cache
def healthz(request):
    """Liveness: 200 "ok" while the process serves requests; no database, cache or other service involved."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
def readyz(request):
    """Readiness: each part's state as JSON; 200 when all are ok, 503 naming the parts that are not."""
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    failing = [name for name, result in checks.items() if result["status"] != "ok"]
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": checks}
    return JsonResponse(body, status=503 if failing else 200)
