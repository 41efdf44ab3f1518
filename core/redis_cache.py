"""Django's Redis cache backend, with one redis-py client per connection pool instead of one per operation.

Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for every cache operation, and redis-py builds
its table of about 165 response callbacks in each one, upper-casing every name (redis/redis-py#3624; a fix,
redis/redis-py#4124, is not released). An uncached page view does 10-20 cache operations (the content generation,
the kept values of core/caching.py, the view counter), and making the clients took 2-4 ms of it: more than the
operations themselves.

A ``redis.Redis`` may be shared between threads: it takes a connection from its pool for each command and gives it
back after. So this client keeps one per pool. Everything else (pools, serialiser, timeouts, several servers) is
Django's.
"""

from django.core.cache.backends import redis


class SharedClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # connection pool -> its redis.Redis

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            # Two threads may both make one; the first stored is kept.
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
