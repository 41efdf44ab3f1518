"""Moderation in the Wagtail admin: the queue, one post with every action, the log and the members.

Registered from community/wagtail_hooks.py. Every view is for moderators only (community.moderation): the queue,
the log and the member list show what the user moderates; acting on a post of a forum they do not moderate is
refused (403). Actions are POSTs (with Django's CSRF check) that call the service functions of
community.moderation, which lock, log and refuse what is not allowed.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from community import moderation
from community.forms_moderation import ReasonForm
from community.links import post_url
from community.models import (
    ForumCategory,
    HiddenReason,
    ModerationAction,
    Post,
    PostStatus,
    Report,
    Thread,
    ThreadKind,
)

PER_PAGE = 50
SEARCH_MAX_LENGTH = 100


class QueueFilter:
    ALL = ""
    PENDING = "pending"
    REPORTED = "reported"
    AUTO_HIDDEN = "auto_hidden"

    @classmethod
    def choices(cls):
        return [
            (cls.ALL, _("Everything that waits")),
            (cls.PENDING, _("Awaiting approval")),
            (cls.REPORTED, _("Reported, still visible")),
            (cls.AUTO_HIDDEN, _("Hidden after reports")),
        ]


def queue_posts(user, show=QueueFilter.ALL):
    """What waits for a moderator: pending posts, visible posts with open reports, posts hidden by reports."""
    open_reports = Exists(Report.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True))
    conditions = {
        QueueFilter.PENDING: Q(status=PostStatus.PENDING),
        QueueFilter.REPORTED: Q(open_reports, status=PostStatus.VISIBLE),
        QueueFilter.AUTO_HIDDEN: Q(status=PostStatus.HIDDEN, hidden_reason=HiddenReason.REPORTS),
    }
    if show in conditions:
        wanted = conditions[show]
    else:
        wanted = (
            conditions[QueueFilter.PENDING] | conditions[QueueFilter.REPORTED] | conditions[QueueFilter.AUTO_HIDDEN]
        )
    return with_details(moderation.moderated_posts(user).filter(wanted)).order_by("-created_at", "-pk")


def with_details(posts):
    """Everything the queue shows of a post, in a fixed number of queries however many posts there are."""
    return posts.select_related("thread", "thread__forum", "thread__category", "author__profile").prefetch_related(
        Prefetch(
            "reports",
            queryset=Report.objects.filter(resolved_at__isnull=True)
            .select_related("reporter__profile")
            .order_by("created_at", "pk"),
            to_attr="open_reports",
        ),
        "thread__target",
    )


def forbidden(request):
    """403 with a page in the admin's look (Wagtail turns a raised PermissionDenied into a redirect home)."""
    return TemplateResponse(request, "community/admin/forbidden.html", {"page_title": _("Not allowed")}, status=403)


def _next_url(request, default):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return default


class ModerationView(WagtailAdminTemplateMixin, TemplateView):
    """For moderators only (of anything: what they see is narrowed to what they moderate)."""

    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not moderation.is_any_moderator(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def paginate(self, queryset):
        paginator = Paginator(queryset, PER_PAGE)
        return paginator.get_page(self.request.GET.get("p"))

    def query_without_page(self):
        query = self.request.GET.copy()
        query.pop("p", None)
        return query.urlencode()


class QueueView(ModerationView):
    template_name = "community/admin/queue.html"
    page_title = gettext_lazy("Moderation queue")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.request.GET.get("show", "")
        if show not in dict(QueueFilter.choices()):
            show = QueueFilter.ALL
        page = self.paginate(queue_posts(self.request.user, show))
        context.update(
            {
                "page_obj": page,
                "posts": page.object_list,
                "show": show,
                "show_choices": QueueFilter.choices(),
                "query": self.query_without_page(),
                "here": self.request.get_full_path(),
            }
        )
        return context


class PostView(ModerationView):
    """One post: its text, every report, the log of it and its topic, and all actions."""

    template_name = "community/admin/post.html"

    def dispatch(self, request, *args, **kwargs):
        if not moderation.is_any_moderator(request.user):
            return forbidden(request)
        self.post_obj = get_object_or_404(with_details(Post.objects.all()), pk=kwargs["post_id"])
        if not moderation.can_moderate_post(request.user, self.post_obj):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Post #%(id)s") % {"id": self.post_obj.pk}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("community_moderation_queue"), "label": _("Moderation queue")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.post_obj
        thread = post.thread
        log = (
            ModerationAction.objects.filter(Q(post=post) | Q(thread=thread, post__isnull=True))
            .select_related("moderator__profile")
            .order_by("-created_at", "-pk")[:50]
        )
        categories = []
        if thread.kind == ThreadKind.TOPIC and thread.forum_id:
            categories = ForumCategory.objects.filter(forum_id=thread.forum_id).exclude(pk=thread.category_id)
        author = post.author
        context.update(
            {
                "post": post,
                "thread": thread,
                "all_reports": post.reports.select_related("reporter__profile", "resolved_by").order_by("created_at"),
                "log": log,
                "categories": categories,
                "can_block_author": author is not None and moderation.can_block(self.request.user, author),
                "author_profile": getattr(author, "profile", None) if author else None,
                "here": self.request.get_full_path(),
            }
        )
        return context


class LogView(ModerationView):
    template_name = "community/admin/log.html"
    page_title = gettext_lazy("Moderation log")
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = moderation.moderated_log(self.request.user).select_related(
            "moderator__profile", "member__profile", "post", "thread"
        )
        action = self.request.GET.get("action", "")
        if action in ModerationAction.Action.values:
            entries = entries.filter(action=action)
        else:
            action = ""
        page = self.paginate(entries.order_by("-created_at", "-pk"))
        context.update(
            {
                "page_obj": page,
                "entries": page.object_list,
                "action": action,
                "action_choices": ModerationAction.Action.choices,
                "query": self.query_without_page(),
            }
        )
        return context


class MembersView(ModerationView):
    """Find a member to block, and the blocked members (with the reason) to unblock."""

    template_name = "community/admin/members.html"
    page_title = gettext_lazy("Members")
    header_icon = "user"

    def members(self):
        users = get_user_model().objects.select_related("profile")
        forums = moderation.moderated_forum_ids(self.request.user)
        if forums is not None:
            users = users.filter(
                Exists(Post.objects.filter(author=OuterRef("pk"), thread__forum_id__in=forums)),
            )
        return users

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or "").strip()[:SEARCH_MAX_LENGTH]
        found = []
        if query:
            found = (
                self.members()
                .filter(
                    Q(username__icontains=query) | Q(email__icontains=query) | Q(profile__display_name__icontains=query)
                )
                .order_by("username")[:PER_PAGE]
            )
        blocked = self.members().filter(profile__blocked_at__isnull=False).order_by("-profile__blocked_at")
        user = self.request.user
        context.update(
            {
                "q": query,
                "found": [(member, moderation.can_block(user, member)) for member in found],
                "blocked": [(member, moderation.can_block(user, member)) for member in blocked[:200]],
                "here": self.request.get_full_path(),
            }
        )
        return context


