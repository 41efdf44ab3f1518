"""Threads and posts: a forum topic or the reactions on a piece of content, and what members write in them.

Only ``visible()`` posts and threads may reach a page, feed, search, the API, a notification or a digest.
A post is ``pending`` until a moderator approves it (a new member's first post), ``hidden`` by a moderator,
by three reports, or because its author was blocked (``hidden_reason`` tells which, so unblocking restores
exactly what blocking hid).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .thread_search import SearchableTopic  # search+demo area: forum topics in the site search

POST_MAX_LENGTH = 10_000
TITLE_MAX_LENGTH = 150


class ThreadKind(models.TextChoices):
    TOPIC = "topic", _("Forum topic")
    REACTIONS = "reactions", _("Reactions")


class PostStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden")


class HiddenReason(models.TextChoices):
    MODERATOR = "moderator", _("Hidden by a moderator")
    REPORTS = "reports", _("Reported by several members, awaiting review")
    BLOCKED = "blocked", _("The author was blocked")
    DELETED = "deleted", _("Deleted by the author")


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(status=PostStatus.VISIBLE)

    def topics(self):
        return self.filter(kind=ThreadKind.TOPIC)

    def for_target(self, obj):
        """The reactions thread of a page or tip (there is at most one)."""
        return self.for_target_id(ContentType.objects.get_for_model(obj, for_concrete_model=False).pk, obj.pk)

    def for_target_id(self, content_type_id, object_id):
        return self.filter(kind=ThreadKind.REACTIONS, target_type_id=content_type_id, target_id=object_id)


class Thread(SearchableTopic, models.Model):
    """A forum topic (``forum``, ``category`` and ``title`` set) or the reactions on one page or tip (``target``)."""

    kind = models.CharField(_("kind"), max_length=16, choices=ThreadKind.choices)
    forum = models.ForeignKey(
        "community.ForumPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("forum"),
    )
    category = models.ForeignKey(
        "community.ForumCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="threads",
        verbose_name=_("category"),
    )
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, blank=True)
    slug = models.SlugField(_("slug"), max_length=TITLE_MAX_LENGTH, blank=True, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_threads",
        verbose_name=_("author"),
    )
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    # Kept up to date from the visible posts (community.posting.refresh_thread), so topic lists need no aggregate.
    last_post_at = models.DateTimeField(_("last activity"), null=True, blank=True, db_index=True)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        indexes = [
            models.Index(fields=["category", "status", "-is_pinned", "-last_post_at"], name="community_topic_list"),
            models.Index(fields=["forum", "status", "-last_post_at"], name="community_forum_list"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id"],
                condition=Q(kind="reactions"),
                name="community_one_reactions_thread_per_target",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.get_kind_display()} {self.target_type_id}:{self.target_id}"

    def get_absolute_url(self):
        from community.links import thread_url

        return thread_url(self)

    def get_url(self, request=None):
        """As a page's: the public URL (what the content registry's cards and feeds call)."""
        from community.links import thread_url

        return thread_url(self, request)

    @property
    def is_topic(self):
        return self.kind == ThreadKind.TOPIC


class PostQuerySet(models.QuerySet):
    def visible(self):
        """Posts anyone may see: the post and its thread are visible."""
        return self.filter(status=PostStatus.VISIBLE, thread__status=PostStatus.VISIBLE)

    def pending(self):
        return self.filter(status=PostStatus.PENDING)


class Post(models.Model):
    """One message in a thread. ``body`` is the Markdown the member typed; ``body_html`` the sanitised HTML."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_posts",
        verbose_name=_("author"),
        help_text=_("Empty when the author deleted their account and kept their posts anonymously."),
    )
    is_opening = models.BooleanField(_("opening post"), default=False)
    body = models.TextField(_("text"), max_length=POST_MAX_LENGTH)
    body_html = models.TextField(_("text as HTML"), blank=True, editable=False)
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("quotes")
    )
    image = models.ImageField(_("image"), upload_to="community/%Y/%m/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    hidden_reason = models.CharField(_("why hidden"), max_length=16, choices=HiddenReason.choices, blank=True)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    # A fingerprint of the text, for "the same text twice within 5 minutes".
    body_digest = models.CharField(max_length=64, blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        # Members (or groups, e.g. municipal officials) with this permission skip the approval of a first post.
        permissions = [("post_without_approval", _("Can post without approval"))]
        indexes = [
            models.Index(fields=["thread", "status", "created_at"], name="community_post_thread"),
            models.Index(fields=["author", "created_at"], name="community_post_author"),
        ]

    def __str__(self):
        return f"#{self.pk} in {self.thread_id}"

    def get_absolute_url(self):
        from community.links import post_url

        return post_url(self)

    @property
    def anchor(self):
        """The stable fragment of this post on its thread's page."""
        return f"reactie-{self.pk}"
