"""Reactions ("Reacties") below lessons, stories, tips and inclusion agendas, and their cookie-free view counts.

What can take reactions is named by model label in ``TARGETS`` (community imports no section): each maps to the
``CommunitySettings`` field that switches the type on or off. The page whose own switch applies
(``ReactionsMixin.reactions_enabled``) is the page itself, or for a tip its collection. Reactions are written with
``community.posting.create_reaction``, so they go through the same rules, sanitising, notifications and
moderation as forum posts.

View counts (``keer bekeken``) without cookies or personal data, compatible with the page cache:

1. A template that shows the count calls ``{% reactions_meta target %}``, which notes the target on the request;
   ``ReactionsMixin.serve`` puts it in the ``X-Kp-View`` header of the rendered response, so it is stored with
   the cached copy as well.
2. ``community.middleware.ViewCountMiddleware`` (outside the page cache: hits and misses alike) counts GET 200
   HTML responses with that header, except from bots, and removes the header. A count is one ``cache.incr`` in
   a per-minute bucket of the shared cache (Redis in production); no database write per request.
3. ``manage.py flush_view_counts`` (scheduled) adds the closed buckets to ``ViewCount`` rows in bulk. Each
   bucket is claimed with an atomic ``cache.add`` first, so two flushes at once never count a bucket twice.
"""

import logging
import re
import time
import uuid
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.urls import reverse
from wagtail.models import Page, Site

from community.models import CommunitySettings, Post, PostStatus, ReactionsMixin, Thread, ViewCount
from core import caching, compiled

logger = logging.getLogger(__name__)

# Model label -> the CommunitySettings field that allows reactions on that type.
TARGETS = {
    "expeditions.lessonpage": "reactions_on_lessons",
    "stories.storypage": "reactions_on_stories",
    "tips.tip": "reactions_on_tips",
    "networks.inclusionagendapage": "reactions_on_agendas",
}
PER_PAGE = 50
PAGE_PARAM = "reacties"  # ?reacties=2: the second page of 50 reactions
ANCHOR = "reacties"

VIEW_HEADER = "X-Kp-View"
BUCKET_SECONDS = 60
BUCKET_TIMEOUT = 2 * 24 * 60 * 60  # counters live two days: a flush that was down for a day still finds them
LOOKBACK_BUCKETS = 24 * 60  # a flush looks back one day
GRACE_BUCKETS = 2  # the current and the previous minute may still receive counts
FLUSHED_KEY = "kp:views-flushed"  # a new value after every flush that wrote counts (see view_count)
BOTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|curl|wget|python|httpx|"
    r"go-http|java/|libwww|scrapy|headless|lighthouse|pingdom|uptime",
    re.IGNORECASE,
)


# --- What takes reactions ---------------------------------------------------------------------------------


def label(obj):
    return obj._meta.label_lower


def is_target(obj):
    return obj is not None and label(obj) in TARGETS


def switch_page(obj):
    """The page whose ``reactions_enabled`` applies: the page itself, or the collection of a tip."""
    if isinstance(obj, ReactionsMixin):
        return obj
    page = getattr(obj, "page", None)
    return page if isinstance(page, ReactionsMixin) else None


def content_type_of(obj):
    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def target_key(obj):
    return f"{content_type_of(obj).pk}:{obj.pk}"


def _site_for(request, page):
    site = getattr(request, "_wagtail_site", None) if request is not None else None
    if site is None and request is not None:
        site = Site.find_for_request(request)
    return site or page.get_site()


def community_settings(request, page):
    """The Community site setting (kept per content generation; never written while a page renders)."""
    # Read with the site by the middleware (core/middleware.py) when the row exists: no query then.
    if request is not None and hasattr(request, CommunitySettings.get_cache_attr_name()):
        return getattr(request, CommunitySettings.get_cache_attr_name())
    site = _site_for(request, page)
    if site is None:
        return CommunitySettings()

    def build():
        return CommunitySettings.objects.filter(site=site).first() or CommunitySettings(site=site)

    return caching.memoize(request, f"community-settings:{site.pk}", build)


def reactions_allowed(obj, request=None):
    """Reactions are on for this type (site setting) and for this page (the editor's switch)."""
    if not is_target(obj):
        return False
    page = switch_page(obj)
    if page is None or not page.reactions_enabled:
        return False
    return bool(getattr(community_settings(request, page), TARGETS[label(obj)]))


