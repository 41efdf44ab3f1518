from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each area of the community app connects its own signals, outbox kinds and jobs at import: forum topics
        # kept up to date in the site search (search), the demo's forum (demo: the seed_demo hook).
        from community import demo, moderation, notifications, posting, reactions, search  # noqa: F401

        register_topics()


def public_topics():
    """Forum topics anyone may read, as the site search and the forum's feed decide it
    (``Thread.public_search_queryset``: a visible topic with a visible opening post, not by a blocked member, in a
    live forum without a view restriction), without the search's prefetch of every post."""
    from community.models import Thread

    return Thread.public_search_queryset().prefetch_related(None)


def topic_cards(qs):
    """What a card of a topic shows in one query for any number of topics: its forum (the URL) and category, and
    the text of its visible opening post (``summary``) as subqueries."""
    from django.db.models import OuterRef, Subquery

    from community.models.thread_search import visible_posts

    openings = visible_posts().filter(thread=OuterRef("pk"), is_opening=True).order_by("pk")
    return qs.select_related("forum", "category").annotate(
        opening_html=Subquery(openings.values("body_html")[:1]),
        opening_body=Subquery(openings.values("body")[:1]),
    )


def register_topics():
    """Forum topics in the theme and audience hubs, their feeds and related content (core.content_registry):
    newest activity first, with the themes and audiences of their category, else those of their forum page."""
    from core import content_registry

    from .models import Thread

    content_registry.register(
        content_registry.ContentKind(
            key="topics",
            label=_("Forum topics"),
            label_singular=_("Forum topic"),
            model=Thread,
            queryset=public_topics,
            date_field="last_post_at",
            for_listing=topic_cards,
            for_cards=topic_cards,
            themes_path=("category__themes", "forum__themes"),
            audiences_path=("category__audiences", "forum__audiences"),
            community=True,
            order=80,
        )
    )
