"""Which threads anyone may read: the one rule for reports, follows and notifications.

A thread is readable when it is visible and
* a topic: its forum is live and has no view restriction (on itself or an ancestor);
* a reactions thread: its target is live and public: a page itself, or (a tip) the page it belongs to, found
  through the target's ``page`` attribute (community imports no section).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from community.models import ForumPage, PostStatus, Thread, ThreadKind


def public_pages():
    return Page.objects.live().public()


def public_forums():
    return ForumPage.objects.live().public()


def _page_field(model):
    """The name of ``model``'s foreign key to a page (``page``), or None."""
    try:
        field = model._meta.get_field("page")
    except Exception:  # noqa: BLE001 (FieldDoesNotExist: no page, not readable)
        return None
    related = getattr(field, "related_model", None)
    return "page" if related is not None and issubclass(related, Page) else None


def readable_threads(queryset=None):
    """``queryset`` (default: all threads) limited to the threads anyone may read."""
    queryset = Thread.objects.all() if queryset is None else queryset
    readable = Q(kind=ThreadKind.TOPIC, forum__in=public_forums().values("pk"))
    pages = public_pages().values("pk")
    type_ids = (
        Thread.objects.filter(kind=ThreadKind.REACTIONS, target_type__isnull=False)
        .order_by()
        .values_list("target_type_id", flat=True)
        .distinct()
    )
    for type_id in set(type_ids):
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            targets = pages
        elif _page_field(model):
            targets = model._default_manager.filter(page__in=pages).values("pk")
        else:
            continue
        readable |= Q(kind=ThreadKind.REACTIONS, target_type_id=type_id, target_id__in=targets)
    return queryset.filter(readable, status=PostStatus.VISIBLE)


def page_is_public(page):
    """``page`` is live and neither it nor an ancestor has a view restriction (one query, as ``public()``)."""
    if page is None or not page.live:
        return False
    paths = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return not PageViewRestriction.objects.filter(page__path__in=paths).exists()


def target_is_public(target):
    """A reactions target (a page, or an object with a ``page``) is live and public."""
    if target is None:
        return False
    page = target if isinstance(target, Page) else None
    if page is None and _page_field(type(target)):
        page = target.page
    return page_is_public(page)


def thread_is_readable(thread):
    """``readable_threads()`` for one thread (its forum as loaded with it: select_related("forum"))."""
    if thread is None or thread.status != PostStatus.VISIBLE:
        return False
    if thread.kind == ThreadKind.TOPIC:
        return bool(thread.forum_id) and page_is_public(thread.forum)
    if not thread.target_type_id:
        return False
    model = ContentType.objects.get_for_id(thread.target_type_id).model_class()
    if model is None:
        return False
    return target_is_public(model._default_manager.filter(pk=thread.target_id).first())
