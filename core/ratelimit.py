"""Per-client fixed-window rate limits kept in Django's cache, shared by every section.

The local-memory cache (dev, tests) counts per process; production sets REDIS_URL so all workers
count together. Only a keyed hash of the client address is used as cache key; it is never stored.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address. X-Forwarded-For is only believed for the proxies we run ourselves.

    With TRUSTED_PROXY_COUNT = 1 (one reverse proxy in front of gunicorn) the last address that proxy
    appended is used; anything further left could be forged by the client.
    """
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if trusted > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= trusted:
            return forwarded[-trusted]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_fingerprint(request):
    return hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()[:32]


def hit(request, scope, limit, window):
    """Count one attempt of this client in `scope`; True when it went over `limit` per `window` seconds."""
    if limit <= 0:
        return False
    key = f"ratelimit:{scope}:{client_fingerprint(request)}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return False
    return count > limit
