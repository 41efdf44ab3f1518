"""The report form of a post or reaction on the public site: /melden/<post id>/ (community.moderation.report)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.profiles import display_name, is_blocked, is_verified
from community import moderation
from community.forms_moderation import ReportForm
from community.links import post_url, thread_url
from community.models import Post, PostStatus, Report
from community.text import sanitise
from community.visibility import thread_is_readable

TEMPLATE = "community/moderation/report.html"


def _safe_next(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return ""


def _back_url(post, request):
    """Where the member goes after reporting: the post, or, when it is hidden now, its topic or forum."""
    post.refresh_from_db(fields=["status"])
    post.thread.refresh_from_db(fields=["status"])
    if post.status == PostStatus.VISIBLE and post.thread.status == PostStatus.VISIBLE:
        return post_url(post, request) or "/"
    if post.thread.status == PostStatus.VISIBLE:
        return thread_url(post.thread, request) or "/"
    forum = post.thread.forum
    return (forum.get_url(request) if forum is not None else "") or "/"


def _excerpt(post, words=80):
    """The start of the post's (already sanitised) text, shortened tag-aware and sanitised again."""
    return mark_safe(sanitise(Truncator(post.body_html).words(words, html=True, truncate="…")))  # noqa: S308


@never_cache
@login_required
def report_post(request, post_id):
    post = get_object_or_404(
        Post.objects.visible().select_related("thread", "thread__forum", "author__profile"), pk=post_id
    )
    if not thread_is_readable(post.thread):  # a restricted or unpublished forum, or a page that is not public
        raise Http404
    next_url = _safe_next(request)
    context = {
        "post": post,
        "author_name": display_name(post.author),
        "excerpt_html": _excerpt(post),
        "next_url": next_url,
        "cancel_url": next_url or post_url(post, request) or "/",
    }

    refusal = None
    status = 200
    if not is_verified(request.user) or is_blocked(request.user):
        refusal, status = _("Confirm your email address before you report a post."), 403
        if is_blocked(request.user):
            refusal = _("Your account is blocked: you cannot report posts.")
    elif post.author_id == request.user.pk:
        refusal, status = _("You cannot report your own post."), 403
    elif Report.objects.filter(post=post, reporter=request.user).exists():
        refusal = _("You have already reported this post. Thank you.")
    if refusal:
        return TemplateResponse(request, TEMPLATE, {**context, "refusal": refusal}, status=status)

    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report(post, request.user, form.cleaned_data["reason"], form.cleaned_data["explanation"])
        except moderation.AlreadyReported as error:
            return TemplateResponse(request, TEMPLATE, {**context, "refusal": error.message})
        except moderation.ReportRefused as error:
            return TemplateResponse(request, TEMPLATE, {**context, "refusal": error.message}, status=403)
        messages.success(
            request, _("Thank you for your report. A moderator will look at this post as soon as possible.")
        )
        return redirect(next_url or _back_url(post, request))
    return TemplateResponse(request, TEMPLATE, {**context, "form": form})
