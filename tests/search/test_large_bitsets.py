"""Word bitsets of a large index survive the production cache (Redis).

Django's Redis cache stores a bare int as its decimal text; Python refuses to turn an int of more than 4,300 digits
into text, so with about 14,000 documents every search on a production stack failed with a 500 (found by
bench/pages.py at 20,000 pages). Bitsets are cached as bytes.
"""

import pytest

from core.redis_cache import RedisCache
from search.engines.database import _pack_bits, _unpack_bits
from tests.servers import live_redis_cache


@pytest.fixture
def redis_cache():
    cache = live_redis_cache(RedisCache, "test-bitsets")
    yield cache
    cache.delete_many(["words"])


def test_a_bitset_of_30000_documents_round_trips_through_redis(redis_cache):
    bits = (1 << 30_000) | (1 << 14_000) | 0b1011
    redis_cache.set("words", _pack_bits(bits), 60)
    assert _unpack_bits(redis_cache.get("words")) == bits


def test_a_bare_int_of_that_size_is_what_failed(redis_cache):
    with pytest.raises(ValueError, match="digits"):
        redis_cache.set("words", 1 << 30_000, 60)


@pytest.mark.parametrize("bits", [0, 1, 0b1000_0000, (1 << 64) - 1])
def test_small_bitsets_and_the_empty_one_round_trip(bits):
    assert _unpack_bits(_pack_bits(bits)) == bits
    assert _unpack_bits(None) is None
