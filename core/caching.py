"""Anonymous pages from a shared cache, and per-request invariants kept beside them.

Built on Django's cache framework (the ``default`` cache: Redis in production, the process's memory otherwise)
and Django's HTTP caching helpers (``patch_cache_control``, ``set_response_etag``, ``ConditionalGetMiddleware``).

Invalidation is one site-wide *content generation*: a short random value in the cache that is part of every
key. Any change to content that pages show (a page published, unpublished, moved or deleted; a snippet, image,
setting or tip saved; a registration) makes a new generation, and every cached page and invariant built before it
is never read again (it expires after ``PAGE_CACHE_TIMEOUT``). That is one cache write per change and no
dependency tracking between pages: a tip changes its collection and its permalink, a lesson the expedition, the
lessons overview and the home page, a registration the places left on a session, all through the same bump.

What is cached (``AnonymousPageCacheMiddleware``):

- only GET/HEAD of Wagtail pages (``wagtail_serve``), never previews;
- one copy per reading version: the easy-read cookie (``READING_COOKIE``) is part of the key, not personal;
- only for requests without other cookies of ours: a session (logged-in users, editors), pending messages or the
  appreciations a browser remembers all make the page personal, so such requests are rendered for that visitor
  alone and marked ``private``;
- only responses that are ``200``, set no cookie, did not use a CSRF token and are not marked private.

Cached pages get ``Cache-Control: public, max-age=…, stale-while-revalidate=…``, an ``ETag`` and a
``Last-Modified`` (pages with live fragments only the ``ETag``, see ``_replace_content``); everything else that
says nothing itself gets ``private, no-cache``.
"""

import contextvars
import hashlib
import logging
import pickle
import re
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.query import PageQuerySet
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core import compiled

logger = logging.getLogger(__name__)

GENERATION_KEY = "kp:content-generation"
HEADER = "X-Page-Cache"

# Models whose rows change without changing what any page shows: logs, queues, caches of their own,
# accounts, drafts and workflow state. Saving one of these never invalidates the page cache.
IGNORED_APPS = {
    "account",  # allauth's email addresses and confirmations
    "admin",
    "auth",
    "contenttypes",
    "django_tasks_database",
    "mfa",
    "search",
    "sessions",
    "wagtailadmin",
    "wagtailforms",
    "wagtailsearch",
    "wagtailsearchpromotions",
    "wagtailusers",
}
IGNORED_MODELS = {
    # A sign-up makes a profile: anyone could empty the cache that way. A changed display name reaches cached
    # pages within PAGE_CACHE_TIMEOUT.
    "accounts.profile",
    # What members do that no anonymous page shows (a post that becomes visible or hidden does bump).
    "community.follow",
    "community.moderationaction",
    "community.notification",
    "community.notificationsettings",
    "community.readmarker",
    "community.report",
    "community.viewcount",
    # A visitor's photo or logo for the poster maker: anonymous uploads must not empty the cache.
    "campaign_posters.posterupload",
    # Aggregate counters of the strength test (started, steps reached, profiles): written on every step a visitor
    # takes, shown only in the admin.
    "campaign_quiz.quizcounter",
    "core.customrendition",
    "core.scheduledjob",
    "core.user",
    # A public counter that anonymous visitors change: bumping on it would let anyone empty the cache. Cached
    # pages show a count at most PAGE_CACHE_TIMEOUT old; whoever appreciates sees the new count at once.
    "tips.appreciation",
    # The newsletter: subscribers (anyone may subscribe: bumping would let anyone empty the cache), issues and who
    # got them. No page shows any of it.
    "newsletter.issue",
    "newsletter.issuedelivery",
    "newsletter.issueitem",
    "newsletter.subscriber",
    "newsletter.unsubscription",
    # "Was deze pagina nuttig?": anonymous votes that no page shows (only the admin's report); bumping on them
    # would let anyone empty the cache. Evaluations bump only the week page that shows their average.
    "feedback.pagevote",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailimages.rendition",
}
# Outgoing e-mail queues of the event sections change on every registration and after it; the registration
# itself is what changes the pages.
IGNORED_MODEL_NAMES = {"outboxemail"}

