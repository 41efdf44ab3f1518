"""Expeditions benchmark: latency and query count of the overviews, the expedition page and the feed.

    python bench/expeditions.py                         # SQLite, 200 expeditions with 4 lessons each
    python bench/expeditions.py --expeditions 500 --postgres postgres://postgres@127.0.0.1:5432/kp_expeditions_bench

The database is a throw-away one: a temporary SQLite file, or the PostgreSQL database named in the URL, which
is dropped and created again. Expeditions are spread over the twelve provinces, three statuses and six target
groups, each with an organisation, a leader, results and lessons. Every request goes through Django's test
client (routing, filters, impact aggregates, template). Each URL is requested once to warm the caches and then
``--rounds`` times; the script fails when a URL answers with something other than 200.

Figures on the 2-CPU development container (shared with other work, so ±30%), 200 expeditions, 800 lessons:

| URL | queries | SQLite p50 | PostgreSQL p50 (after ANALYZE) |
|---|---|---|---|
| /expedities/ (12 cards, impact charts, filters) | 19 | 55–67 ms | 73 ms |
| /expedities/lessen/ (12 cards, filters) | 13 | 34–51 ms | 57 ms |
| /expedities/lessen/rss/ (20 items) | 8 | 41 ms | 45 ms |
| an expedition page with 4 lessons | 20 | 37 ms | 48 ms |

The query counts do not depend on the number of expeditions or lessons (tests/expeditions/test_queries.py).
"""

import argparse
import datetime
import random
import statistics
import time

from _database import setup_django


def build(expedition_count, lessons_per_expedition, rng):
    from wagtail.models import Site

    from core.factories import HomePageFactory
    from expeditions.factories import (
        ExpeditionIndexPageFactory,
        ExpeditionLeaderFactory,
        ExpeditionLeadershipFactory,
        ExpeditionPageFactory,
        ExpeditionParticipationFactory,
        ExpeditionTargetGroupFactory,
        LessonPageFactory,
        OrganisationFactory,
    )
    from expeditions.models import Lens, Province, TargetGroup
    from tests.conftest import ensure_wagtail_base

    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = ExpeditionIndexPageFactory(parent=home)
    leaders = [ExpeditionLeaderFactory() for _ in range(20)]
    today = datetime.date.today()
    provinces, groups, lenses = list(Province.values), list(TargetGroup.values), list(Lens.values)
    for number in range(expedition_count):
        start = today + datetime.timedelta(days=rng.randint(-1800, 200))
        expedition = ExpeditionPageFactory(
            parent=index,
            title=f"Expeditie {number}",
            province=rng.choice(provinces),
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randint(60, 300)),
        )
        ExpeditionParticipationFactory(expedition=expedition, organisation=OrganisationFactory(name=f"Club {number}"))
        ExpeditionLeadershipFactory(expedition=expedition, leader=rng.choice(leaders))
        for group in rng.sample(groups, 2):
            ExpeditionTargetGroupFactory(expedition=expedition, target_group=group, new_volunteers=rng.randint(0, 20))
        for _ in range(lessons_per_expedition):
            LessonPageFactory(
                parent=expedition,
                lens=rng.choice(lenses),
                target_group=rng.choice(groups),
                author=rng.choice(leaders),
                date=start + datetime.timedelta(days=rng.randint(0, 60)),
            )
    return index


def measure(urls, rounds):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        timings = []
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
        rows.append((url, len(queries), statistics.median(timings), percentile(timings, 0.95)))
    return rows


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--expeditions", type=int, default=200)
    parser.add_argument("--lessons", type=int, default=4, help="lessons per expedition")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--postgres", default="", help="PostgreSQL URL of a throw-away database")
    args = parser.parse_args()

    setup_django(args.postgres, "expeditions")
    started = time.perf_counter()
    index = build(args.expeditions, args.lessons, random.Random(2021))
    print(
        f"Built {args.expeditions} expeditions and {args.expeditions * args.lessons} lessons "
        f"in {time.perf_counter() - started:.1f} s"
    )
    from django.db import connection

    from expeditions.models import ExpeditionPage

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would have them in production
    expedition = ExpeditionPage.objects.first()
    base = index.url
    urls = [
        base,
        f"{base}?status=completed",
        f"{base}?status=running&doelgroep=young_people",
        f"{base}?provincie=utrecht&page=2",
        f"{base}lessen/",
        f"{base}lessen/?lens=accessibility&status=completed",
        f"{base}lessen/?page=5",
        f"{base}lessen/rss/",
        expedition.url,
    ]
    print(f"{'URL':60} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for url, queries, p50, p95 in measure(urls, args.rounds):
        print(f"{url:60} {queries:>7} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
