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
            cached, dependencies, live = (*cached, None)[:3]  # copies stored before live fragments had two
            if caching.dependencies_unchanged(dependencies) and (live is None or caching.fill_live(cached, live)):
                cached[caching.HEADER] = "hit"
                return cached

        started = time.time()
        request._kp_page_cache_candidate = True
        response = self.get_response(request)
        dependencies = getattr(request, "_kp_dependencies", None) or {}
        live = getattr(request, "_kp_live", None)
        if caching.is_public_page_response(request, response) and None not in dependencies.values():
            caching.make_public(response, started)
            try:
                cache.set(key, (response, dependencies, live), caching._setting("PAGE_CACHE_TIMEOUT", 300))
            except Exception:
                logger.exception("Page cache: could not store a page")
            response[caching.HEADER] = "miss"
        else:
            caching.make_private(request, response)
        if live is not None:
            caching.strip_live(response, live)
        return response


def _preload_site(request):
    """What Wagtail and every page look up per request and that only changes with content, read once per
    content generation in one cache entry: the Site with its (specific) root page, the site root paths that
    page URLs are made from, every site setting (header and footer, community), the main menu and the sections
    of the site (``core.home_sections.section_page``). On an empty cache that is two queries (sites with their
    specific root pages, locales and settings; the root's children with the private sections) instead of a Site
    query per lookup, one for the specific root page, one for the root paths, one per setting and one per
    section index that a page links to."""
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
    request._kp_site_sections = bundle.get("sections") or {}
    if bundle["restricted"] is not None:
        caching.remember(request, "view-restrictions", bundle["restricted"])
    for name, url in bundle.get("remember", {}).items():
        caching.remember(request, name, url)
    # Every site setting read with the site: BaseSiteSetting.for_request() finds it on the request.
    for site_setting in bundle.get("site_settings", ()):
        site_setting._request = request
        setattr(request, site_setting.get_cache_attr_name(), site_setting)


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


def _site_setting_models():
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.contrib.settings.registry import registry

    return [model for model in registry if issubclass(model, BaseSiteSetting)]


def _site_bundle(request, hostname, port):
    from core.models import HomePage, SiteSettings

    # The specific home page (a reverse one-to-one from Page) and every site setting (reverse one-to-ones from
    # Site) come with the sites in the same query: no query for root_page.specific or per setting.
    setting_models = _site_setting_models()
    sites = list(
        Site.objects.select_related(
            "root_page",
            "root_page__locale",
            f"root_page__{HomePage._meta.model_name}",
            *(model._meta.model_name for model in setting_models),
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
    site_settings = []
    menu, sections, remember = [], {}, {}
    if site is not None:
        try:
            site.root_page = getattr(site.root_page, HomePage._meta.model_name)
        except HomePage.DoesNotExist:
            site.root_page = site.root_page.specific
        for model in setting_models:
            try:
                site_settings.append(getattr(site, model._meta.model_name))
            except model.DoesNotExist:
                # The site settings are made on first read, as before; any other setting without a row reads
                # as its defaults until an editor saves it (no write while a page renders).
                site_settings.append(SiteSettings.for_site(site) if model is SiteSettings else model(site=site))
            # Only the site goes into the cache, not its settings a second time.
            site._state.fields_cache.pop(model._meta.model_name, None)
        request._wagtail_site = site
        request._wagtail_cached_site_root_paths = root_paths
        menu, sections, restricted = _menu_sections_and_restrictions(request, site.root_page)
        remember = _remembered_urls(request, sections)
    else:
        restricted = None
    return {
        "site": site,
        "root_paths": root_paths,
        "site_settings": site_settings,
        "menu": menu,
        "sections": sections,
        "restricted": restricted,
        "remember": remember,
    }


def _menu_sections_and_restrictions(request, root):
    """The main menu (the root's live children shown in menus that are not private), the sections of the site
    (the root's live, public children, by page type: ``section_page``) and the private sections of the site
    (``caching.restricted_sections``), in one query: a UNION of the two page lists."""
    fields = ("id", "title", "url_path", "path", "depth", "show_in_menus", "content_type_id")
    pages = (Page.objects.child_of(root).live().order_by().only(*fields).annotate(kind=Value("child"))).union(
        Page.objects.filter(view_restrictions__isnull=False).order_by().only(*fields).annotate(kind=Value("private")),
        all=True,
    )
    pages = sorted(pages, key=lambda page: page.path)
    restricted = sorted({(page.path, page.depth) for page in pages if page.kind == "private"})
    children = [
        page
        for page in pages
        if page.kind == "child" and not any(page.path.startswith(path) for path, _depth in restricted)
    ]
    menu = [
        {"title": page.title, "url": page.get_url(request), "path": page.path}
        for page in children
        if page.show_in_menus
    ]
    sections = {}
    for page in children:  # the first of each type, as .first() of a path-ordered query would find it
        sections.setdefault(page.content_type_id, {field: getattr(page, field) for field in fields})
    return menu, sections, restricted


def _remembered_urls(request, sections):
    """Per-request lookups that the sections answer (by the names they are memoized under)."""
    from core.home_sections import section_page
    from core.models import TopicIndexPage

    hubs = section_page(request, TopicIndexPage, sections)
    return {"topic-index-url": hubs.get_url(request) or ""} if hubs is not None else {}
