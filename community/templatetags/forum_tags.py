"""Template tags of the forum: how members appear next to what they wrote, and the forum block of a network page.

None of these write to the database (a member without a profile shows their username).
"""

from django import template
from django.urls import NoReverseMatch, reverse

from accounts.models import DELETED_ACCOUNT_NAME, Profile
from community import links
from community.models import ForumPage, PostStatus, Thread

register = template.Library()

NETWORK_TOPICS = 5


def _profile(user):
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


@register.filter
def member_name(user):
    """The name a member shows above their posts; "verwijderd account" when the account is gone."""
    if user is None:
        return str(DELETED_ACCOUNT_NAME)
    profile = _profile(user)
    return profile.display_name if profile is not None and profile.display_name else user.get_username()


@register.filter
def member_url(user):
    """The public page of a member who chose to have one ("" otherwise)."""
    if user is None or not user.is_active:
        return ""
    profile = _profile(user)
    if profile is None or not profile.is_public or profile.is_blocked:
        return ""
    try:
        return reverse("accounts_member", args=[user.get_username()])
    except NoReverseMatch:
        return ""


@register.filter
def post_url(post):
    return links.post_url(post)


@register.filter
def thread_url(thread):
    return links.thread_url(thread)


@register.simple_tag(takes_context=True)
def post_edit_url(context, post):
    """Where the member edits this post, if they may (``post.edit_url`` when the view already worked it out)."""
    if hasattr(post, "edit_url"):
        return post.edit_url
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    from community import posting

    if not posting.can_edit(user, post):
        return ""
    thread = post.thread
    if thread.is_topic and thread.forum is not None:
        return thread.forum.route_url("edit_post", request, post_id=post.pk)
    try:
        return reverse("community_reaction_edit", args=[post.pk])
    except NoReverseMatch:
        return ""


@register.filter
def is_pending(post):
    return post.status == PostStatus.PENDING


@register.filter
def is_hidden(post):
    return post.status == PostStatus.HIDDEN


@register.filter
def quotable(post):
    """A quoted post is shown only while it is visible."""
    return post is not None and post.status == PostStatus.VISIBLE


@register.inclusion_tag("community/forum/network_block.html", takes_context=True)
def network_forum(context, network):
    """The latest topics of a network's forum, with a link to it (nothing when the network has no live forum)."""
    request = context.get("request")
    forums = ForumPage.objects.child_of(network).live()
    public_pages = getattr(network, "public_pages", None)
    forums = public_pages(forums) if public_pages is not None else forums.public()
    forum = forums.only("id", "title", "url_path", "path", "depth").first()
    topics = []
    if forum is not None:
        topics = list(
            Thread.objects.topics()
            .visible()
            .filter(forum=forum)
            .select_related("author__profile")
            .order_by("-last_post_at", "-pk")[:NETWORK_TOPICS]
        )
        for thread in topics:
            thread.forum = forum
    return {"forum": forum, "topics": topics, "request": request}
