"""Production settings with the few switches the HTTP benchmarks need, each from the environment.

    DJANGO_SETTINGS_MODULE=bench._settings

- BENCH_PAGE_CACHE=off: the anonymous page cache off (the cold, uncached measurement); anything else keeps it.
- BENCH_CACHE_PREFIX: the start of every cache key, so the benchmark can empty just its own keys.
- BENCH_RATE_LIMIT: registration attempts per client and window (0: no limit), for the registrations benchmark,
  where one machine plays 200 visitors.

Everything else is config.settings.production, as gunicorn runs it in production.
"""

import os

from config.settings.production import *  # noqa: F403

if os.environ.get("BENCH_PAGE_CACHE", "on") == "off":
    # Every page view renders (core.caching); what the middleware keeps per content generation besides whole
    # pages (the Site, settings, menus) stays, as on a cache miss in production.
    PAGE_CACHE_ENABLED = False

if "BENCH_RATE_LIMIT" in os.environ:
    EVENTS_RATE_LIMIT = KNOWLEDGEBOOST_RATE_LIMIT = int(os.environ["BENCH_RATE_LIMIT"])

if "BENCH_CACHE_PREFIX" in os.environ:
    for cache in CACHES.values():  # noqa: F405
        cache["KEY_PREFIX"] = os.environ["BENCH_CACHE_PREFIX"]
