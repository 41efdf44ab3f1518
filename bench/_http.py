"""What the HTTP benchmarks share: the code hash their caches are keyed on, static files, the Redis database."""

import hashlib
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "bench"
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
APP_DIRS = ("config", "core", "events", "expeditions", "knowledgeboost", "networks", "search", "stories", "tips")


def code_key(label):
    """A hash of `label` and the page generator: a kept seeded database is valid while neither changes.

    The apps change all the time; a kept database is migrated before each run instead (new demo content that
    came after it was seeded is not in it: --reseed builds it again)."""
    digest = hashlib.sha256(str(label).encode())
    digest.update((ROOT / "bench" / "_pages_seed.py").read_bytes())
    return digest.hexdigest()[:16]


def collect_static():
    """STATIC_ROOT with the production manifest, built again whenever a static file changes."""
    digest = hashlib.sha256()
    for directory in (ROOT / "static", *(ROOT / name / "static" for name in APP_DIRS)):
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
    static_root = CACHE_DIR / f"static-{digest.hexdigest()[:16]}"
    if not (static_root / "staticfiles.json").exists():
        for old in CACHE_DIR.glob("static-*"):
            shutil.rmtree(old)
        from tests.servers import manage, production_env

        manage(production_env(STATIC_ROOT=str(static_root), REDIS_URL=BENCH_REDIS_URL), "collectstatic", "--noinput")
    return static_root


# Every cache key of a benchmark's servers starts with this (bench/_settings.py), so the benchmark can empty its
# own part of a Redis database that others use too.
CACHE_PREFIX = f"kp-bench-{os.getpid()}"


def flush_redis(redis_url=BENCH_REDIS_URL):
    """Remove this benchmark's keys (CACHE_PREFIX) from the shared cache."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{CACHE_PREFIX}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])
