"""Where an uncached page view spends its time: Django's test client under cProfile, in the benchmark process.

For each URL: the median time of a request without the profiler, its queries and their time, and with the
profiler on, the share of the view's time spent in routing (finding the page for the path, including the Site),
in the page's context (get_context: the queries and objects the template needs), in template rendering, and
the share of all SQL, then the functions with the most time of their own.
"""

import cProfile
import io
import pstats
import statistics
import time

# (end of the file name, function name) whose cumulative time is a phase of the request.
PHASES = {
    # Wagtail's route_for_request: the Site's root page's route (HomePage.route), then the pages' own routing.
    "routing": [("wagtail/models/pages.py", "route_for_request")],
    "site lookup": [("wagtail/models/sites.py", "find_for_request"), ("core/middleware.py", "_preload_site")],
    "get_context": [("", "get_context")],
    "template render": [("django/template/backends/django.py", "render")],
}
SQL = ("execute", "executemany", "fetchone", "fetchmany", "fetchall")


def _cumulative(stats, patterns):
    """The largest cumulative time among matching functions (outer calls include the inner ones)."""
    best = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        for suffix, function in patterns:
            if name == function and filename.endswith(suffix):
                best = max(best, ct)
    return best


def _sql_time(stats):
    """Time in the database drivers' cursor methods (psycopg2's C methods, sqlite3's cursor wrapper)."""
    return sum(
        tt
        for (filename, _line, name), (_cc, _nc, tt, _ct, _callers) in stats.stats.items()
        if filename == "~" and "ursor" in name and any(method in name for method in SQL)
    )


def profile_urls(urls, rounds, top=12, turns=()):
    """Profile `rounds` uncached requests of every (label, url); prints a summary and the hot functions.

    `turns` are (label, [path, ...]) rows: each path is requested once, the first view of a page, as the benchmark's
    "in turn" rows do; the paths are split in three parts, for the times, the queries and the profile.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    query_time = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            query_time.append(time.perf_counter() - began)

    print(f"\nIn-process profile, {rounds} requests per URL, page cache off (Django's test client):")
    print(
        f"{'':22} {'ms/req':>7} {'queries':>8} {'SQL ms':>7} {'routing':>8} {'site':>6} {'context':>8} "
        f"{'render':>7} {'SQL':>5}"
    )
    details = []
    rows = [(label, [url] * (3 * rounds)) for label, url in urls]
    rows += [(label, paths[: 3 * rounds]) for label, paths in turns if len(paths) >= 3]
    with override_settings(PAGE_CACHE_ENABLED=False, DEBUG=False):
        for label, paths in rows:
            response = client.get(paths[-1])  # templates and per-generation values loaded
            assert response.status_code == 200, (paths[-1], response.status_code)
            third = len(paths) // 3
            times = []
            query_time.clear()
            with connection.execute_wrapper(timed):
                for url in paths[:third]:
                    began = time.perf_counter()
                    client.get(url)
                    times.append(time.perf_counter() - began)
            queries, sql = len(query_time) / third, sum(query_time) / third
            profiler = cProfile.Profile()
            profiler.enable()
            for url in paths[third : 2 * third]:
                client.get(url)
            profiler.disable()
            stats = pstats.Stats(profiler)
            total = _cumulative(stats, [("django/test/client.py", "request")]) or 1e-9
            shares = {name: _cumulative(stats, patterns) / total for name, patterns in PHASES.items()}
            print(
                f"{label:22} {statistics.median(times) * 1000:7.1f} {queries:8.0f} {sql * 1000:7.1f} "
                f"{shares['routing']:7.0%} {shares['site lookup']:6.0%} {shares['get_context']:8.0%} "
                f"{shares['template render']:7.0%} {sql / statistics.median(times):5.0%}"
            )
            output = io.StringIO()
            pstats.Stats(profiler, stream=output).strip_dirs().sort_stats("tottime").print_stats(top)
            details.append((label, output.getvalue()))
    print(
        "(routing to render: shares of the request's time with the profiler on, context and render overlap where "
        "templates query; SQL: query time over request time without it)"
    )
    for label, text in details:
        lines = [line for line in text.splitlines() if line.strip()]
        start = next(n for n, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print(f"\n{label}: functions with the most time of their own ({rounds} requests)")
        print("\n".join(lines[start : start + top + 1]))