# The reading version a visitor chose (core.models.easy_read): a functional cookie, ``makkelijk`` or
# ``standaard``. It makes no request personal: the cache keeps one copy per version (``_cache_key``).
READING_COOKIE = "kp_leesversie"
READING_EASY = "makkelijk"
READING_STANDARD = "standaard"

# Cookies that say nothing about the visitor; any other cookie of ours makes a request personal.
NEUTRAL_COOKIES = {"csrftoken", READING_COOKIE}


def _setting(name, default):
    return getattr(settings, name, default)


def page_cache_enabled():
    return _setting("PAGE_CACHE_ENABLED", True)


def cache_backend():
    return caches[_setting("PAGE_CACHE_ALIAS", "default")]


# --- The content generation ----------------------------------------------------------------------------


def current_generation():
    """The content generation now: a short random string, made when the cache has none (after a restart)."""
    cache = cache_backend()
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            value = uuid.uuid4().hex[:12]
            if not cache.add(GENERATION_KEY, value, None):
                value = cache.get(GENERATION_KEY, value)
    except Exception:  # a cache that is down must not take the site with it
        logger.exception("Page cache: could not read the content generation")
        return None
    return value


def request_generation(request):
    """The generation a request started with: everything it renders is filed under it, so a change that
    commits while the request renders can never file old content under the new generation."""
    if request is None:
        return current_generation()
    if not hasattr(request, "_content_generation"):
        request._content_generation = current_generation()
    return request._content_generation


def _bump():
    try:
        cache_backend().set(GENERATION_KEY, uuid.uuid4().hex[:12], None)
    except Exception:
        logger.exception("Page cache: could not start a new content generation")


def bump_generation():
    """Start a new content generation: every cached page and invariant is stale from now on.

    Bumped at once (this process and the editor's next request see the change) and again after the
    transaction commits (a request that rendered the old rows in between filed them under the old
    generation, or under the first bump, which the second one retires)."""
    _bump()
    transaction.on_commit(_bump)


def memoize(request, name, build, timeout=None, shared=True):
    """``build()`` cached under this content generation: for per-request invariants such as site settings,
    menus and breadcrumbs, which change only when content changes. Not for anything personal.

    Within one request a name is read from the cache once (kept on the request after that). ``shared=False`` keeps
    the value in this process only: for values that one quick query builds (a compiled one, core/compiled.py),
    where a round trip to the shared cache to read it, and another to store it, would cost more than building it
    on a page's first view in each process."""
    local = getattr(request, "_kp_memo", None) if request is not None else None
    if local is not None and name in local:
        return local[name]
    value = _memoize(request, name, build, timeout, shared)
    if request is not None:
        if local is None:
            local = request._kp_memo = {}
        local[name] = value
    return value


def keep_related(request, obj, *names):
    """Fill the foreign keys ``names`` of ``obj`` from rows kept per content generation, so that the template reads
    them without a query: a lesson's expedition and author are shared by many lessons, and a page seen for the first
    time finds them kept. Only for rows whose saves start a new generation (pages, snippets), never in previews
    (whose unsaved values are the point)."""
    if getattr(request, "is_preview", False):
        return
    for name in names:
        field = obj._meta.get_field(name)
        pk = getattr(obj, field.attname)
        if pk is None or field.is_cached(obj):
            continue
        field.set_cached_value(obj, _kept_row(request, field.related_model, pk))


def _kept_row(request, model, pk):
    def build():
        found = compiled.objects(("row", model), lambda pk: model._default_manager.filter(pk=pk), [pk])
        return found[0] if found else None

    return memoize(request, f"row:{model._meta.label_lower}:{pk}", build, shared=False)


def remember(request, name, value):
    """What ``memoize(request, name, …)`` returns for the rest of this request (read with something else)."""
    if not hasattr(request, "_kp_memo"):
        request._kp_memo = {}
    request._kp_memo[name] = value