def resolve_target(content_type_id, object_id):
    """The live, public page or tip that ``content_type_id:object_id`` names, or None."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        return None
    if f"{content_type.app_label}.{content_type.model}" not in TARGETS:
        return None
    model = content_type.model_class()
    if model is None:
        return None
    try:
        obj = model._default_manager.get(pk=object_id)
    except (ObjectDoesNotExist, ValueError):
        return None
    page = switch_page(obj)
    if page is None or not page.live or not Page.objects.filter(pk=page.pk).public().exists():
        return None
    return obj


def target_url(obj, request=None):
    return obj.get_url(request=request) or ""


def target_for_thread(thread):
    """The page or tip of a reactions thread (None if it is gone)."""
    model = thread.target_type.model_class() if thread.target_type_id else None
    if model is None:
        return None
    return model._default_manager.filter(pk=thread.target_id).first()


def thread_url(thread, request=None):
    """Where a reactions thread is shown: its page or tip, at the reactions."""
    target = target_for_thread(thread)
    url = target_url(target, request) if target is not None else ""
    return f"{url}#{ANCHOR}" if url else ""


def reaction_url(post, request=None, target=None):
    """The page (and page of reactions) that shows ``post``, with ``#reactie-<id>``."""
    target = target if target is not None else target_for_thread(post.thread)
    if target is None:
        return ""
    before = (
        Post.objects.filter(thread_id=post.thread_id)
        .filter(Q(status=PostStatus.VISIBLE) | Q(pk=post.pk))
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk))
        .count()
    )
    number = before // PER_PAGE + 1
    query = f"?{PAGE_PARAM}={number}" if number > 1 else ""
    return f"{target_url(target, request)}{query}#{post.anchor}"


# --- What the reactions component shows ---------------------------------------------------------------------


def thread_for(obj):
    """The reactions thread of ``obj`` with ``visible_count`` (visible reactions), or None: one query, compiled once
    (core/compiled.py: every page view with reactions asks it)."""

    def build(content_type_id, pk):
        threads = Thread.objects.for_target_id(content_type_id, pk)
        visible = Count("posts", filter=Q(posts__status=PostStatus.VISIBLE))
        return threads.annotate(visible_count=visible).order_by("pk")[:1]

    found = compiled.objects(("reactions-thread",), build, [content_type_of(obj).pk, obj.pk])
    return found[0] if found else None


def _request_memo(request):
    if request is None:
        return {}
    if not hasattr(request, "_kp_reactions"):
        request._kp_reactions = {}
    return request._kp_reactions


def summary_for(request, obj):
    """``(thread or None, number of visible reactions)``, once per request and target.

    The thread is kept per content generation (``core.caching.memoize``): a thread or reaction saved, whatever its
    status, starts a new one."""
    memo = _request_memo(request)
    key = ("summary", target_key(obj))
    if key not in memo:
        thread = caching.memoize(request, f"reactions-thread:{target_key(obj)}", lambda: thread_for(obj), shared=False)
        count = thread.visible_count if thread is not None and thread.status == PostStatus.VISIBLE else 0
        memo[key] = (thread, count)
    return memo[key]


def is_moderator(user):
    from community.moderation import is_moderator as moderation_is_moderator

    return bool(user is not None and user.is_authenticated and moderation_is_moderator(user, None))


def can_post(user):
    """A member who may write: logged in with a verified e-mail address (posting checks the rest)."""
    if user is None or not user.is_authenticated:
        return False
    from community.posting import is_verified

    return is_verified(user)


def posts_for(thread, user, moderator=False):
    """The reactions a visitor may see, oldest first: visible ones, plus pending ones of their own (or all
    pending ones for a moderator). Hidden reactions never."""
    shown = Q(status=PostStatus.VISIBLE)
    if moderator:
        shown |= Q(status=PostStatus.PENDING)
    elif user is not None and user.is_authenticated:
        shown |= Q(status=PostStatus.PENDING, author=user)
    return (
        thread.posts.filter(shown)  # through the thread: each post knows its thread without a query
        .select_related("author__profile", "quoted_post__author__profile")
        .order_by("created_at", "pk")
    )


