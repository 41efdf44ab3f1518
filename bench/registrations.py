"""Registration benchmark: 200 registrations over 10 sessions on PostgreSQL, registrations/s and p95 latency.

    python bench/registrations.py
    python bench/registrations.py --postgres postgres://postgres@127.0.0.1:5432/kp_registrations_bench
    python bench/registrations.py --threads 1          # sequential
    python bench/registrations.py --sqlite             # a temporary SQLite file instead

The database is a throw-away one: the PostgreSQL database named in the URL is dropped and created again.
Every registration is a real POST to a session page through Django's test client: form validation, the
transaction that locks the session row (SELECT … FOR UPDATE) and counts places, the registration row, the
outbox email with its .ics attachment, and after the commit the django-tasks task that sends it (immediate
backend, local-memory mail). Clients post from several threads at once (default 8), so the sessions'
row locks are contended as they would be when a popular week opens. Sessions have 15 places each, so a
quarter of the registrations land on the waiting list. Latency is per POST (until the redirect).
"""

import argparse
import statistics
import threading
import time

from _database import setup_django

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kp_registrations_bench"


def benchmark_settings(settings):
    settings.EVENTS_RATE_LIMIT = 0  # one benchmark machine is many people here
    settings.DEBUG = False


def make_sessions(count, capacity):
    import datetime

    from django.utils import timezone
    from wagtail.models import Site

    from core.factories import HomePageFactory
    from knowledgeboost.factories import (
        KnowledgeBoostIndexPageFactory,
        KnowledgeBoostWeekPageFactory,
        SessionPageFactory,
        next_weekday,
    )
    from tests.conftest import ensure_wagtail_base

    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="bench")
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Bench")
    index = KnowledgeBoostIndexPageFactory(parent=home)
    monday = next_weekday(0).date()
    week = KnowledgeBoostWeekPageFactory(parent=index, start_date=monday, end_date=monday)
    sessions = []
    for number in range(count):
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time(9))) + datetime.timedelta(
            hours=number
        )
        sessions.append(
            SessionPageFactory(
                parent=week, title=f"Sessie {number + 1}", start=start, end=start + datetime.timedelta(hours=1),
                capacity=capacity,
            )
        )  # fmt: skip
    return sessions


def run(sessions, total, threads):
    from django.db import connection
    from django.test import Client

    jobs = [(number, sessions[number % len(sessions)].url) for number in range(total)]
    latencies, failures = [], []
    lock = threading.Lock()
    position = iter(jobs)

    def worker(thread_number):
        client = Client(REMOTE_ADDR=f"10.0.{thread_number}.1")
        while True:
            with lock:
                job = next(position, None)
            if job is None:
                break
            number, url = job
            data = {
                "name": f"Deelnemer {number}",
                "email": f"deelnemer{number}@example.org",
                "organisation": "Vrijwilligerscentrale",
                "consent": "on",
            }
            began = time.perf_counter()
            response = client.post(url, data)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                if response.status_code != 302:
                    failures.append(response.status_code)
        connection.close()

    began = time.perf_counter()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return time.perf_counter() - began, latencies, failures


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="throw-away PostgreSQL database URL")
    parser.add_argument("--sqlite", action="store_true", help="use a temporary SQLite file instead")
    parser.add_argument("--registrations", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--capacity", type=int, default=15)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    setup_django(None if args.sqlite else args.postgres, "registrations", before_migrate=benchmark_settings)
    from django.db import connection

    from knowledgeboost.models import OutboxEmail, OutboxStatus, Registration, RegistrationStatus

    sessions = make_sessions(args.sessions, args.capacity)
    # Warm up templates and caches with one registration that is not counted.
    run(sessions[:1], 1, 1)
    Registration.objects.all().delete()
    OutboxEmail.objects.all().delete()

    wall, latencies, failures = run(sessions, args.registrations, args.threads)

    registered = Registration.objects.filter(status=RegistrationStatus.REGISTERED).count()
    waitlisted = Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count()
    over_capacity = [
        session.title
        for session in sessions
        if session.registrations.filter(status=RegistrationStatus.REGISTERED).count() > args.capacity
    ]
    sent = OutboxEmail.objects.filter(status=OutboxStatus.SENT).count()
    print(f"Database: {connection.vendor}, {args.threads} client threads")
    print(f"{args.registrations} registrations over {args.sessions} sessions of {args.capacity} places")
    print(f"  wall time        {wall:8.2f} s")
    print(f"  registrations/s  {args.registrations / wall:8.1f}")
    print(f"  latency p50      {statistics.median(latencies) * 1000:8.1f} ms")
    print(f"  latency p95      {percentile(latencies, 0.95) * 1000:8.1f} ms")
    print(f"  latency max      {max(latencies) * 1000:8.1f} ms")
    print(f"  registered {registered}, waiting list {waitlisted}, confirmation emails sent {sent}")
    assert not failures, f"non-redirect responses: {failures[:10]}"
    assert not over_capacity, f"capacity exceeded: {over_capacity}"
    assert registered + waitlisted == args.registrations


if __name__ == "__main__":
    main()
