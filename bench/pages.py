"""Pages under load: gunicorn with the production configuration on a site of 20,000 pages, measured with wrk.

    python bench/pages.py                                   # SQLite, 20,000 generated pages, 5 s per URL
    python bench/pages.py --database postgres               # PostgreSQL (database kp_bench, dropped and created)
    python bench/pages.py --pages 2000 --duration 2 --connections 8

What it does:

1. A database with the demo (seed_demo) plus --pages generated pages over every page type (bench/_pages_seed.py
   builds the tree in bulk), and the search documents of all of it. The seeded database is kept for the next run
   with the same --pages and generator: a file under var/bench/ (SQLite) or the template database kp_bench_seed
   (PostgreSQL); each run migrates its copy. --reseed builds it again (for new demo content, say).
2. collectstatic into var/bench/ (the production manifest storage needs it), once per code state.
3. For each phase, gunicorn with platform/gunicorn.conf.py and the production settings (bench/_settings.py:
   production plus a switch for the page cache), 2 workers with 2 threads as on this 2-core machine, Redis
   (--redis, db 9 by default) as the shared cache with this run's keys removed before each phase, and
   connections from wrk (or a Python client when wrk is missing) that send `X-Forwarded-Proto: https` as the
   reverse proxy does. gunicorn's keep-alive is off (--keepalive 0): each request comes on a new connection, as
   from a proxy that does not keep its upstream connections, so the kernel spreads requests over both workers.
   With keep-alive, a gthread worker accepts every connection it can, and wrk's four connections often all
   landed on one worker: the lesson page measured 91 req/s in one run and 176 in the next (one CPU or two).
   bench/bakerydemo/ measures stock bakerydemo the same way, for the side-by-side comparison.
   - cold: the page cache switched off, so every request renders the page (each URL is requested a few times
     first so both workers have loaded their templates);
     The cold phase then measures each detail page type "in turn": every request asks for the next of all the
     generated pages of that type. The single URL above is rendered thousands of times within one content
     generation, so what the site keeps per page and generation (related items, taxonomy: core/caching.py) is
     read back from memory; in turn, no page has been seen before, as for a crawler or the first visitors after
     a publish. bench/bakerydemo/run.sh measures its blog posts in turn in the same way;
   - warm: the page cache on, measured after a first request per URL.
   Every URL is measured --duration seconds with --connections connections: requests/s, p50, p95 and the
   share of the ceiling, /healthz (a trivial view behind the same middleware) measured in the same run.
   "first ms" is the URL's first request in the phase (cold: nothing of it cached yet), "cache" the page
   cache's X-Page-Cache header on a request after the measurement (hit, miss, or - when not a cached kind).

gunicorn replaces a worker after GUNICORN_MAX_REQUESTS requests in production (1,000); at thousands of requests
a second that is a restart (and a Django start-up) every second, so the benchmark raises it (--max-requests,
default 1,000,000) to measure the steady state. The access log stays on, as in production.
"""

import argparse
import http.client
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench._database import start_from_migrated_copy  # noqa: E402 - needs ROOT on the path
from bench._http import (  # noqa: E402 - needs ROOT on the path
    BENCH_REDIS_URL,
    CACHE_DIR,
    CACHE_PREFIX,
    code_key,
    collect_static,
    flush_redis,
)

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/kp_bench"

# One JSON line of wrk's summary (shared with bench/bakerydemo/run.sh).
WRK_REPORT = ROOT / "bench" / "wrk_report.lua"


# --- Database ----------------------------------------------------------------------------------------------------


