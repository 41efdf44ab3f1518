"""A small fixed-window rate limit per client IP, kept in Django's cache.

The local-memory cache (dev, tests) counts per process. Production must use a shared cache such as
Redis (CACHES setting) so all workers count together.
"""

from django.core.cache import cache

from knowledgeboost import conf


def client_ip(request):
    """The client's address. X-Forwarded-For is only believed for the number of proxies we run ourselves.

    With KNOWLEDGEBOOST_TRUSTED_PROXIES = 1 (one reverse proxy in front of gunicorn) the last address the
    proxy appended is used; anything further left could be forged by the client.
    """
    trusted = conf.trusted_proxies()
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def hit(request, scope="registration"):
    """Count one attempt; True when the client is over the limit."""
    limit, window = conf.rate_limit()
    if limit <= 0:
        return False
    key = f"knowledgeboost:ratelimit:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return False
    return count > limit
