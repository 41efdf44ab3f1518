"""Forum topics in the site search (owned by the search+demo area; ``Thread`` takes it as a mixin).

The search app finds every indexed model with a ``public_search_queryset()`` (search/indexing.py) and reads the
attributes pages have: ``title``, ``url``, ``summary``, ``search_result_date``, the facets' ``search_province`` and
``search_municipalities``, and ``search_type_label`` for the type facet ("Forumonderwerp"). Only topics that
anyone may read are searchable: a visible topic with a visible opening post, not written by a blocked member, in a
live and public forum. Its text is that of its visible posts only. ``community.search`` refreshes a topic's entry
when one of its posts changes, a moderator acts or its author is blocked.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

# The text of a topic in the index: enough for hundreds of replies, not unbounded.
SEARCH_TEXT_LIMIT = 50_000
SUMMARY_WORDS = 40


def visible_posts():
    """Posts anyone may read: visible, in a visible thread, and not written by a blocked member."""
    from community.models.posts import Post

    return Post.objects.visible().exclude(author__profile__blocked_at__isnull=False)


class SearchableTopic(index.Indexed):
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("search_text"),
    ]
    # Wagtail's own index is updated by search.signals (as for tips), not per save by Wagtail's handler.
    search_auto_update = False
    search_type_label = _("Forum topic")
    search_province = ""
    search_municipalities = ()
    listing_image = None

    @classmethod
    def public_search_queryset(cls):
        from community.models.forum import ForumPage

        opening = visible_posts().filter(thread=OuterRef("pk"), is_opening=True)
        return (
            cls.objects.topics()
            .visible()
            .filter(forum__in=ForumPage.objects.live().public().values("pk"))
            .filter(Exists(opening))
            .exclude(author__profile__blocked_at__isnull=False)
            .prefetch_related(
                Prefetch("posts", queryset=visible_posts().order_by("created_at", "pk"), to_attr="search_posts")
            )
        )

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.topics()

    def _search_posts(self):
        """The visible posts: prefetched by ``public_search_queryset``, else read now (never kept on the object,
        which may outlive a change of its posts)."""
        posts = getattr(self, "search_posts", None)
        if posts is None:
            posts = list(visible_posts().filter(thread=self).order_by("created_at", "pk"))
        return posts

    def search_text(self):
        """The visible posts' text, as members read it (HTML without tags)."""
        text = " ".join(strip_tags(post.body_html or post.body) for post in self._search_posts())
        return text[:SEARCH_TEXT_LIMIT]

    @property
    def summary(self):
        if hasattr(self, "opening_html"):  # cards: the opening post's text came with the topic (community.apps)
            text = self.opening_html or self.opening_body or ""
            return Truncator(strip_tags(text)).words(SUMMARY_WORDS) if text else ""
        posts = getattr(self, "search_posts", None)
        if posts is None:
            posts = visible_posts().filter(thread=self, is_opening=True)[:1]
        opening = next((post for post in posts if post.is_opening), None)
        if opening is None:
            return ""
        return Truncator(strip_tags(opening.body_html or opening.body)).words(SUMMARY_WORDS)

    @property
    def url(self):
        return getattr(self, "_url", None) or self.get_absolute_url()

    @url.setter
    def url(self, value):  # lists may set the URL they computed (with a request) on the objects they show
        self._url = value

    @property
    def search_result_date(self):
        return self.created_at