class _ProcessMemo:
    """This process's copies of the current generation's invariants, so that a request reads them without a round
    trip to the shared cache (five of them on a lesson page: 0.7 ms of its 10.3 in-process with Redis).

    Only the generation a request started with is read from the shared cache; copies are filed under it, so a new
    generation (any change, made by any process) leaves every copy unread, and the first copy of the new generation
    drops them. Copies are pickled, as in the shared cache: every request gets objects of its own, never one that
    another thread is using. At most ``MAX_ENTRIES`` copies (the oldest go first), each kept no longer than the
    shared one: until the time it was built plus its timeout."""

    MAX_ENTRIES = 2000

    def __init__(self):
        self._lock = threading.Lock()
        # (generation, {name: (expires at, pickled value)}), replaced as one: a reader never pairs one generation
        # with another generation's copies.
        self._state = (None, {})

    def get(self, generation, name):
        current, entries = self._state
        entry = entries.get(name) if generation == current else None
        if entry is None or entry[0] <= time.time():
            return MISSING
        return pickle.loads(entry[1])  # noqa: S301 - pickled by this process, from its own objects

    def set(self, generation, name, value, expires):
        entry = (expires, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        with self._lock:
            current, entries = self._state
            if generation != current:
                entries = {}
                self._state = (generation, entries)
            entries.pop(name, None)
            entries[name] = entry
            while len(entries) > self.MAX_ENTRIES:
                del entries[next(iter(entries))]

    def clear(self):
        with self._lock:
            self._state = (None, {})


MISSING = object()
process_memo = _ProcessMemo()


def _memoize(request, name, build, timeout, shared=True):
    generation = request_generation(request)
    if generation is None:
        return build()
    value = process_memo.get(generation, name)
    if value is not MISSING:
        return value
    timeout = timeout or _setting("PAGE_CACHE_TIMEOUT", 300)
    if not shared:
        value = build()
        process_memo.set(generation, name, value, time.time() + timeout)
        return value
    # (built at, value); "memo2": processes of the previous release, during a rolling deploy, read bare values
    key = f"kp:memo2:{generation}:{name}"
    cache = cache_backend()
    try:
        stored = cache.get(key)
    except Exception:
        logger.exception("Page cache: could not read %s", name)
        return build()
    if stored is not None:
        built, value = stored
    else:
        built, value = time.time(), build()
        try:
            cache.set(key, (built, value), timeout)
        except Exception:
            logger.exception("Page cache: could not store %s", name)
    process_memo.set(generation, name, value, built + timeout)
    return value


# --- Dependencies: what changes more often than content --------------------------------------------------
#
# A registration changes the places left on one event, not the site: it must not start a new content
# generation (that empties the page cache of every page during a registration rush). Pages show places as live
# fragments (below); one that reads them otherwise calls ``depends_on("event:<id>")`` first. The page cache stores
# the values of those names with the page and serves the copy only while they are unchanged. A model instance with
# a ``page_cache_dependencies()`` method bumps just those names when it is saved or deleted
# (events.models.AbstractRegistration).


def _dependency_key(name):
    return f"kp:dep:{name}"


def _dependency_value(cache, name):
    key = _dependency_key(name)
    value = cache.get(key)
    if value is None:
        value = uuid.uuid4().hex[:12]
        if not cache.add(key, value, None):
            value = cache.get(key, value)
    return value


def depends_on(*names):
    """The page being rendered shows what ``names`` stand for: call it before reading that data."""
    request = _current_request.get()
    if request is None or not getattr(request, "_kp_page_cache_candidate", False):
        return
    dependencies = getattr(request, "_kp_dependencies", None)
    if dependencies is None:
        dependencies = request._kp_dependencies = {}
    cache = cache_backend()
    for name in names:
        if name not in dependencies:
            try:
                dependencies[name] = _dependency_value(cache, name)
            except Exception:  # unknown: the page is not stored
                logger.exception("Page cache: could not read the dependency %s", name)
                dependencies[name] = None


def dependencies_unchanged(dependencies):
    if not dependencies:
        return True
    try:
        current = cache_backend().get_many([_dependency_key(name) for name in dependencies])
    except Exception:
        logger.exception("Page cache: could not read dependencies")
        return False
    return all(current.get(_dependency_key(name)) == value for name, value in dependencies.items())


def _bump_dependencies(names):
    try:
        cache_backend().set_many({_dependency_key(name): uuid.uuid4().hex[:12] for name in names}, None)
    except Exception:
        logger.exception("Page cache: could not change dependencies %s", names)


def bump_dependencies(names):
    """Cached pages that show these names are stale: now, and again after the commit (as bump_generation)."""
    names = list(names)
    _bump_dependencies(names)
    transaction.on_commit(lambda: _bump_dependencies(names))


# --- Live fragments: what a cached page shows that changes faster than it ------------------------------------
#
# The places left on a session change with every registration. Rather than dropping the cached copy of the page
# (each registration would make the next visitor's request render the whole page again), the page marks the few
# bits of HTML that show them as live fragments: ``live_fragment(kind, key, value, template)`` renders the template
# with ``live=value`` now, and in a page bound for the cache it wraps the result in markers and notes the hole
# (kind, key, template, the other context, the language). Every time a cached copy is served (``fill_live``) the
# loader registered for each kind reads the values of all its keys at once (the places of every event on the page
# in one query) and each hole is rendered again. The markers carry a random value of this render, so nothing in
# the page's content can pose as one; they never leave the server.

_live_loaders = {}


def register_live_loader(kind, loader):
    """``loader(keys)`` returns ``{key: value}`` for the live fragments of ``kind`` (keys are picklable)."""
    _live_loaders[kind] = loader


def live_fragment(kind, key, value, template_name, context=None):
    """``template_name`` rendered with ``live=value`` (and ``context``: picklable values only), kept fresh in
    cached copies of the page; see above. ``value`` must be read without ``depends_on`` (or the copy goes with
    every change of it anyway)."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    context = dict(context or {})
    html = render_to_string(template_name, {**context, "live": value})
    request = _current_request.get()
    if request is None or not getattr(request, "_kp_page_cache_candidate", False):
        return mark_safe(html)  # noqa: S308 (a template's output)
    if not hasattr(request, "_kp_live"):
        request._kp_live = (uuid.uuid4().hex, [])
    nonce, holes = request._kp_live
    index = len(holes)
    holes.append((kind, key, template_name, context, translation.get_language()))
    return mark_safe(f"<!--kp-live:{nonce}:{index}-->{html}<!--/kp-live:{nonce}:{index}-->")  # noqa: S308


def _live_pattern(nonce):
    return re.compile(rf"<!--kp-live:{nonce}:(\d+)-->(.*?)<!--/kp-live:{nonce}:\1-->", re.DOTALL)


def _replace_content(response, content):
    """A page with live fragments in its new content. It is revalidated by its ETag alone: a Last-Modified would
    have to be when the places last changed, which no one records, and HTTP dates have whole seconds, so a
    revalidation by date could keep places that changed within the second."""
    response.content = content
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    if response.has_header("ETag"):
        del response["ETag"]
        set_response_etag(response)
    if response.has_header("Last-Modified"):
        del response["Last-Modified"]


def strip_live(response, live):
    """The first answer of a page bound for the cache: its fragments as rendered, without the markers."""
    nonce, _holes = live
    if response.streaming:
        return
    content = _live_pattern(nonce).sub(lambda match: match.group(2), response.content.decode(response.charset))
    _replace_content(response, content)


def fill_live(response, live):
    """A cached copy with its live fragments rendered again from fresh values (one loader call per kind).
    Returns False when a value cannot be read: the copy must then not be served."""
    from django.template.loader import render_to_string

    nonce, holes = live
    keys = {}
    for kind, key, *_rest in holes:
        keys.setdefault(kind, set()).add(key)
    try:
        values = {kind: _live_loaders[kind](sorted(kind_keys)) for kind, kind_keys in keys.items()}
    except Exception:
        logger.exception("Page cache: could not read the live fragments")
        return False

    def render(match):
        kind, key, template_name, context, language = holes[int(match.group(1))]
        with translation.override(language):
            return render_to_string(template_name, {**context, "live": values[kind][key]})

    try:
        content = _live_pattern(nonce).sub(render, response.content.decode(response.charset))
    except Exception:
        logger.exception("Page cache: could not render the live fragments")
        return False
    _replace_content(response, content)
    return True


# --- The request being served, and the private sections of the site ----------------------------------------

_current_request = contextvars.ContextVar("kp_current_request", default=None)


def set_current_request(request):
    """Set by the middleware for the duration of a request; returns the token to reset it with."""
    return _current_request.set(request)


def reset_current_request(token):
    _current_request.reset(token)


def restricted_sections():
    """``(path, depth)`` of every page with a view restriction (password, login, groups), kept per content
    generation: a restriction saved or deleted starts a new one (its model is not ignored below)."""
    from wagtail.models import PageViewRestriction

    def build():
        return sorted(
            {
                (restriction.page.path, restriction.page.depth)
                for restriction in PageViewRestriction.objects.select_related("page").only("page__path", "page__depth")
            }
        )

    return memoize(_current_request.get(), "view-restrictions", build)


def _private_q(self):
    """Wagtail's ``PageQuerySet.private_q`` reads every PageViewRestriction on each ``.public()`` (one query per
    listing, menu and home section); the same condition from the restrictions kept per content generation."""
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path, depth__gte=depth)
    # do not match any page if no private section exists (as Wagtail).
    return q if q else Q(pk__in=[])


def install_queryset_shortcuts():
    """Called from CoreConfig.ready()."""
    PageQuerySet.private_q = _private_q


# --- Signals: what makes a new generation ------------------------------------------------------------------


def _ignored(model):
    meta = model._meta
    return (
        meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS or meta.model_name in IGNORED_MODEL_NAMES
    )


def _model_changed(sender, instance=None, raw=False, created=False, **kwargs):
    if raw or _ignored(sender):
        return
    if hasattr(instance, "page_cache_dependencies"):
        bump_dependencies(instance.page_cache_dependencies())
        return
    if created and isinstance(instance, BaseSiteSetting):
        # Made on first read with the defaults that every page already showed (SiteSettings.for_site).
        return
    bump_generation()


def _m2m_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and not _ignored(type(instance)):
        if hasattr(instance, "page_cache_dependencies"):
            bump_dependencies(instance.page_cache_dependencies())
        else:
            bump_generation()


def _page_changed(sender, **kwargs):
    bump_generation()


def connect_signals():
    """Called from CoreConfig.ready(): every process (web, task worker, commands) invalidates alike."""
    post_save.connect(_model_changed, dispatch_uid="core.caching.post_save")
    post_delete.connect(_model_changed, dispatch_uid="core.caching.post_delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="core.caching.m2m_changed")
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_page_changed, dispatch_uid=f"core.caching.{id(signal)}")


# --- The page cache ---------------------------------------------------------------------------------------------


def has_personal_cookies(request):
    return any(name not in NEUTRAL_COOKIES for name in request.COOKIES)


def may_serve_from_cache(request):
    """Requests that may get (and fill) the shared copy: anonymous GET/HEAD without cookies of ours."""
    if not page_cache_enabled() or request.method not in ("GET", "HEAD"):
        return False
    if any(request.path.startswith(prefix) for prefix in _setting("PAGE_CACHE_SKIP_PREFIXES", ("/admin/",))):
        return False
    return not has_personal_cookies(request)


def reading_variant(request):
    """The reading version a request asks for: easy-read only for exactly that cookie value (anything else,
    hostile or old, is the standard version)."""
    if request is not None and request.COOKIES.get(READING_COOKIE) == READING_EASY:
        return READING_EASY
    return READING_STANDARD


def _cache_key(request, generation):
    """One copy per URL and reading version: pages without an easy-read version are simply stored twice."""
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"kp:page:{generation}:{reading_variant(request)}:{hashlib.sha256(url.encode()).hexdigest()}"


def _cache_control_says_private(response):
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}
    return bool(directives & {"private", "no-cache", "no-store"})


def is_public_page_response(request, response):
    """A response every anonymous visitor may get: a Wagtail page that nobody's token, cookie or session is in."""
    match = getattr(request, "resolver_match", None)
    return (
        request.method == "GET"
        and match is not None
        and (match.url_name == "wagtail_serve" or getattr(request, "page_cache_allowed", False))
        and not getattr(request, "is_preview", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and not _cache_control_says_private(response)
    )


def make_public(response, last_modified):
    patch_cache_control(
        response,
        public=True,
        max_age=_setting("PAGE_CACHE_MAX_AGE", 60),
        stale_while_revalidate=_setting("PAGE_CACHE_STALE_WHILE_REVALIDATE", 60),
    )
    # Shared caches in front of us keep one copy for visitors without cookies, and pass the others through.
    patch_vary_headers(response, ("Cookie",))
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified)
    if not response.has_header("ETag"):
        set_response_etag(response)


def make_private(request, response):
    if response.has_header("Cache-Control"):
        return
    if request.META.get("CSRF_COOKIE_USED") or response.cookies:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
