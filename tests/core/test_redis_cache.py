"""The Redis cache backend (core/redis_cache.py): Django's, with one redis-py client per connection pool."""

import threading

import pytest
import redis

from core.redis_cache import RedisCache
from tests.servers import live_redis_cache


@pytest.fixture
def cache():
    cache = live_redis_cache(RedisCache, "test-shared-client")
    yield cache
    cache.delete_many(["a", "b", "counter", "added"])


def test_it_behaves_as_djangos_backend(cache):
    cache.set("a", {"waarde": 1}, 60)
    cache.set_many({"b": [2, 3]}, 60)
    assert cache.get("a") == {"waarde": 1}
    assert cache.get_many(["a", "b", "c"]) == {"a": {"waarde": 1}, "b": [2, 3]}
    assert cache.add("added", 1, 60) and not cache.add("added", 2, 60)
    cache.set("counter", 0, 60)
    assert cache.incr("counter", 5) == 5
    cache.delete_many(["a", "b"])
    assert cache.get("a") is None and cache.get("b", "weg") == "weg"


def test_one_client_serves_every_operation(cache, monkeypatch):
    made = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        made.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    for number in range(50):
        cache.set("a", number, 60)
        assert cache.get("a") == number
    assert len(made) == 1


def test_threads_share_the_client_without_losing_a_count(cache):
    cache.set("counter", 0, 60)

    def count():
        for _ in range(200):
            cache.incr("counter")

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.get("counter") == 1600
