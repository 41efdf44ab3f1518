from core import ratelimit


def test_client_ip_only_trusts_our_own_proxies(rf, settings):
    request = rf.post("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(request) == "203.0.113.7"  # the address our proxy appended, not the forged one


def test_hit_counts_per_client_and_scope(rf):
    alice = rf.post("/", REMOTE_ADDR="192.0.2.1")
    bob = rf.post("/", REMOTE_ADDR="192.0.2.2")
    assert [ratelimit.hit(alice, "demo", 3, 60) for _ in range(4)] == [False, False, False, True]
    assert ratelimit.hit(bob, "demo", 3, 60) is False
    assert ratelimit.hit(alice, "other", 3, 60) is False


def test_zero_limit_switches_the_limit_off(rf):
    request = rf.post("/", REMOTE_ADDR="192.0.2.1")
    assert not any(ratelimit.hit(request, "off", 0, 60) for _ in range(50))
