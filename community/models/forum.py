"""The forum of a network: a page under the network, with categories; topics and replies are community.Thread/Post.

The pages of the forum are routes of ``ForumPage`` (community/views_forum.py renders them):

    /<forum>/                                   the forum: introduction, categories, newest topics
    /<forum>/<category-slug>/?pagina=N          the topics of one category
    /<forum>/onderwerp/<id>-<slug>/?pagina=N    one topic with its replies (and the reply form)
    /<forum>/nieuw/?categorie=<slug>            start a topic
    /<forum>/bericht/<id>/bewerken/             edit your own post (within the edit window)
"""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from core.models import BasePage

# Category slugs that would hide a route of the forum page.
RESERVED_CATEGORY_SLUGS = {"nieuw", "onderwerp", "bericht"}
GROUP_NAME_MAX_LENGTH = 150


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
    # Not editable in the page editor: whoever may edit the page could otherwise make any group (and so its members)
    # moderators with admin access. The group is made with the forum; administrators manage who is in it
    # (Instellingen > Groepen).
    settings_panels = BasePage.settings_panels

    class Meta:
        verbose_name = _("forum")

    def save(self, *args, **kwargs):
        if self.moderators_id is None and self.depth:
            self.moderators = self.make_moderators_group()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = list({*update_fields, "moderators"})
        return super().save(*args, **kwargs)

    def make_moderators_group(self):
        """A new group "Moderatoren <netwerk>" (numbered when a group of that name already exists)."""
        parent = self.get_parent() if self.path else None
        network = parent.title if parent is not None else self.title
        base = f"Moderatoren {network}"  # data, not interface text: the same name whatever the editor's language
        name = base[:GROUP_NAME_MAX_LENGTH]
        number = 1
        while Group.objects.filter(name=name).exists():
            number += 1
            suffix = f" ({number})"
            name = base[: GROUP_NAME_MAX_LENGTH - len(suffix)] + suffix
        return Group.objects.create(name=name)

    def get_sitemap_urls(self, request=None):
        """The forum and its categories (topics are found through them)."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        for category in self.categories.all():
            urls.append({"location": f"{base.rstrip('/')}/{category.slug}/", "lastmod": urls[0].get("lastmod")})
        return urls

    # Routes (community/views_forum.py) ----------------------------------------------------------------
    @path("", name="index")
    def index_route(self, request, *args, **kwargs):
        from community import views_forum

        return views_forum.forum_index(self, request)

    @path("nieuw/", name="new_topic")
    def new_topic_route(self, request):
        from community import views_forum

        return views_forum.new_topic(self, request)

    @path("onderwerp/<int:thread_id>-<str:slug>/", name="topic")
    def topic_route(self, request, thread_id, slug):
        from community import views_forum

        return views_forum.topic(self, request, thread_id, slug)

    @path("onderwerp/<int:thread_id>/", name="topic_without_slug")
    def topic_without_slug_route(self, request, thread_id):
        from community import views_forum

        return views_forum.topic(self, request, thread_id, None)

    @path("bericht/<int:post_id>/bewerken/", name="edit_post")
    def edit_post_route(self, request, post_id):
        from community import views_forum

        return views_forum.edit_post(self, request, post_id)

    @path("<slug:category_slug>/", name="category")
    def category_route(self, request, category_slug):
        from community import views_forum

        return views_forum.category(self, request, category_slug)

    # URLs ---------------------------------------------------------------------------------------------
    def route_url(self, name, request=None, **kwargs):
        base = self.get_url(request) or "/"
        return base + self.reverse_subpage(name, kwargs=kwargs)


class ForumCategory(Orderable, ClusterableModel):
    """A category of a forum. Its themes and audiences are those of its topics: the theme and audience hubs list
    them (without any, a topic has the forum page's own themes and audiences)."""

    forum = ParentalKey(ForumPage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("Part of the web address of the category."))
    description = models.CharField(_("description"), max_length=255, blank=True)
    themes = ParentalManyToManyField(
        "core.Theme",
        blank=True,
        related_name="forum_categories",
        verbose_name=_("themes"),
        help_text=_(
            "The topics in this category appear on the pages of these themes. None chosen: the forum's own themes "
            "(promote tab) are used."
        ),
    )
    audiences = ParentalManyToManyField(
        "core.Audience",
        blank=True,
        related_name="forum_categories",
        verbose_name=_("audiences"),
        help_text=_(
            "The topics in this category appear on the pages of these audiences. None chosen: the forum's own "
            "audiences (promote tab) are used."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["forum", "slug"], name="community_category_slug_unique")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.slug in RESERVED_CATEGORY_SLUGS:
            raise ValidationError(
                {"slug": _("This slug is used by the forum itself; choose another one.")}, code="reserved"
            )

    def get_url(self, request=None):
        return self.forum.route_url("category", request, category_slug=self.slug)

    @property
    def url(self):
        return self.get_url()


class ReadMarker(models.Model):
    """Up to when a member has read a thread, for the unread markers in topic lists."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey("community.Thread", on_delete=models.CASCADE, related_name="read_markers")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="community_readmarker_unique")]

    def __str__(self):
        return f"{self.user_id} read {self.thread_id} at {self.read_at}"