def setup_django(database_url, media_root):
    """Django in this process on `database_url`, with the seeded site's images and documents in `media_root`."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.conf import settings

    # The test settings' MEDIA_ROOT is a temporary folder of this process. The seeded images must outlive it:
    # without their files every card and hero image is a missing source that Wagtail tries to open on every
    # request (and shows as a broken image), which is neither what visitors get nor what bakerydemo measures.
    settings.MEDIA_ROOT = str(media_root)


def kept_media(seeded):
    """The folder kept beside a seeded database (a file or a template database's name) for its media files."""
    return CACHE_DIR / f"{seeded}.media"


def use_copies(url, database_name, kept_media_root, workdir, seeded):
    """This process on this run's copies: the database `url` (named `database_name`) and a copy of the kept media
    in `workdir`, so renditions made during the run do not pile up in the kept folder. Returns the copy's folder.

    When the seed was just built (`seeded`), Django already runs on it and is pointed at the copies; otherwise it
    is set up on the copies and the kept seed is migrated."""
    media_root = Path(workdir) / "media"
    shutil.copytree(kept_media_root, media_root)
    if not seeded:
        setup_django(url, media_root)
        migrate_kept()
        return media_root
    from django.conf import settings
    from django.db import connections

    connections["default"].settings_dict["NAME"] = database_name
    settings.MEDIA_ROOT = str(media_root)
    return media_root


def seed_into(database_url, media_root, pages):
    """Migrate and seed `database_url` (empty) in this process; returns the seeding timings."""
    from django.core.management import call_command
    from django.db import connection

    from bench import _pages_seed

    setup_django(database_url, media_root)
    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    timings = {"migrate": time.perf_counter() - began}
    timings.update(_pages_seed.seed(pages, stdout=lambda line: print(line, flush=True)))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return timings


def migrate_kept():
    """Bring a kept seeded database up to the code's migrations."""
    from django.core.management import call_command

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Kept seeded database migrated in {time.perf_counter() - began:.1f} s")


def prepare_sqlite(pages, key, reseed, workdir):
    """Copies of the seeded SQLite file and its media in `workdir`; seeds (and keeps) them first when needed.

    Returns the database URL, the media folder and the seeding timings (None when the kept seed was used).
    """
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cached = CACHE_DIR / f"pages-{pages}-{key}.sqlite3"
    media = kept_media(cached.name)
    timings = None
    if reseed or not cached.exists() or not media.is_dir():
        for old in CACHE_DIR.glob(f"pages-{pages}-*.sqlite3*"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
        building = CACHE_DIR / f"building-{os.getpid()}.sqlite3"
        building_media = kept_media(building.name)
        shutil.rmtree(building_media, ignore_errors=True)
        start_from_migrated_copy(building)  # when BENCH_MIGRATED_SQLITE names one (bench/_database.py)
        timings = seed_into(f"sqlite:///{building}", building_media, pages)
        building.rename(cached)
        building_media.rename(media)
    path = Path(workdir) / "bench.sqlite3"
    shutil.copyfile(cached, path)
    url = f"sqlite:///{path}"
    return url, use_copies(url, str(path), media, workdir, seeded=timings is not None), timings


def prepare_postgres(url, pages, key, reseed, workdir):
    """`url`'s database, created from the template database <name>_seed, and a copy of its media in `workdir`;
    seeds the template first when needed. Returns the URL, the media folder and the seeding timings."""
    import psycopg2

    base, name = url.rsplit("/", 1)
    template = f"{name}_seed"
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    media = kept_media(f"{template}-{key}")
    admin = psycopg2.connect(f"{base}/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [template])
        row = cursor.fetchone()
    timings = None
    if reseed or row is None or row[0] != key or not media.is_dir():
        for old in CACHE_DIR.glob(f"{template}-*.media"):
            shutil.rmtree(old)
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}"')
            cursor.execute(f'CREATE DATABASE "{template}"')
        timings = seed_into(f"{base}/{template}", media, pages)
        with admin.cursor() as cursor:
            cursor.execute(f"COMMENT ON DATABASE \"{template}\" IS '{key}'")
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    admin.close()
    return url, use_copies(url, name, media, workdir, seeded=timings is not None), timings


# --- What is measured --------------------------------------------------------------------------------------------


def middle(queryset):
    """The item just after the middle (not one of the pages with the rare word)."""
    return queryset[queryset.count() // 2 + 1]


def targets():
    """[(label, URL)]: the ceiling, the home page, a detail page of each section, listings and searches."""
    from django.utils import timezone

    from bench._pages_seed import COMMON_WORD, RARE_WORD, model_named

    def page(name, **filters):
        return middle(model_named(name).objects.live().public().filter(**filters).order_by("pk"))

    tip = middle(model_named("Tip").objects.filter(page__title__startswith="Tips ").order_by("pk"))
    session = (
        model_named("SessionPage")
        .objects.live()
        .filter(start__gt=timezone.now(), is_cancelled=False, title__startswith="Sessie ")
        .order_by("pk")
        .first()
    )

    def relative(page):
        return page.get_url(None)  # the path within the one site

    return [
        ("ceiling /healthz", "/healthz"),
        ("home", "/"),
        ("expedition", relative(page("ExpeditionPage", title__startswith="Expeditie "))),
        ("lesson", relative(page("LessonPage", title__startswith="Les "))),
        ("session", relative(session)),
        ("tip (permalink)", tip.get_url(None)),
        ("story", relative(page("StoryPage", title__startswith="Verhaal "))),
        ("content page", relative(page("ContentPage", title__startswith="Achtergrond "))),
        ("lessons, filtered", "/expedities/lessen/?lens=accessibility&status=completed"),
        ("stories, filtered", "/verhalen/?theme=werving"),
        ("search, rare word", f"/zoeken/?q={RARE_WORD}"),
        ("search, common word", f"/zoeken/?q={COMMON_WORD}"),
    ]


def rotations():
    """[(label, [path, ...])]: every generated page of each detail type, requested in turn in the cold phase."""
    from bench._pages_seed import model_named

    def paths(name, prefix, **filters):
        pages = model_named(name).objects.live().public().filter(title__startswith=prefix, **filters).order_by("pk")
        return [page.get_url(None) for page in pages.specific()]

    tips = model_named("Tip").objects.filter(page__title__startswith="Tips ").order_by("pk")
    found = [
        ("lesson", paths("LessonPage", "Les ")),
        ("session", paths("SessionPage", "Sessie ")),  # past ones too: every one is a page to render
        ("tip (permalink)", [tip.get_url(None) for tip in tips]),
        ("story", paths("StoryPage", "Verhaal ")),
        ("content page", paths("ContentPage", "Achtergrond ")),
    ]
    return [(f"{label}, in turn", urls) for label, urls in found if urls]


def get(server, url):
    status, headers, body = server.request("GET", url)
    if status != 200:
        raise SystemExit(f"{url} answered {status}:\n{body[:500]!r}\n{server.log_text()[-3000:]}")
    return headers


def run_wrk(server, url, duration, connections):
    """wrk on `url`, or on a list of paths in turn (written to a file that wrk_report.lua reads)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{int(duration)}s", "--timeout", "10s", "-s", str(WRK_REPORT)]
    command += ["-H", "X-Forwarded-Proto: https"]  # as the reverse proxy sends
    env = dict(os.environ, WRK_PATHS="")
    with tempfile.NamedTemporaryFile("w", suffix=".paths") as paths:
        if not isinstance(url, str):
            paths.write("\n".join(url) + "\n")
            paths.flush()
            env["WRK_PATHS"], url = paths.name, url[0]
        result = subprocess.run(  # noqa: S603 - wrk with our own arguments
            [*command, f"http://{server.address}{url}"], capture_output=True, text=True, check=True, env=env
        )
    line = next(line for line in reversed(result.stdout.splitlines()) if line.startswith("{"))
    data = json.loads(line)
    return {
        "requests": data["requests"],
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50": data["p50_us"] / 1000,
        "p95": data["p95_us"] / 1000,
        "errors": data["errors"] + data["status_errors"],
    }


def run_python_client(server, url, duration, connections):
    """The same measurement without wrk: `connections` threads with a keep-alive connection each; `url` may be a
    list of paths, asked for in turn."""
    latencies, errors = [], []
    deadline = time.perf_counter() + duration
    turn = itertools.cycle([url] if isinstance(url, str) else url)
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
        mine = []
        while time.perf_counter() < deadline:
            with lock:
                path = next(turn)
            began = time.perf_counter()
            connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - began)
            if response.status != 200:
                errors.append(response.status)
        connection.close()
        latencies.extend(mine)

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / wall,
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "errors": len(errors),
    }


def measure_phase(phase, env, urls, turns, args, workdir, measure):
    from tests.servers import gunicorn

    flush_redis(args.redis)
    env = {**env, "BENCH_PAGE_CACHE": "off" if phase == "cold" else "on"}
    results = {}
    with gunicorn(env, workdir, boot_timeout=120) as server:
        # Both workers start Django; then the first request of each URL (warm: it fills the page cache), and a few
        # more so both workers have loaded the templates of every URL.
        start_workers(server)
        first, failing = {}, {}
        for label, url in urls:
            began = time.perf_counter()
            status, _headers, _body = server.request("GET", url)
            first[url] = (time.perf_counter() - began) * 1000
            if status != 200:  # reported, and the other URLs still measured
                failing[label] = status
                print(f"{phase}: {url} answered {status}; server log:\n{server.log_text()[-2500:]}", file=sys.stderr)
        for label, url in urls:
            for _ in range(3 if label not in failing else 0):
                get(server, url)
        for label, url in urls:
            if label in failing:
                results[label] = {"failed": failing[label]}
                continue
            results[label] = measure(server, url, args.duration, args.connections)
            results[label]["first"] = first[url]
            results[label]["cache"] = get(server, url).get("X-Page-Cache", "-")
            if results[label]["errors"]:
                raise SystemExit(f"{phase} {url}: {results[label]['errors']} errors\n{server.log_text()[-3000:]}")
        if phase == "cold":
            for label, paths in turns:
                results[label] = measure(server, paths, args.duration, args.connections)
                results[label].update(first=None, cache="-")
                if results[label]["errors"]:
                    raise SystemExit(f"{phase} {label}: {results[label]['errors']} errors\n{server.log_text()[-3000:]}")
        # The ceiling again at the end: the machine's speed drifts; the share is of the mean of both.
        ceiling_label, ceiling_url = urls[0]
        again = measure(server, ceiling_url, args.duration, args.connections)
        results[ceiling_label]["again"] = again["rps"]
    return results


def start_workers(server):
    """Requests from several connections at once until both workers have started Django (they do so lazily)."""
    threads = [threading.Thread(target=lambda: [get(server, "/healthz") for _ in range(3)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def report(vendor, phase, urls, turns, results):
    first, again = results[urls[0][0]]["rps"], results[urls[0][0]]["again"]
    ceiling = (first + again) / 2
    print(f"\n{vendor}, {phase}: ceiling {first:.0f} req/s at the start, {again:.0f} at the end, shares of the mean")
    print(f"{'':22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'% ceiling':>10} {'first ms':>9} {'cache':>6}  URL")
    rows = urls + [(label, f"{len(paths)} pages, {paths[0]} ...") for label, paths in turns if label in results]
    for label, url in rows:
        row = results[label]
        if "failed" in row:
            print(f"{label:22} answered {row['failed']} (see above)  {url}")
            continue
        print(
            f"{label:22} {row['rps']:8.0f} {row['p50']:8.1f} {row['p95']:8.1f} {100 * row['rps'] / ceiling:9.1f}% "
            f"{'-' if row['first'] is None else format(row['first'], '.0f'):>9} {row['cache']:>6}  {url}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20_000, help="generated pages besides the demo")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per URL and phase")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES, help="throw-away PostgreSQL database URL")
    parser.add_argument("--phases", default="cold,warm", help="cold, warm, both (default) or none")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="profile N requests per URL in-process")
    parser.add_argument("--reseed", action="store_true", help="build the seeded database again")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="gunicorn's max_requests per worker")
    parser.add_argument("--redis", default=BENCH_REDIS_URL, help="Redis database of the servers' cache")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument(
        "--keepalive", type=int, default=0, metavar="SECONDS", help="gunicorn's keep-alive (0: new connections)"
    )
    args = parser.parse_args()
    if args.pages < 100:
        parser.error("--pages: at least 100 (a few of every page type)")

    key = code_key(f"pages={args.pages}")
    workdir = tempfile.mkdtemp(prefix="kp-pages-bench-")
    try:
        began = time.perf_counter()
        if args.database == "sqlite":
            database_url, media_root, timings = prepare_sqlite(args.pages, key, args.reseed, workdir)
        else:
            database_url, media_root, timings = prepare_postgres(args.postgres, args.pages, key, args.reseed, workdir)
        if timings:
            steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
            print(f"Seeded in {sum(timings.values()):.1f} s ({steps})")
        else:
            print(f"Seeded database reused (key {key}); ready in {time.perf_counter() - began:.1f} s")
        from django.db import connection

        vendor = connection.vendor
        urls, turns = targets(), rotations()
        if args.profile:
            from bench._profile import profile_urls

            profile_urls(urls[1:], args.profile, turns=turns)
        connection.close()
        static_root = collect_static()

        from tests.servers import production_env

        env = production_env(
            DJANGO_SETTINGS_MODULE="bench._settings",
            DATABASE_URL=database_url,
            REDIS_URL=args.redis,
            BENCH_CACHE_PREFIX=CACHE_PREFIX,
            STATIC_ROOT=str(static_root),
            MEDIA_ROOT=str(media_root),
            GUNICORN_MAX_REQUESTS=str(args.max_requests),
            GUNICORN_KEEPALIVE=str(args.keepalive),
        )
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        measure = run_wrk if use_wrk else run_python_client
        print(
            f"{args.pages} generated pages, {vendor}, gunicorn 2 workers x 2 threads, "
            f"{'wrk' if use_wrk else 'Python client'} with {args.connections} connections, "
            f"{args.duration:g} s per URL, keep-alive {args.keepalive} s"
        )
        failed = False
        for phase in [phase for phase in args.phases.split(",") if phase != "none"]:
            results = measure_phase(phase, env, urls, turns, args, workdir, measure)
            report(vendor, phase, urls, turns, results)
            failed = failed or any("failed" in row for row in results.values())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        flush_redis(args.redis)
    if failed:
        raise SystemExit("Some URLs did not answer 200 (see above).")


if __name__ == "__main__":
    main()
