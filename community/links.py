"""Where a thread or post lives on the public site (owned by the forum area).

    thread_url(thread)   a topic's page in its forum, or the page (or tip) a reactions thread belongs to + #reacties
    post_url(post)       the thread's page that shows the post: ?pagina=N when it is not on the first, + #reactie-<id>

Lists that link many threads select their forum (``select_related("forum")``) and, for reactions threads,
prefetch their target (``prefetch_related("target")``): thread_url itself then runs no query. post_url counts the
visible posts before the post (one query) to find its page.
"""

from django.utils.text import slugify

from community.models import Post, PostStatus, ThreadKind

TOPIC_POSTS_PER_PAGE = 20
PAGE_PARAMETER = "pagina"
REACTIONS_FRAGMENT = "reacties"


def topic_slug(thread):
    return thread.slug or slugify(thread.title)[:80] or "onderwerp"


def target_url(target, request=None):
    """The URL of a page or tip (anything with ``get_url``), or None."""
    if target is None:
        return None
    specific = getattr(target, "specific_deferred", target)
    get_url = getattr(specific, "get_url", None)
    if get_url is not None:
        return get_url(request)
    return getattr(specific, "url", None)


def _topic_url(thread, request=None):
    forum = thread.forum
    if forum is None:
        return ""
    return forum.route_url("topic", request, thread_id=thread.pk, slug=topic_slug(thread))


def thread_url(thread, request=None):
    """The public URL of a topic, or of the page (or tip) a reactions thread belongs to (with #reacties)."""
    if thread.kind == ThreadKind.REACTIONS:
        url = target_url(thread.target, request)
        return f"{url}#{REACTIONS_FRAGMENT}" if url else ""
    return _topic_url(thread, request)


def page_number(post, per_page=TOPIC_POSTS_PER_PAGE):
    """The page of its thread on which a post is shown: counted over the visible posts before it (the same pages
    for every reader; community.views_forum.topic_posts adds what only some see to the page of the post before)."""
    before = (
        Post.objects.filter(thread_id=post.thread_id, status=PostStatus.VISIBLE)
        .filter(created_at__lte=post.created_at)
        .exclude(created_at=post.created_at, pk__gte=post.pk)
        .count()
    )
    if post.status != PostStatus.VISIBLE:
        # A pending (or hidden) post is shown on the page of the visible post before it.
        before = max(before - 1, 0)
    return before // per_page + 1


def post_url(post, request=None):
    """The URL of the thread page that shows this post, with its page number and #reactie-<id>.

    Reactions are shown (and paged) below their page or tip by community.reactions, which works out their URL."""
    thread = post.thread
    if thread.kind == ThreadKind.REACTIONS:
        from community import reactions  # the reactions area pages its reactions itself

        target = thread.target
        if target is None:
            return ""
        return reactions.reaction_url(post, request, target=getattr(target, "specific_deferred", target))
    url = _topic_url(thread, request)
    if not url:
        return ""
    number = page_number(post)
    query = f"?{PAGE_PARAMETER}={number}" if number > 1 else ""
    return f"{url}{query}#{post.anchor}"
