"""What the HTTP benchmarks share: the code hash their caches are keyed on, static files, the Redis database."""

import hashlib
import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = ROOT / "var" / "bench"
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
SEARCH_INDEXING = ("indexing.py", "dutch.py", "facets.py")
APP_DIRS = ("config", "core", "events", "expeditions", "knowledgeboost", "networks", "search", "stories", "tips")


def code_key(label):
    """A hash of `label` and what a seeded database depends on: the migrations (its schema), the demo content, the
    page generator and the search indexing code. Other code changes leave the seeded database valid."""
    digest = hashlib.sha256(str(label).encode())
    paths = [ROOT / "bench" / "_pages_seed.py", *(ROOT / "search" / name for name in SEARCH_INDEXING)]
    for name in APP_DIRS:
        paths += sorted((ROOT / name).glob("migrations/*.py"))
        paths += sorted(path for path in (ROOT / name).rglob("*") if "demo" in path.name and path.is_file())
        paths += sorted(path for path in (ROOT / name).glob("*demo*/**/*") if path.is_file())
    for path in paths:
        if path.exists() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
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
