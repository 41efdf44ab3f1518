import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Value
from django.http.request import split_domain_port
from wagtail.models import Page, Site
from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION, SiteRootPath

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
        token = caching.set_current_request(request)
        try:
            return self._respond(request)
        finally:
            caching.reset_current_request(token)

    def _respond(self, request):
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
            cached, dependencies = cached
            if caching.dependencies_unchanged(dependencies):
                cached[caching.HEADER] = "hit"
                return cached

        started = time.time()
        request._kp_page_cache_candidate = True
        response = self.get_response(request)
        dependencies = getattr(request, "_kp_dependencies", None) or {}
        if caching.is_public_page_response(request, response) and None not in dependencies.values():
            caching.make_public(response, started)
            try:
                cache.set(key, (response, dependencies), caching._setting("PAGE_CACHE_TIMEOUT", 300))
            except Exception:
                logger.exception("Page cache: could not store a page")
            response[caching.HEADER] = "miss"
        else:
            caching.make_private(request, response)
        return response


def _preload_site(request):
    """What Wagtail and every page look up per request and that only changes with content, read once per
    content generation in one cache entry: the Site with its (specific) root page, the site root paths that
    page URLs are made from, the site settings (header and footer) and the main menu. On an empty cache that
    is three queries (sites with their root pages, locales and settings; the specific root page; the menu)
    instead of a Site query per lookup, one for the root paths and one for the settings."""
    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()
    try:
        bundle = caching.memoize(request, f"site:{hostname}:{port}", lambda: _site_bundle(request, hostname, port))
    except DatabaseError:
        # The database is down: pages fail in their view (the Dutch 500 page); /healthz, which needs no
        # database, still answers, and /readyz names the database.
        logger.warning("Page cache: could not look up the site", exc_info=True)
        return
    request._wagtail_site = bundle["site"]
    request._wagtail_cached_site_root_paths = bundle["root_paths"]
    request._kp_main_menu = bundle["menu"]
    if bundle["restricted"] is not None:
        caching.remember(request, "view-restrictions", bundle["restricted"])
    site_settings = bundle["settings"]
    if site_settings is not None:
        from core.models import SiteSettings

        site_settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), site_settings)


def _match_site(sites, hostname, port):
    """The site for a host and port, by the rules of Wagtail's ``get_site_for_hostname``."""

    def match(site):
        if site.hostname == hostname:
            return 0 if site.port == port else (1 if site.is_default_site else 3)
        return 2

    candidates = sorted((site for site in sites if site.hostname == hostname or site.is_default_site), key=match)
    if not candidates:
        return None
    if len(candidates) == 1 or match(candidates[0]) in (0, 1):
        return candidates[0]
    if match(candidates[0]) == 2:
        return candidates[len(candidates) == 2]
    return None


def _site_bundle(request, hostname, port):
    from core.models import SiteSettings

    sites = list(
        Site.objects.select_related(
            "root_page",
            "root_page__locale",
            "sitesettings",
            *(f"sitesettings__{field}" for field in SiteSettings.select_related),
        ).order_by("-root_page__url_path", "-is_default_site", "hostname")
    )
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        root_paths = Site.get_site_root_paths()
    else:  # as Site.get_site_root_paths() makes them, from the rows just read
        root_paths = [
            SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
            for site in sites
        ]
        # page.url without a request (templates, feeds) reads Wagtail's copy: fill it too if it is empty.
        try:
            cache.add(SITE_ROOT_PATHS_CACHE_KEY, root_paths, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
        except Exception:  # a cache that is down must not take the site with it
            logger.warning("Page cache: could not store the site root paths", exc_info=True)
    site = _match_site(sites, hostname, port)
    site_settings = None
    menu = []
    if site is not None:
        site.root_page = site.root_page.specific
        try:
            site_settings = site.sitesettings
        except SiteSettings.DoesNotExist:
            site_settings = SiteSettings.for_site(site)
        # Only the site goes into the cache, not every other site it was read with.
        site._state.fields_cache.pop("sitesettings", None)
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = root_paths
        menu, restricted = _menu_and_restrictions(request, site.root_page)
    else:
        restricted = None
    return {"site": site, "root_paths": root_paths, "settings": site_settings, "menu": menu, "restricted": restricted}


def _menu_and_restrictions(request, root):
    """The main menu (the root's live children shown in menus that are not private) and the private sections
    of the site (``caching.restricted_sections``), in one query: a UNION of the two page lists."""
    fields = ("id", "title", "url_path", "path", "depth")
    pages = (Page.objects.child_of(root).live().in_menu().order_by().only(*fields).annotate(kind=Value("menu"))).union(
        Page.objects.filter(view_restrictions__isnull=False).order_by().only(*fields).annotate(kind=Value("private")),
        all=True,
    )
    pages = sorted(pages, key=lambda page: page.path)
    restricted = sorted({(page.path, page.depth) for page in pages if page.kind == "private"})
    menu = [
        {"title": page.title, "url": page.get_url(request), "path": page.path}
        for page in pages
        if page.kind == "menu" and not any(page.path.startswith(path) for path, _depth in restricted)
    ]
    return menu, restricted
