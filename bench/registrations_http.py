"""Registrations over HTTP: 200 visitors register for 10 sessions through gunicorn with the production settings.

    python bench/registrations_http.py                        # PostgreSQL (kp_bench_registrations, dropped)
    python bench/registrations_http.py --clients 8 --profile 50
    python bench/registrations_http.py --sqlite               # a temporary SQLite file instead

Each registration is what a visitor's browser does: GET the session page (from the page cache, with the form and
without a CSRF token), then POST the form to where it posts (`/aanmelden/<page id>/`, events:register, which needs no
token) with the page as Referer, the site as Origin, `Sec-Fetch-Site: same-origin` and `X-Forwarded-Proto: https` as
the browser and the reverse proxy send them. A registration counts when the POST answers with the redirect to the
confirmation. A page that only links to its form (as before 1 December 2026) is followed: "GET" is then both GETs.
--clients keep-alive connections post at once (default 8), so the session rows' locks are contended as when a
popular week opens. gunicorn: platform/gunicorn.conf.py, 2 workers with 2 threads, the production settings with
the registration rate limit switched off (bench/_settings.py, BENCH_RATE_LIMIT=0: one machine plays 200
visitors), the database task queue (confirmation mails are queued for the worker, which does not run here).

Afterwards the database must show: every visitor registered exactly once (none lost, none twice), no session
with more registered than its capacity, and one queued confirmation mail per registration.

--profile N: afterwards N more registrations in this process under cProfile (Django's test client, same
database), and the functions where the POST spends its time.
"""

import argparse
import cProfile
import http.client
import io
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

from _database import setup_django

from bench._http import BENCH_REDIS_URL, CACHE_PREFIX, collect_static, flush_redis
from bench._profile import _cumulative, _sql_time

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kp_bench_registrations"
FORM = {"organisation": "Vrijwilligerscentrale", "consent": "on"}


