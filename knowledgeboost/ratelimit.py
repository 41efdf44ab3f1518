"""A small fixed-window rate limit per client IP, kept in Django's cache.

The local-memory cache (dev, tests) counts per process. Production must use a shared cache such as
Redis (CACHES setting) so all workers count together.
"""

from core import ratelimit
from knowledgeboost import conf


def hit(request, scope="registration"):
    """Count one attempt; True when the client is over the limit."""
    limit, window = conf.rate_limit()
    return ratelimit.hit(request, f"knowledgeboost:{scope}", limit, window)
