"""The forum of a network: a page under the network, with categories; topics and replies are community.Thread/Post."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Orderable

from core.models import BasePage


class ForumPage(RoutablePageMixin, BasePage):
    """Forum: members of a network exchange knowledge in topics, sorted into categories."""

    template = "pages/forum_page.html"
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = []
    max_count_per_parent = 1

    moderators = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_forums",
        verbose_name=_("moderators"),
        help_text=_("Members of this group moderate this forum. Made automatically when the forum is created."),
    )

    content_panels = [*BasePage.content_panels, InlinePanel("categories", heading=_("Categories"), min_num=1)]
    settings_panels = [*BasePage.settings_panels, FieldPanel("moderators")]

    class Meta:
        verbose_name = _("forum")


class ForumCategory(Orderable):
    forum = ParentalKey(ForumPage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Part of the web address of the category."))
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["forum", "slug"], name="community_category_slug_unique")]

    def __str__(self):
        return self.name


class ReadMarker(models.Model):
    """Up to when a member has read a thread, for the unread markers in topic lists."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="read_markers")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="community_readmarker_unique")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} at {self.read_at}"