def author_name(user):
    from accounts.models import DELETED_ACCOUNT_NAME

    if user is None:
        return str(DELETED_ACCOUNT_NAME)
    try:
        return user.profile.display_name or user.get_username()
    except ObjectDoesNotExist:
        return user.get_username()


def reaction_form_for(request, obj):
    """The bound form when this request posted a reaction to ``obj`` that came back with errors."""
    posted = getattr(request, "_kp_reaction_form", None)
    if posted and posted[0] == target_key(obj):
        return posted[1]
    return None


def new_form(data=None, files=None, user=None):
    from community.forms import ReactionForm

    return ReactionForm(data, files, user=user, auto_id="reaction-%s")


def component_context(request, obj):
    """Everything ``components/community/reactions.html`` shows for ``obj`` (a constant number of queries)."""
    if not reactions_allowed(obj, request):
        return {"reactions_on": False}
    user = getattr(request, "user", None)
    thread, count = summary_for(request, obj)
    moderator = is_moderator(user)
    page_obj, posts = None, []
    if thread is not None and (thread.status == PostStatus.VISIBLE or moderator):
        paginator = Paginator(posts_for(thread, user, moderator), PER_PAGE)
        if not (user is not None and user.is_authenticated):
            paginator.count = count  # anonymous visitors see exactly the visible ones: no COUNT query
        page_obj = paginator.get_page(request.GET.get(PAGE_PARAM) if request is not None else None)
        posts = list(page_obj.object_list)
        for post in posts:
            post.author_display = author_name(post.author)
            post.is_pending = post.status == PostStatus.PENDING
    locked = thread is not None and thread.is_locked
    form = None
    member = can_post(user) if not locked else False
    if member:
        form = reaction_form_for(request, obj) or new_form(user=user)
    content_type = content_type_of(obj)
    url = target_url(obj, request)
    return {
        "reactions_on": True,
        "target": obj,
        "thread": thread,
        "reaction_count": count,
        "posts": posts,
        "page_obj": page_obj,
        "page_param": PAGE_PARAM,
        "locked": locked,
        "form": form,
        "moderator": moderator,
        "is_member": bool(user is not None and user.is_authenticated),
        "can_post": member,
        "action": reverse("reactions_post", args=[content_type.pk, obj.pk]),
        "login_url": f"{reverse('account_login')}?next={url}%23{ANCHOR}",
        "target_url": url,
        "request": request,
    }


# --- View counts ---------------------------------------------------------------------------------------------


def note_view(request, obj):
    """Mark this response as a view of ``obj`` (the page's serve puts it in the header after rendering)."""
    if request is not None and not getattr(request, "is_preview", False):
        request._kp_view_target = target_key(obj)


def mark_view_after_render(request, response):
    """Called by ``ReactionsMixin.serve``: once rendered, the response carries the target it is a view of."""
    if getattr(request, "is_preview", False) or not hasattr(response, "add_post_render_callback"):
        return response

    def mark(rendered):
        target = getattr(request, "_kp_view_target", None)
        if target:
            rendered[VIEW_HEADER] = target

    if response.is_rendered:
        mark(response)
    else:
        response.add_post_render_callback(mark)
    return response


def view_count(obj, request=None):
    """The flushed number of views of ``obj`` (counts of the last minutes are still in the cache).

    With a request, kept as a cached page keeps it: for its content generation, at most ``PAGE_CACHE_TIMEOUT``
    (flushing starts no new generation: views must not empty the page cache), or until the next flush: each flush
    writes a new ``FLUSHED_KEY``, which is part of the memo's name."""

    def build(content_type_id, pk):
        return ViewCount.objects.filter(target_type_id=content_type_id, target_id=pk).values_list("count")[:1]

    def read():
        found = compiled.rows(("view-count",), build, [content_type_of(obj).pk, obj.pk])
        return found[0][0] if found else 0

    if request is None:
        return read()
    if not hasattr(request, "_kp_views_flushed"):
        try:
            request._kp_views_flushed = caching.cache_backend().get(FLUSHED_KEY, "")
        except Exception:
            logger.exception("View counts: could not read when they were last flushed")
            request._kp_views_flushed = None
    if request._kp_views_flushed is None:
        return read()
    return caching.memoize(request, f"views:{request._kp_views_flushed}:{target_key(obj)}", read, shared=False)


