"""Posting a reaction below a page or tip: POST, then back to the page at the new reaction (#reactie-<id>)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from community import reactions
from community.models import Post, PostStatus, ThreadKind
from community.visibility import target_is_public


@require_POST
def react(request, content_type_id, object_id):
    target = reactions.resolve_target(content_type_id, object_id)
    if target is None:
        raise Http404
    url = reactions.target_url(target, request)
    if not request.user.is_authenticated:
        return redirect_to_login(f"{url}#{reactions.ANCHOR}")
    thread, _count = reactions.summary_for(request, target)
    if (
        not reactions.reactions_allowed(target, request)
        or (thread is not None and thread.is_locked)
        or not reactions.can_post(request.user)
    ):
        # The page says why ("Reageren is gesloten", or what the member still has to do).
        return HttpResponseRedirect(f"{url}#{reactions.ANCHOR}")

    from community.posting import PostingError, create_reaction

    form = reactions.new_form(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            post = create_reaction(
                user=request.user,
                target=target,
                body=data["body"],
                image=data.get("image") or None,
                image_alt=data.get("image_alt") or "",
            )
        except PostingError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(reactions.reaction_url(post, request, target=target))
    return render_with_form(request, target, form)


def render_with_form(request, target, form):
    """The page (or tip) again, with the reaction form and its errors where the member left it."""
    request._kp_reaction_form = (reactions.target_key(target), form)
    page = reactions.switch_page(target)
    if hasattr(page, "resolve_subpage"):  # a routable page: serve the route the target lives at (a tip)
        page_url = page.get_url(request) or ""
        subpath = reactions.target_url(target, request)[len(page_url) :]
        view, args, kwargs = page.resolve_subpage(f"/{subpath}")
        return page.serve(request, view, args, kwargs)
    return page.serve(request)


def edit(request, post_id):
    """A member changes their own reaction in the first 30 minutes (community.posting decides)."""
    from community import posting
    from community.forms import EditPostForm

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = (
        Post.objects.filter(pk=post_id, thread__kind=ThreadKind.REACTIONS)
        .exclude(status=PostStatus.HIDDEN)
        .select_related("thread", "author__profile")
        .first()
    )
    target = reactions.target_for_thread(post.thread) if post is not None else None
    if target is None or post.thread.status == PostStatus.HIDDEN or not target_is_public(target):
        raise Http404
    if not posting.can_edit(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        form = EditPostForm(request.POST, post=post, user=request.user)
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
                return HttpResponseRedirect(reactions.reaction_url(post, request, target=target))
    else:
        form = EditPostForm(post=post, user=request.user)
    return TemplateResponse(
        request,
        "community/reactions/edit.html",
        {
            "post": post,
            "form": form,
            "target_title": getattr(target, "title", str(target)),
            "cancel_url": reactions.reaction_url(post, request, target=target),
        },
    )
