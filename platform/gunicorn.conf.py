"""Gunicorn configuration of the web process in production.

    gunicorn --config platform/gunicorn.conf.py --bind 127.0.0.1:8000 config.wsgi

(DJANGO_SETTINGS_MODULE defaults to config.settings.production in config/wsgi.py.) This folder is not a Python
package on purpose: the standard library owns the module name `platform`.

Environment: WEB_CONCURRENCY (worker processes), GUNICORN_THREADS (threads per worker), GUNICORN_TIMEOUT,
GUNICORN_GRACEFUL_TIMEOUT, GUNICORN_KEEPALIVE, GUNICORN_MAX_REQUESTS; gunicorn's own GUNICORN_CMD_ARGS and
FORWARDED_ALLOW_IPS work as usual.

The request limits are computed from the search's own limits, so the longest search the site's forms (and API
clients within the same limits) can send is never refused with gunicorn's bare English "400 Bad Request".
"""

import gc
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:  # gunicorn started from another directory
    sys.path.insert(0, str(BASE_DIR))

from search.engines.base import FACETS, MAX_PAGE, MAX_QUERY_LENGTH, SORTS  # noqa: E402 - needs BASE_DIR on the path

# --- Request limits ---------------------------------------------------------------------------------------------
# The longest search URL: the search box allows MAX_QUERY_LENGTH characters (its maxlength); each can be a 3-byte
# UTF-8 character that the browser percent-encodes as 9 characters ("€" -> "%E2%82%AC"; characters outside the
# BMP count twice towards maxlength and take 12, so 9 per counted character is the most). The filters add up to
# MAX_VALUES_PER_FACET values per facet (what search.service accepts), each a type key such as
# "knowledgeboost.sessionpage", an id, a province or a year: at most MAX_FACET_VALUE_LENGTH characters encoded.
# tests/core/test_gunicorn.py checks these numbers against search.service and the facet values of the site.
SEARCH_PATHS = ("/zoeken/", "/api/v1/search")
ENCODED_CHARACTER_LENGTH = len("%E2%82%AC")
MAX_VALUES_PER_FACET = 20
MAX_FACET_VALUE_LENGTH = 40
GUNICORN_MAX_REQUEST_LINE = 8190  # gunicorn's ceiling: larger values (and 0) do not raise it

# Browsers also send the URL of the page as Referer ("https://" + a host name of up to 253 characters).
REFERER_PREFIX_LENGTH = len("https://") + 253


def longest_search_request_line():
    """Length of the request line of the longest search the forms can send, e.g. `GET /zoeken/?q=... HTTP/1.1`."""
    parameters = ["q=" + "%E2%82%AC" * MAX_QUERY_LENGTH]
    for name in FACETS:
        parameters += [f"{name}={'x' * MAX_FACET_VALUE_LENGTH}"] * MAX_VALUES_PER_FACET
    parameters += [f"sort={max(SORTS, key=len)}", f"page={MAX_PAGE}"]
    target = max(SEARCH_PATHS, key=len) + "?" + "&".join(parameters)
    return len(f"GET {target} HTTP/1.1")


LONGEST_SEARCH_REQUEST_LINE = longest_search_request_line()
if LONGEST_SEARCH_REQUEST_LINE + 512 > GUNICORN_MAX_REQUEST_LINE:
    raise RuntimeError(
        f"The longest search URL ({LONGEST_SEARCH_REQUEST_LINE} characters) does not fit gunicorn's request line "
        f"limit of {GUNICORN_MAX_REQUEST_LINE}: lower MAX_QUERY_LENGTH or the number of filter values."
    )
# Room for the search's own limits plus a margin; anything longer is not a request our pages make.
limit_request_line = LONGEST_SEARCH_REQUEST_LINE + 512
# One header line: a Referer carrying the longest search URL, or the admin's session and CSRF cookies.
limit_request_field_size = max(8190, REFERER_PREFIX_LENGTH + LONGEST_SEARCH_REQUEST_LINE)
limit_request_fields = 100

# --- Processes --------------------------------------------------------------------------------------------------


def _cpu_count():
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers, taskset)
    except AttributeError:
        return os.cpu_count() or 1


CPUS = _cpu_count()
# Requests mostly wait for the database, so a few threads per process add concurrency for little memory.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * CPUS + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or max(2, min(CPUS, 4)))
worker_class = "gthread"
if os.path.isdir("/dev/shm"):  # noqa: S108 - gunicorn creates its heartbeat files there with mkstemp
    worker_tmp_dir = "/dev/shm"  # noqa: S108 - heartbeats in memory, not on a possibly slow disk

# --- Garbage collection -----------------------------------------------------------------------------------------
# Rendering a page makes many short-lived objects, and every 700 allocations (Python's default) the collector walks
# the young ones; its full collections walk everything, including the tens of thousands of objects that Django,
# Wagtail and the templates create at start-up and keep for the life of the worker. GUNICORN_GC_THRESHOLD sets the
# first threshold (0: Python's default).
GC_THRESHOLD = int(os.environ.get("GUNICORN_GC_THRESHOLD", "7000"))


def post_worker_init(worker):
    """Once the worker has loaded the application: what exists now lives as long as the process, so it moves out
    of the collector's sight (gc.freeze), and young collections run less often."""
    gc.collect()
    gc.freeze()
    if GC_THRESHOLD:
        gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


# --- Timeouts and graceful restarts -----------------------------------------------------------------------------
# A request that takes longer than this is stuck (search answers within seconds, e-mail is sent by the worker).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM/SIGHUP workers finish the requests they are serving for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Replace each worker after about this many requests (jitter: not all at once), so memory growth cannot build up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = max_requests // 10

# --- Logging ----------------------------------------------------------------------------------------------------
# Access log on stdout with the duration of each request in milliseconds. No client addresses: they are personal
# data, and the rate limits keep only keyed hashes of them.
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
proc_name = "kennisplatform"