def is_bot(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    return not agent.strip() or bool(BOTS.search(agent))


def _bucket_key(bucket, suffix):
    return f"kp:views:{bucket}:{suffix}"


def _incr_or_add(cache, key, timeout):
    try:
        return cache.incr(key)
    except ValueError:
        if cache.add(key, 1, timeout):
            return 1
        return cache.incr(key)


def record_view(target, now=None):
    """Count one view of ``target`` (``"<content type id>:<id>"``) in the current minute's bucket."""
    cache = caching.cache_backend()
    bucket = int((now if now is not None else time.time()) // BUCKET_SECONDS)
    key = _bucket_key(bucket, f"t:{target}")
    try:
        cache.incr(key)
    except ValueError:
        if cache.add(key, 1, BUCKET_TIMEOUT):
            # First view of this target in this bucket: register it, so the flush knows which keys to read.
            slot = _incr_or_add(cache, _bucket_key(bucket, "n"), BUCKET_TIMEOUT)
            cache.set(_bucket_key(bucket, f"slot:{slot}"), target, BUCKET_TIMEOUT)
        else:
            cache.incr(key)


def _parse_target(target):
    try:
        content_type_id, object_id = (int(part) for part in target.split(":"))
    except (AttributeError, ValueError):
        return None
    return content_type_id, object_id


def flush_view_counts(now=None):
    """Add the views counted in the closed buckets of the cache to ``ViewCount``; returns the number of views.

    A bucket is claimed with ``cache.add`` (atomic) before it is read: of two flushes at the same time, only
    one gets each bucket. When the database write fails, the claims are given back for the next run.
    """
    cache = caching.cache_backend()
    current = int((now if now is not None else time.time()) // BUCKET_SECONDS)
    buckets = range(current - LOOKBACK_BUCKETS, current - GRACE_BUCKETS + 1)
    sizes = cache.get_many([_bucket_key(bucket, "n") for bucket in buckets])
    totals = Counter()
    claimed, used_keys = [], []
    for bucket in buckets:
        size = sizes.get(_bucket_key(bucket, "n"))
        if not size:
            continue
        claim = _bucket_key(bucket, "flushed")
        if not cache.add(claim, 1, BUCKET_TIMEOUT):
            continue  # another flush has (or had) it
        claimed.append(claim)
        slot_keys = [_bucket_key(bucket, f"slot:{slot}") for slot in range(1, int(size) + 1)]
        targets = [target for target in cache.get_many(slot_keys).values() if target]
        count_keys = {_bucket_key(bucket, f"t:{target}"): target for target in targets}
        for key, count in cache.get_many(list(count_keys)).items():
            parsed = _parse_target(count_keys[key])
            if parsed is not None and count:
                totals[parsed] += int(count)
        used_keys += [_bucket_key(bucket, "n"), *slot_keys, *count_keys]
    if not totals:
        return 0
    try:
        write_view_counts(totals)
    except Exception:
        cache.delete_many(claimed)
        raise
    cache.delete_many(used_keys)
    try:
        cache.set(FLUSHED_KEY, uuid.uuid4().hex[:12], None)
    except Exception:
        logger.exception("View counts: flushed, but pages may show the old counts for PAGE_CACHE_TIMEOUT")
    return sum(totals.values())


def write_view_counts(totals):
    """Add ``{(content type id, id): views}`` to the ViewCount rows: one INSERT and one UPDATE per 500 targets,
    each row updated with ``count = count + n`` (atomic on SQLite and PostgreSQL alike)."""
    with transaction.atomic():
        items = sorted(totals.items())
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            ViewCount.objects.bulk_create(
                [ViewCount(target_type_id=ct, target_id=pk, count=0) for (ct, pk), _n in chunk],
                ignore_conflicts=True,
            )
            matches = Q()
            whens = []
            for (ct, pk), views in chunk:
                match = Q(target_type_id=ct, target_id=pk)
                matches |= match
                whens.append(When(match, then=Value(views)))
            ViewCount.objects.filter(matches).update(
                count=F("count") + Case(*whens, default=Value(0), output_field=models.PositiveBigIntegerField())
            )
