import logging
import time

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site

from core import caching

logger = logging.getLogger(__name__)


class AnonymousPageCacheMiddleware:
    """Serve anonymous page views from the shared cache; see core/caching.py for what is cached and when.

    Sits right after WhiteNoise, before the session, CSRF and message middleware, so a hit costs two cache
    reads and no database query, and whatever those middlewares add (a cookie, ``Vary: Cookie``) is seen
    before deciding to store a response. ``ConditionalGetMiddleware`` above it answers ``304``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _preload_site(request)
        if not caching.may_serve_from_cache(request):
            response = self.get_response(request)
            caching.make_private(request, response)
            return response

        generation = caching.request_generation(request)
        if generation is None:  # the cache is down: render as if there were none
            response = self.get_response(request)
            caching.make_private(request, response)
            return response

        key = caching._cache_key(request, generation)
        cache = caching.cache_backend()
        try:
            cached = cache.get(key)
        except Exception:
            logger.exception("Page cache: could not read a page")
            cached = None
        if cached is not None:
            cached[caching.HEADER] = "hit"
            return cached

        started = time.time()
        response = self.get_response(request)
        if caching.is_public_page_response(request, response):
            caching.make_public(response, started)
            try:
                cache.set(key, response, caching._setting("PAGE_CACHE_TIMEOUT", 300))
            except Exception:
                logger.exception("Page cache: could not store a page")
            response[caching.HEADER] = "miss"
        else:
            caching.make_private(request, response)
        return response


def _preload_site(request):
    """Wagtail looks up the Site (and its root page) once per request; both only change with content."""
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()

    def find():
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    try:
        request._wagtail_site = caching.memoize(request, f"site:{hostname}:{port}", find)
    except DatabaseError:
        # The database is down: pages fail in their view (the Dutch 500 page); /healthz, which needs no
        # database, still answers, and /readyz names the database.
        logger.warning("Page cache: could not look up the site", exc_info=True)
