"""The pages of a forum: routes of ``ForumPage`` (community/models/forum.py) rendered here.

Anonymous visitors get pages without a form or anything personal (a link to log in instead of the reply form),
so the site's page cache (core/caching.py) may keep them; members are never served from it (their session
cookie makes every request personal), and only members get a form with a CSRF token.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.http import Http404, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.translation import gettext as _

from community import links
from community.models import Post, PostStatus, ReadMarker, Thread
from community.moderation import is_moderator
from core.text import is_plain_number

TOPICS_PER_PAGE = 25
POSTS_PER_PAGE = links.TOPIC_POSTS_PER_PAGE
NEWEST_TOPICS = 10
PAGE = links.PAGE_PARAMETER
CATEGORY_PARAMETER = "categorie"
QUOTE_PARAMETER = "citeer"
MAX_ID = 2**63 - 1  # larger numbers in a URL are no row (and overflow SQLite's integers)


# --- Who is looking --------------------------------------------------------------------------------------


class Viewer:
    """The visitor of a forum page: anonymous, a member, a member who may post, a moderator of this forum."""

    def __init__(self, request, forum):
        self.user = request.user if request.user.is_authenticated else None
        self.is_moderator = bool(self.user) and is_moderator(self.user, forum)

    @property
    def is_member(self):
        return self.user is not None

    @property
    def can_post(self):
        from accounts.profiles import is_verified

        return self.user is not None and is_verified(self.user)

    def thread_q(self):
        """The topics this viewer may see in lists: visible ones, their own pending ones, all pending for moderators."""
        q = Q(status=PostStatus.VISIBLE)
        if self.is_moderator:
            q |= Q(status=PostStatus.PENDING)
        elif self.user is not None:
            q |= Q(status=PostStatus.PENDING, author=self.user)
        return q

    def extra_post_q(self):
        """Posts besides the visible ones this viewer sees on a topic page (None: none)."""
        if self.is_moderator:
            return ~Q(status=PostStatus.VISIBLE)
        if self.user is not None:
            return Q(status=PostStatus.PENDING, author=self.user)
        return None

    def may_see_thread(self, thread):
        if thread.status == PostStatus.VISIBLE or self.is_moderator:
            return True
        return thread.status == PostStatus.PENDING and self.user is not None and thread.author_id == self.user.pk


# --- Topic lists -------------------------------------------------------------------------------------------


def topic_queryset(forum, viewer, category=None):
    """Topics in list order (pinned first, then last activity), with what a list shows in the same query."""
    last_post = Post.objects.filter(thread=OuterRef("pk"), status=PostStatus.VISIBLE).order_by("-created_at", "-pk")
    threads = (
        Thread.objects.topics()
        .filter(forum=forum)
        .filter(viewer.thread_q())
        .select_related("author__profile", "category", "forum")
        .annotate(last_author_id=Subquery(last_post.values("author_id")[:1]))
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    if category is not None:
        threads = threads.filter(category=category)
    if viewer.user is not None:
        marker = ReadMarker.objects.filter(thread=OuterRef("pk"), user=viewer.user).values("read_at")[:1]
        threads = threads.annotate(read_at=Subquery(marker))
    return threads


def decorate_topics(threads, viewer, request=None):
    """Add ``url``, ``last_author`` and ``is_unread`` to a page of topics: one query for the last authors."""
    threads = list(threads)
    author_ids = {thread.last_author_id for thread in threads if thread.last_author_id}
    users = {}
    if author_ids:
        users = {user.pk: user for user in get_user_model().objects.filter(pk__in=author_ids).select_related("profile")}
    joined = viewer.user.date_joined if viewer.user is not None else None
    for thread in threads:
        thread.last_author = users.get(thread.last_author_id)
        thread.is_unread = False
        if viewer.user is not None and thread.last_post_at is not None:
            read_at = getattr(thread, "read_at", None)
            thread.is_unread = thread.last_post_at > read_at if read_at else thread.last_post_at > joined
    return threads


def paginate(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get(PAGE))


def category_list(forum):
    """The categories with their number of visible topics and their last activity, in one query."""
    visible = Q(threads__status=PostStatus.VISIBLE, threads__kind="topic")
    return forum.categories.annotate(
        topic_count=Count("threads", filter=visible),
        last_activity=Max("threads__last_post_at", filter=visible),
    ).order_by("sort_order", "pk")


def forum_index(forum, request):
    viewer = Viewer(request, forum)
    newest = topic_queryset(forum, viewer).order_by("-is_pinned", "-created_at", "-pk")[:NEWEST_TOPICS]
    return forum.render(
        request,
        context_overrides={
            "categories": category_list(forum),
            "topics": decorate_topics(newest, viewer, request),
            "viewer": viewer,
            "new_topic_url": forum.route_url("new_topic", request),
        },
    )


def category(forum, request, category_slug):
    category = forum.categories.filter(slug=category_slug).first()
    if category is None:
        raise Http404
    category.forum = forum
    viewer = Viewer(request, forum)
    page_obj = paginate(request, topic_queryset(forum, viewer, category), TOPICS_PER_PAGE)
    page_obj.object_list = decorate_topics(page_obj.object_list, viewer, request)
    return forum.render(
        request,
        template="community/forum/category.html",
        context_overrides={
            "category": category,
            "page_obj": page_obj,
            "topics": page_obj.object_list,
            "viewer": viewer,
            "new_topic_url": f"{forum.route_url('new_topic', request)}?{CATEGORY_PARAMETER}={category.slug}",
        },
    )


# --- A topic ------------------------------------------------------------------------------------------------


def _after(post):
    return Q(created_at__gt=post.created_at) | Q(created_at=post.created_at, pk__gt=post.pk)


def _before(post):
    return Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)


def topic_posts(request, thread, viewer):
    """One page of the posts of a topic for this viewer.

    Pages are counted over the visible posts (what everyone sees), so ``links.post_url`` is the same for all.
    A viewer who sees more (their own pending posts; a moderator) gets those on the page of the visible post
    before them, where ``links.post_url`` sends them too.
    """
    posts = thread.posts.select_related("author__profile", "quoted_post__author__profile").order_by("created_at", "pk")
    visible = posts.filter(status=PostStatus.VISIBLE)
    page_obj = paginate(request, visible, POSTS_PER_PAGE)
    extra_q = viewer.extra_post_q()
    if extra_q is None:
        page_obj.object_list = list(page_obj.object_list)
        return page_obj
    # An extra post sits on the page of the visible post before it (the first page when there is none): between
    # this page's first visible post (none on the first page) and the next page's first one.
    start = page_obj.start_index() - 1 if page_obj.paginator.count else 0
    rows = list(visible[start : start + POSTS_PER_PAGE + 1])
    following = rows.pop() if len(rows) > POSTS_PER_PAGE else None
    extra = posts.filter(extra_q)
    if page_obj.number > 1 and rows:
        extra = extra.filter(_after(rows[0]))
    if following is not None:
        extra = extra.filter(_before(following))
    merged = sorted([*rows, *extra], key=lambda post: (post.created_at, post.pk))
    page_obj.object_list = merged
    return page_obj


def mark_read(user, thread, posts):
    """Remember up to which post the member has read this topic (never moves back).

    ``thread.read_at`` (annotated by ``_thread_for``) is the marker as it was: a repeated visit writes nothing.
    """
    seen = [post.created_at for post in posts if post.status == PostStatus.VISIBLE]
    if not seen:
        return
    read_at = max(seen)
    before = getattr(thread, "read_at", None)
    if before is not None and before >= read_at:
        return
    if before is not None:
        ReadMarker.objects.filter(user=user, thread=thread, read_at__lt=read_at).update(read_at=read_at)
        return
    try:
        with transaction.atomic():
            marker, created = ReadMarker.objects.get_or_create(user=user, thread=thread, defaults={"read_at": read_at})
    except IntegrityError:  # made by a parallel request of the same member
        return
    if not created and marker.read_at < read_at:
        ReadMarker.objects.filter(pk=marker.pk, read_at__lt=read_at).update(read_at=read_at)


def _thread_for(forum, thread_id, viewer):
    if thread_id > MAX_ID:
        raise Http404
    threads = Thread.objects.topics().filter(forum=forum, pk=thread_id).select_related("category", "author__profile")
    if viewer.user is not None:
        marker = ReadMarker.objects.filter(thread=OuterRef("pk"), user=viewer.user).values("read_at")[:1]
        threads = threads.annotate(read_at=Subquery(marker))
    thread = threads.first()
    if thread is None or not viewer.may_see_thread(thread):
        raise Http404
    thread.forum = forum
    return thread


def _quoted(request, thread):
    """The post named by ?citeer=, when it is a visible post of this topic (the only ones a reply may quote)."""
    value = request.GET.get(QUOTE_PARAMETER, "")
    if not is_plain_number(value, max_digits=len(str(MAX_ID))) or int(value) > MAX_ID:
        return None
    post = thread.posts.filter(pk=int(value)).select_related("author__profile").first()
    if post is None or post.status != PostStatus.VISIBLE:
        return None
    return post


def topic(forum, request, thread_id, slug):
    from community import forms, posting

    viewer = Viewer(request, forum)
    thread = _thread_for(forum, thread_id, viewer)
    right_slug = links.topic_slug(thread)
    if slug != right_slug:
        url = forum.route_url("topic", request, thread_id=thread.pk, slug=right_slug)
        query = request.GET.urlencode()
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    form = None
    quoted_post = None
    # A pending topic gets no reply form (the service would refuse the reply); moderators may reply as before.
    may_reply = (
        viewer.can_post
        and not thread.is_locked
        and thread.status != PostStatus.HIDDEN
        and (thread.status == PostStatus.VISIBLE or viewer.is_moderator)
    )
    if may_reply:
        if request.method == "POST":
            form = forms.ReplyForm(request.POST, request.FILES, thread=thread, user=viewer.user)
            if form.is_valid():
                try:
                    post = posting.create_reply(
                        user=viewer.user,
                        thread=thread,
                        body=form.cleaned_data["body"],
                        quoted_post=form.cleaned_data.get("quoted_post"),
                        image=form.cleaned_data.get("image"),
                        image_alt=form.cleaned_data.get("image_alt", ""),
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    if post.status == PostStatus.PENDING:
                        messages.success(request, _("Thank you! Your reply is shown once a moderator has approved it."))
                    else:
                        messages.success(request, _("Your reply has been posted."))
                    return HttpResponseRedirect(links.post_url(post, request))
        else:
            quoted_post = _quoted(request, thread)
            form = forms.ReplyForm(thread=thread, user=viewer.user, quoted_post=quoted_post)
    elif request.method == "POST":
        if viewer.user is None:
            return redirect_to_login(request.get_full_path())
        if thread.is_locked:
            messages.error(request, _("This topic is closed: no new replies can be added."))
        return HttpResponseRedirect(forum.route_url("topic", request, thread_id=thread.pk, slug=right_slug))

    page_obj = topic_posts(request, thread, viewer)
    if viewer.user is not None and request.method == "GET":
        mark_read(viewer.user, thread, page_obj.object_list)
    for post in page_obj.object_list:
        post.thread = thread
        post.may_edit = viewer.user is not None and posting.can_edit(viewer.user, post)
        post.edit_url = forum.route_url("edit_post", request, post_id=post.pk) if post.may_edit else ""
    return forum.render(
        request,
        template="community/forum/topic.html",
        context_overrides={
            "thread": thread,
            "category": thread.category,
            "page_obj": page_obj,
            "posts": page_obj.object_list,
            "viewer": viewer,
            "form": form,
            "quoted_post": quoted_post,
            "topic_url": forum.route_url("topic", request, thread_id=thread.pk, slug=right_slug),
            "may_reply": may_reply,
        },
    )


# --- Writing: a new topic, editing a post -------------------------------------------------------------------


def new_topic(forum, request):
    from community import forms, posting

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    viewer = Viewer(request, forum)
    if not viewer.can_post:
        return forum.render(
            request,
            template="community/forum/new_topic.html",
            context_overrides={"viewer": viewer, "form": None, "unverified": True},
        )
    categories = forum.categories.order_by("sort_order", "pk")
    if request.method == "POST":
        form = forms.TopicForm(request.POST, request.FILES, forum=forum, user=viewer.user)
        if form.is_valid():
            try:
                post = posting.create_topic(
                    user=viewer.user,
                    forum=forum,
                    category=form.cleaned_data["category"],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    image=form.cleaned_data.get("image"),
                    image_alt=form.cleaned_data.get("image_alt", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if post.status == PostStatus.PENDING:
                    messages.success(request, _("Thank you! Your topic is shown once a moderator has approved it."))
                else:
                    messages.success(request, _("Your topic has been posted."))
                return HttpResponseRedirect(links.post_url(post, request))
    else:
        slug = request.GET.get(CATEGORY_PARAMETER, "")
        initial = {}
        selected = next((c for c in categories if c.slug == slug), None)
        if selected is not None:
            initial["category"] = selected.pk
        form = forms.TopicForm(forum=forum, user=viewer.user, initial=initial)
    return forum.render(
        request,
        template="community/forum/new_topic.html",
        context_overrides={"viewer": viewer, "form": form},
    )


def edit_post(forum, request, post_id):
    from community import forms, posting

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if post_id > MAX_ID:
        raise Http404
    post = (
        Post.objects.filter(pk=post_id, thread__forum=forum, thread__kind="topic")
        .select_related("thread", "author__profile")
        .first()
    )
    if post is None or post.status == PostStatus.HIDDEN or post.author_id != request.user.pk:
        raise Http404
    if post.thread.status == PostStatus.HIDDEN:  # a hidden topic is not edited (its forum is served as a page,
        raise Http404  # so Wagtail's view restrictions of the forum already apply here)
    post.thread.forum = forum
    if not posting.can_edit(request.user, post):
        minutes = posting.limit("COMMUNITY_EDIT_WINDOW_SECONDS") // 60
        messages.error(
            request,
            _("You can only change a post in the first %(minutes)s minutes after posting it.") % {"minutes": minutes},
        )
        return HttpResponseRedirect(links.post_url(post, request))
    if request.method == "POST":
        form = forms.EditPostForm(request.POST, post=post, user=request.user)
        if form.is_valid():
            try:
                post = posting.edit_post(
                    user=request.user,
                    post=post,
                    body=form.cleaned_data["body"],
                    image_alt=form.cleaned_data.get("image_alt"),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your changes have been saved."))
                return HttpResponseRedirect(links.post_url(post, request))
    else:
        form = forms.EditPostForm(post=post, user=request.user)
    return forum.render(
        request,
        template="community/forum/edit_post.html",
        context_overrides={
            "post": post,
            "thread": post.thread,
            "form": form,
            "cancel_url": links.post_url(post, request),
        },
    )