# --- Actions (POST) -----------------------------------------------------------------------------------------

POST_ACTIONS = {
    "approve": (moderation.approve, gettext_lazy("The post is approved and published.")),
    "hide": (moderation.hide, gettext_lazy("The post is hidden.")),
    "restore": (moderation.restore, gettext_lazy("The post is shown again.")),
    "dismiss": (moderation.dismiss, gettext_lazy("The reports are dismissed; the post stays visible.")),
}
THREAD_ACTIONS = {
    "lock": (moderation.lock, gettext_lazy("The topic is locked: no more replies.")),
    "unlock": (moderation.unlock, gettext_lazy("The topic is open for replies again.")),
    "pin": (moderation.pin, gettext_lazy("The topic is pinned.")),
    "unpin": (moderation.unpin, gettext_lazy("The topic is no longer pinned.")),
}
NOTHING_CHANGED = gettext_lazy("Nothing changed: this was already done (perhaps by another moderator just now).")


def _reason(request):
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


def _done(request, result, success):
    if result is None:
        messages.warning(request, NOTHING_CHANGED)
    else:
        messages.success(request, success)


@require_POST
def post_action(request, post_id):
    post = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    if not moderation.can_moderate_post(request.user, post):
        return forbidden(request)
    action = request.POST.get("action", "")
    back = _next_url(request, reverse("community_moderation_post", args=[post.pk]))
    try:
        if action == "edit":
            result = moderation.edit(post, request.user, request.POST.get("body", ""), _reason(request))
            _done(request, result, _("The text of the post is changed."))
        elif action in POST_ACTIONS:
            function, success = POST_ACTIONS[action]
            _done(request, function(post, request.user, _reason(request)), success)
        else:
            raise Http404
    except moderation.ModerationError as error:
        messages.error(request, error.message)
    except PermissionDenied:
        return forbidden(request)
    return redirect(back)


@require_POST
def thread_action(request, thread_id):
    thread = get_object_or_404(Thread.objects.all(), pk=thread_id)
    if not moderation.can_moderate_thread(request.user, thread):
        return forbidden(request)
    action = request.POST.get("action", "")
    back = _next_url(request, reverse("community_moderation_queue"))
    try:
        if action == "move":
            category = ForumCategory.objects.filter(pk=_int(request.POST.get("category")), forum_id=thread.forum_id)
            category = category.first()
            if category is None:
                messages.error(request, _("Choose a category of this forum."))
                return redirect(back)
            result = moderation.move(thread, category, request.user, _reason(request))
            _done(request, result, _("The topic is moved to %(category)s.") % {"category": category.name})
        elif action in THREAD_ACTIONS:
            function, success = THREAD_ACTIONS[action]
            _done(request, function(thread, request.user, _reason(request)), success)
        else:
            raise Http404
    except moderation.ModerationError as error:
        messages.error(request, error.message)
    except PermissionDenied:
        return forbidden(request)
    return redirect(back)


@require_POST
def member_action(request, user_id):
    if not moderation.is_any_moderator(request.user):
        return forbidden(request)
    member = get_object_or_404(get_user_model().objects.select_related("profile"), pk=user_id)
    if not moderation.can_block(request.user, member):
        return forbidden(request)
    action = request.POST.get("action", "")
    back = _next_url(request, reverse("community_moderation_members"))
    try:
        if action == "block":
            result = moderation.block(member, request.user, _reason(request))
            _done(request, result, _("The member is blocked; their posts are hidden."))
        elif action == "unblock":
            result = moderation.unblock(member, request.user, _reason(request))
            _done(request, result, _("The member is unblocked; the posts that blocking hid are shown again."))
        else:
            raise Http404
    except moderation.ModerationError as error:
        messages.error(request, error.message)
    except PermissionDenied:
        return forbidden(request)
    return redirect(back)


def view_on_site(request, post_id):
    """Where the post stands on the public site (its page number is only counted when asked for)."""
    post = get_object_or_404(Post.objects.select_related("thread", "thread__forum"), pk=post_id)
    if not moderation.can_moderate_post(request.user, post):
        return forbidden(request)
    url = post_url(post, request)
    if not url:
        raise Http404
    return redirect(url)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
