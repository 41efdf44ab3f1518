"""RSS feed of a forum: its newest topics that anyone may read.

    /feeds/forum/<forum page id>/    (name: community_feeds:forum)

Only topics that the site search may show are listed (``Thread.public_search_queryset``: a visible topic with a
visible opening post, not by a blocked member, in a live and public forum); an item's text is its opening post.
A forum that is not live or not public has no feed (404).
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from community.models import ForumPage, Thread
from community.models.thread_search import visible_posts

FEED_LENGTH = 20


def forum_feed_url(forum):
    return reverse("community_feeds:forum", kwargs={"forum_id": forum.pk})


def feed_topics(forum, limit=FEED_LENGTH):
    """The newest readable topics of `forum`, each with its opening post (``opening_posts``): two queries."""
    openings = visible_posts().filter(is_opening=True).select_related("author__profile")
    return (
        Thread.public_search_queryset()
        .filter(forum=forum)
        .select_related("forum", "category", "author__profile")
        .prefetch_related(None)
        .prefetch_related(Prefetch("posts", queryset=openings, to_attr="opening_posts"))
        .order_by("-created_at", "-pk")[:limit]
    )


class ForumFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, forum_id):
        forum = ForumPage.objects.live().public().filter(pk=forum_id).first()
        if forum is None:
            raise Http404(_("This forum has no feed."))
        self.request = request
        return forum

    def title(self, forum):
        return _("%(forum)s: new topics") % {"forum": forum.title}

    def description(self, forum):
        return _("The newest topics in %(forum)s on the Kennisplatform.") % {"forum": forum.title}

    def link(self, forum):
        return forum.get_url(self.request) or "/"

    def feed_url(self, forum):
        return forum_feed_url(forum)

    def items(self, forum):
        return feed_topics(forum)

    def item_title(self, thread):
        return thread.title

    def item_description(self, thread):
        opening = thread.opening_posts[0] if thread.opening_posts else None
        return opening.body_html if opening is not None else ""

    def item_link(self, thread):
        return thread.get_absolute_url()

    def item_pubdate(self, thread):
        return thread.created_at

    def item_updateddate(self, thread):
        return thread.last_post_at or thread.created_at

    def item_author_name(self, thread):
        author = thread.author
        if author is None:
            return None
        profile = getattr(author, "profile", None)
        return profile.display_name if profile is not None and profile.display_name else author.get_username()

    def item_categories(self, thread):
        return [thread.category.name] if thread.category_id else []