class FormParser(HTMLParser):
    """The fields of the page's POST forms: hidden inputs with their values, and the names of the others."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._current = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "hidden": {}, "fields": set()}
            self.forms.append(self._current)
        elif tag in ("input", "textarea", "select") and self._current is not None and attrs.get("name"):
            if attrs.get("type") == "hidden":
                self._current["hidden"][attrs["name"]] = attrs.get("value") or ""
            else:
                self._current["fields"].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def registration_form(html, url):
    """(the POST form with an e-mail field, None), or (None, the link that opens it on the page `url`)."""
    parser = FormParser()
    parser.feed(html)
    forms = [form for form in parser.forms if "email" in form["fields"]]
    if forms:
        return forms[0], None
    # Until 1 December 2026 the cached page had no form (it carried a token): its button opened the form on the
    # same page with a query string, rendered for this visitor alone. Kept to measure older commits the same way.
    opening = [link for link in parser.links if link.split("#")[0].startswith(f"{url}?")]
    if not opening:
        raise SystemExit(f"no registration form or link to one on {url}")
    return None, opening[0].split("#")[0]


class Visitor:
    """One keep-alive connection that registers visitor after visitor, each with a fresh cookie jar."""

    def __init__(self, server):
        self.server = server
        self.connection = http.client.HTTPConnection(server.host, server.port, timeout=30)
        self.page_cache = []  # the X-Page-Cache answer of every GET: hit, miss or none (not cacheable)

    def request(self, method, url, body=None, headers=None):
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        self.connection.request(method, url, body=body, headers=headers)
        response = self.connection.getresponse()
        content = response.read()
        cookies = [value.split(";", 1)[0] for name, value in response.getheaders() if name.lower() == "set-cookie"]
        if method == "GET":
            self.page_cache.append(response.getheader("X-Page-Cache", "none"))
        return response.status, response.getheader("Location", ""), cookies, content

    def register(self, url, number):
        """(seconds of the GETs, of the POST, POST status): the page, the form if the page only links to it, POST."""
        began = time.perf_counter()
        status, _location, cookies, content = self.request("GET", url)
        if status != 200:
            raise SystemExit(f"GET {url} answered {status}")
        form, opening = registration_form(content.decode(), url)
        if form is None:
            status, _location, cookies, content = self.request("GET", opening)
            if status != 200:
                raise SystemExit(f"GET {opening} answered {status}")
            form, _opening = registration_form(content.decode(), url)
            if form is None:
                raise SystemExit(f"{opening} has no registration form")
        got = time.perf_counter()
        data = {
            **form["hidden"],
            **FORM,
            "name": f"Deelnemer {number}",
            "email": f"deelnemer{number}@example.org",
        }
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{self.server.address}{url}",
            "Origin": f"https://{self.server.address}",
            "Sec-Fetch-Site": "same-origin",
        }
        if cookies:
            headers["Cookie"] = "; ".join(cookies)
        status, location, _cookies, content = self.request("POST", form["action"] or url, urlencode(data), headers)
        posted = time.perf_counter()
        if status != 302:
            print(f"POST {url}: {status} {content[:300]!r}", file=sys.stderr)
        return got - began, posted - got, status

    def close(self):
        self.connection.close()


def run(server, urls, total, clients):
    jobs = iter([(number, urls[number % len(urls)]) for number in range(total)])
    lock = threading.Lock()
    gets, posts, failures = [], [], []

    def client():
        visitor = Visitor(server)
        while True:
            with lock:
                job = next(jobs, None)
            if job is None:
                break
            try:
                get_time, post_time, status = visitor.register(job[1], job[0])
            except (Exception, SystemExit) as error:  # counted as a failure, and the client goes on
                with lock:
                    failures.append(f"{type(error).__name__}: {str(error)[:300]}")
                    page_cache.extend(visitor.page_cache)  # the GETs it made before it failed count too
                visitor.close()
                visitor = Visitor(server)
                continue
            with lock:
                gets.append(get_time)
                posts.append(post_time)
                if status != 302:
                    failures.append(status)
        visitor.close()
        with lock:
            page_cache.extend(visitor.page_cache)

    page_cache = []
    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, gets, posts, failures, _counts(page_cache)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def check(sessions, total, capacity):
    """Every visitor once, no session over capacity, one queued confirmation per registration."""
    from django.db.models import Count

    from bench._pages_seed import model_named

    Registration, OutboxEmail = model_named("Registration"), model_named("OutboxEmail")
    event = next(name for name in ("session", "event") if hasattr(Registration, name))
    emails = list(Registration.objects.values_list("email", flat=True))
    expected = {f"deelnemer{number}@example.org" for number in range(total)}
    duplicates = [email for email, count in _counts(emails).items() if count > 1]
    over = Registration.objects.filter(status="registered").values(event).annotate(n=Count("pk")).filter(n__gt=capacity)
    by_status = _counts(Registration.objects.values_list("status", flat=True))
    mails = OutboxEmail.objects.count()
    print(f"  registrations {len(emails)} ({', '.join(f'{n} {s}' for s, n in sorted(by_status.items()))})")
    print(f"  queued mails {mails}")
    problems = []
    if set(emails) != expected:
        problems.append(f"lost: {sorted(expected - set(emails))[:10]}")
    if duplicates:
        problems.append(f"twice: {duplicates[:10]}")
    if over:
        problems.append(f"overbooked sessions: {list(over)}")
    if mails != len(emails):
        problems.append(f"{mails} mails queued for {len(emails)} registrations")
    return problems


def _counts(values):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


# Phases of a registration POST: (end of the file name, function name) whose cumulative time they are.
POST_PHASES = {
    "finding the page (by its id)": [("django/shortcuts.py", "get_object_or_404")],
    "form validation": [("django/forms/forms.py", "full_clean")],
    "register() incl. commit and after-commit work": [("events/registrations.py", "register")],
    "  transaction: lock, count, insert, outbox row": [("events/registrations.py", "_register_locked")],
    "  after commit: enqueue the mail (rendered by the worker)": [("events/outbox.py", "enqueue")],
    "  page cache: new content generation": [("core/caching.py", "_bump"), ("core/caching.py", "bump_generation")],
}


def profile(sessions, count, offset):
    """`count` registrations in this process under cProfile; prints where the time goes."""
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    client = Client(REMOTE_ADDR="10.9.9.9")
    urls = [reverse("events:register", args=[session.pk]) for session in sessions]  # where the page's form posts
    profiler = cProfile.Profile()
    # As in production: the rate limit off (as on the server), confirmation mails queued in the database.
    settings = {
        "EVENTS_RATE_LIMIT": 0,
        "KNOWLEDGEBOOST_RATE_LIMIT": 0,
        "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    }
    with override_settings(**settings):
        client.get(sessions[0].url)  # templates loaded
        began = time.perf_counter()
        for number in range(offset, offset + count):
            data = {**FORM, "name": f"Profiel {number}", "email": f"profiel{number}@example.org"}
            profiler.enable()
            response = client.post(urls[number % len(urls)], data)
            profiler.disable()
            assert response.status_code == 302, response.status_code
        wall = time.perf_counter() - began
    print(f"\nIn-process profile of {count} POSTs ({wall / count * 1000:.1f} ms each with the profiler on):")
    stats = pstats.Stats(profiler)
    total = _cumulative(stats, [("django/test/client.py", "request")]) or 1e-9
    for phase, patterns in POST_PHASES.items():
        print(f"  {phase:58} {_cumulative(stats, patterns) / total:6.0%}")
    print(f"  {'SQL (time in the database driver)':58} {_sql_time(stats) / total:6.0%}")
    for order in ("cumulative", "tottime"):
        output = io.StringIO()
        pstats.Stats(profiler, stream=output).strip_dirs().sort_stats(order).print_stats(30)
        print("\n".join(output.getvalue().splitlines()[4:40]))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="throw-away PostgreSQL database URL")
    parser.add_argument("--sqlite", action="store_true", help="use a temporary SQLite file instead")
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--capacity", type=int, default=15)
    parser.add_argument("--clients", type=int, default=8, help="concurrent keep-alive connections")
    parser.add_argument("--redis", default=BENCH_REDIS_URL, help="Redis database of the servers' cache")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="then profile N POSTs in-process")
    args = parser.parse_args()

    setup_django(None if args.sqlite else args.postgres, "registrations-http")
    from django.db import connection
    from registrations import make_sessions

    sessions = make_sessions(args.sessions, args.capacity)
    database_url = os.environ["DATABASE_URL"]  # set by setup_django
    connection.close()

    from tests.servers import gunicorn, production_env

    env = production_env(
        DJANGO_SETTINGS_MODULE="bench._settings",
        DATABASE_URL=database_url,
        REDIS_URL=args.redis,
        BENCH_CACHE_PREFIX=CACHE_PREFIX,
        BENCH_RATE_LIMIT="0",
        STATIC_ROOT=str(collect_static()),
        GUNICORN_MAX_REQUESTS="1000000",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    urls = [session.get_url(None) for session in sessions]
    workdir = tempfile.mkdtemp(prefix="kp-registrations-bench-")
    flush_redis(args.redis)
    try:
        with gunicorn(env, workdir, boot_timeout=120) as server:
            for url in urls:  # both workers started, templates loaded
                for _ in range(2):
                    server.request("GET", url)
            wall, gets, posts, failures, page_cache = run(server, urls, args.registrations, args.clients)
            errors = [line for line in server.log_text().splitlines() if "Traceback" in line]
    finally:
        flush_redis(args.redis)

    print(f"Database: {connection.vendor}, gunicorn 2 workers x 2 threads, {args.clients} clients")
    print(f"{args.registrations} registrations over {args.sessions} sessions of {args.capacity} places")
    print(f"  wall time        {wall:8.2f} s")
    print(f"  registrations/s  {args.registrations / wall:8.1f}")
    if not posts:
        raise SystemExit(f"No registration went through: {failures[:3]}")
    print(f"  POST p50         {statistics.median(posts) * 1000:8.1f} ms")
    print(f"  POST p95         {percentile(posts, 0.95) * 1000:8.1f} ms")
    print(f"  GET  p50         {statistics.median(gets) * 1000:8.1f} ms")
    print(f"  GET  p95         {percentile(gets, 0.95) * 1000:8.1f} ms")
    print(f"  page cache       {', '.join(f'{n} {answer}' for answer, n in sorted(page_cache.items()))} (GETs)")
    problems = check(sessions, args.registrations, args.capacity)
    if failures:
        problems.append(f"{len(failures)} registrations without the redirect: {sorted(set(map(str, failures)))[:5]}")
    if errors:
        problems.append(f"{len(errors)} tracebacks in the server log")
    if args.profile:
        profile(sessions, args.profile, args.registrations)
    if problems:
        raise SystemExit("FAILED: " + "; ".join(problems))
    print("  no registration lost or twice, no session over capacity, one mail per registration")


if __name__ == "__main__":
    main()
