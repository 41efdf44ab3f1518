"""Invariants kept per content generation are read from this process's copy, not from the shared cache, on
every request after the first; a new generation, the timeout and the size bound all still hold."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core import caching
from core.caching import memoize, process_memo

factory = RequestFactory()


class Builder:
    def __init__(self, value):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


def fresh_request():
    return factory.get("/")


@pytest.fixture
def shared_reads():
    """The names of memo keys read from the shared cache."""
    reads = []
    real_get = cache.get

    def get(key, *args, **kwargs):
        if key.startswith("kp:memo2:"):
            reads.append(key.rsplit(":", 1)[1])
        return real_get(key, *args, **kwargs)

    with mock.patch.object(cache, "get", side_effect=get):
        yield reads


def test_later_requests_read_the_process_copy_not_the_shared_cache(shared_reads):
    build = Builder({"menu": ["Tips", "Verhalen"]})

    first = memoize(fresh_request(), "menu", build)
    second = memoize(fresh_request(), "menu", build)
    third = memoize(fresh_request(), "menu", build)

    assert first == second == third == {"menu": ["Tips", "Verhalen"]}
    assert build.calls == 1
    assert shared_reads == ["menu"]  # the first request only


def test_each_request_gets_objects_of_its_own():
    memoize(fresh_request(), "menu", Builder({"items": [1, 2]}))

    one = memoize(fresh_request(), "menu", Builder(None))
    one["items"].append(3)  # a request that changes what it got
    other = memoize(fresh_request(), "menu", Builder(None))

    assert other == {"items": [1, 2]}


def test_a_new_generation_is_built_again(db):
    build = Builder("oud")
    memoize(fresh_request(), "title", build)

    caching.bump_generation()  # what any change does, in any process
    build.value = "nieuw"

    assert memoize(fresh_request(), "title", build) == "nieuw"
    assert build.calls == 2


def test_another_process_copy_of_the_shared_value_is_used(shared_reads):
    """A value another process built (in the shared cache only) is read once, then kept here."""
    memoize(fresh_request(), "figures", Builder([1, 2, 3]))
    process_memo.clear()  # as in a second worker

    build = Builder("never")
    assert memoize(fresh_request(), "figures", build) == [1, 2, 3]
    assert memoize(fresh_request(), "figures", build) == [1, 2, 3]
    assert build.calls == 0
    assert shared_reads == ["figures", "figures"]  # the first worker's first read and the second worker's


def test_a_copy_expires_with_the_shared_one():
    """Copied from the shared cache 250 s after it was built, with a timeout of 300 s: it expires at 300 s, not 550."""
    now = [1_000_000.0]
    with mock.patch.object(caching.time, "time", side_effect=lambda: now[0]):
        memoize(fresh_request(), "upcoming", Builder("sessies van 10:00"), timeout=300)
        process_memo.clear()  # another worker
        now[0] += 250
        assert memoize(fresh_request(), "upcoming", Builder("never"), timeout=300) == "sessies van 10:00"

        now[0] += 60  # 310 s after it was built: the shared copy (locmem) has expired too
        assert memoize(fresh_request(), "upcoming", Builder("sessies van 10:05"), timeout=300) == "sessies van 10:05"


def test_none_is_kept_as_a_value():
    build = Builder(None)
    assert memoize(fresh_request(), "nothing", build) is None
    assert memoize(fresh_request(), "nothing", build) is None
    assert build.calls == 1


def test_the_number_of_copies_is_bounded(monkeypatch):
    monkeypatch.setattr(process_memo, "MAX_ENTRIES", 3)
    for number in range(5):
        memoize(fresh_request(), f"page-{number}", Builder(number))

    generation = caching.current_generation()
    kept = [number for number in range(5) if process_memo.get(generation, f"page-{number}") is not caching.MISSING]
    assert kept == [2, 3, 4]  # the oldest went first


def test_a_cache_that_is_down_still_builds(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "add", broken)
    build = Builder("zonder cache")
    assert memoize(fresh_request(), "title", build) == "zonder cache"
    assert memoize(fresh_request(), "title", build) == "zonder cache"
    assert build.calls == 2  # no generation known: nothing is kept


def test_copies_of_one_generation_are_never_read_under_another():
    far = 4_000_000_000.0
    process_memo.set("generation-a", "menu", "menu of a", far)
    process_memo.set("generation-b", "footer", "footer of b", far)

    assert process_memo.get("generation-b", "menu") is caching.MISSING  # a's copy went with a
    assert process_memo.get("generation-a", "footer") is caching.MISSING
    assert process_memo.get("generation-b", "footer") == "footer of b"


def test_a_value_kept_in_this_process_only_never_reaches_the_shared_cache(db, shared_reads):
    build = Builder({"themes": ["Werving"]})
    assert memoize(fresh_request(), "taxonomy", build, shared=False) == {"themes": ["Werving"]}
    assert memoize(fresh_request(), "taxonomy", build, shared=False) == {"themes": ["Werving"]}
    assert build.calls == 1 and shared_reads == []
    assert not [key for key in cache._cache if ":taxonomy" in key]  # nothing written either (locmem's keys)

    process_memo.clear()  # another worker builds its own
    assert memoize(fresh_request(), "taxonomy", build, shared=False) == {"themes": ["Werving"]}
    assert build.calls == 2

    caching.bump_generation()
    build.value = {"themes": ["Inclusie"]}
    assert memoize(fresh_request(), "taxonomy", build, shared=False) == {"themes": ["Inclusie"]}


def test_a_value_kept_in_this_process_only_expires_after_the_timeout():
    now = [1_000_000.0]
    with mock.patch.object(caching.time, "time", side_effect=lambda: now[0]):
        assert memoize(fresh_request(), "views", Builder(3), timeout=300, shared=False) == 3
        now[0] += 299
        assert memoize(fresh_request(), "views", Builder(4), timeout=300, shared=False) == 3
        now[0] += 2
        assert memoize(fresh_request(), "views", Builder(5), timeout=300, shared=False) == 5
