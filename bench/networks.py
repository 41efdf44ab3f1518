"""Networks benchmark: latency and query count of the network page, the agenda overview (with filters and the CSV
export) and a municipality page with its matches, at 400 municipalities and 400 agendas.

    python bench/networks.py                         # SQLite, 400 member municipalities, 400 agendas
    python bench/networks.py --municipalities 400 --postgres postgres://postgres@127.0.0.1:5432/kp_networks_bench

The database is a throw-away one: a temporary SQLite file, or the PostgreSQL database named in the URL, which
is dropped and created again. Every municipality is a member with a page and (``--agendas``) a published
Lokale Inclusie Agenda, spread over the twelve provinces, the four statuses and three to five of the nine life
domains, with presentation dates over five years. Every request goes through Django's test client (routing,
filters, ranking, charts, template). Each URL is requested once to warm the caches and then ``--rounds`` times;
the script fails when a URL answers with something other than 200.

Figures of 30 November 2026, 400 municipalities and 400 agendas, on the shared 2-CPU development container while
other work ran on it (load average 7 to 11, so about three times slower than idle; expect ±50 %):

| URL | queries SQLite / PostgreSQL | SQLite p50 / p95 | PostgreSQL p50 / p95 (after ANALYZE) |
|---|---|---|---|
| the network page (members, newest agendas, meetings) | 10 / 11 | 524 / 625 ms | 314 / 425 ms |
| the agenda overview, unfiltered (400 rows, 3 charts) | 12 / 12 | 667 / 1597 ms | 494 / 913 ms |
| the overview, ?status=presented (200 rows) | 12 / 12 | 348 / 416 ms | 233 / 435 ms |
| the overview, ?provincie=utrecht&leefgebied=housing | 12 / 12 | 223 / 250 ms | 192 / 276 ms |
| the CSV export of the overview (400 rows) | 9 / 9 | 417 / 480 ms | 230 / 458 ms |
| a municipality page with its matches | 21 / 21 | 441 / 514 ms | 337 / 400 ms |

Query counts do not depend on the number of municipalities or agendas (tests/networks/test_overview.py,
tests/networks/test_matching_pages.py); the time of the unfiltered overview grows with the rows it renders.
"""

import argparse
import datetime
import random
import statistics
import time

from _database import setup_django


def build(municipality_count, agenda_count, rng):
    from wagtail.models import Site

    from core.factories import HomePageFactory
    from core.models import Municipality, Province
    from networks.models import (
        AgendaStatus,
        InclusionAgendaOverviewPage,
        InclusionAgendaPage,
        LifeDomain,
        MunicipalityIndexPage,
        MunicipalityPage,
        NetworkIndexPage,
        NetworkMember,
        NetworkPage,
    )
    from tests.conftest import ensure_wagtail_base

    root = ensure_wagtail_base()
    home = HomePageFactory(parent=root, slug="kennisplatform")
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    index = NetworkIndexPage(title="Netwerken", slug="netwerken")
    home.add_child(instance=index)
    network = NetworkPage(title="Iedereen doet mee!", slug="iedereen-doet-mee")
    index.add_child(instance=network)
    municipalities_index = MunicipalityIndexPage(title="Gemeenten", slug="gemeenten")
    network.add_child(instance=municipalities_index)
    overview = InclusionAgendaOverviewPage(title="Lokale Inclusie Agenda's", slug="agendas")
    network.add_child(instance=overview)

    provinces, statuses = list(Province.values), list(AgendaStatus.values)
    domains = list(LifeDomain.objects.all())
    municipalities = Municipality.objects.bulk_create(
        Municipality(
            name=f"Gemeente {number:03d}",
            slug=f"gemeente-{number:03d}",
            cbs_code=f"GM{number:04d}",
            province=provinces[number % len(provinces)],
            inhabitants=int(rng.lognormvariate(10.6, 0.8)) + 1000,
        )
        for number in range(municipality_count)
    )
    NetworkMember.objects.bulk_create(
        NetworkMember(
            network=network,
            municipality=municipality,
            sort_order=number,
            contact_persons=[("person", {"name": "Contact", "role": "", "email": "inclusie@example.org", "phone": ""})],
        )
        for number, municipality in enumerate(municipalities)
    )
    today = datetime.date.today()
    for number, municipality in enumerate(municipalities):
        page = MunicipalityPage(title=municipality.name, slug=municipality.slug, municipality=municipality)
        municipalities_index.add_child(instance=page)
        if number >= agenda_count:
            continue
        status = statuses[number % len(statuses)]
        presented = status in ("presented", "evaluating")
        agenda = InclusionAgendaPage(
            title=f"Lokale Inclusie Agenda {municipality.name}",
            slug="inclusie-agenda",
            status=status,
            adopted_on=today - datetime.timedelta(days=rng.randint(200, 1800)) if status != "in_preparation" else None,
            presented_on=today - datetime.timedelta(days=rng.randint(1, 1800)) if presented else None,
            agenda_summary="<p>Samen met ervaringsdeskundige inwoners werken we aan een inclusieve gemeente.</p>",
        )
        agenda.life_domains = rng.sample(domains, rng.randint(3, 5))
        page.add_child(instance=agenda)
    return network, overview


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
    parser.add_argument("--municipalities", type=int, default=400, help="member municipalities, each with a page")
    parser.add_argument("--agendas", type=int, default=None, help="published agendas (default: one per municipality)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--postgres", default="", help="PostgreSQL URL of a throw-away database")
    args = parser.parse_args()
    agendas = args.municipalities if args.agendas is None else min(args.agendas, args.municipalities)

    setup_django(args.postgres, "networks")
    started = time.perf_counter()
    network, overview = build(args.municipalities, agendas, random.Random(2020))
    print(f"Built {args.municipalities} municipalities and {agendas} agendas in {time.perf_counter() - started:.1f} s")
    from django.db import connection

    from networks.models import MunicipalityPage

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics, as autovacuum would have them in production
    municipality = MunicipalityPage.objects.filter(network=network).order_by("path").first()
    base = overview.url
    urls = [
        network.url,
        base,
        f"{base}?status=presented",
        f"{base}?provincie=utrecht&leefgebied=housing",
        f"{base}csv/",
        municipality.url,
    ]
    print(f"{'URL':60} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for url, queries, p50, p95 in measure(urls, args.rounds):
        print(f"{url:60} {queries:>7} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
