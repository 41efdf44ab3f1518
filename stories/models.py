from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from community.models import ReactionsMixin
from core.blocks import BaseStreamBlock
from core.caching import restricted_sections
from core.forms import TaxonomyFilterForm
from core.models import Audience, BasePage, Theme
from core.models.easy_read import EasyReadMixin


class StoryPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Newest first, with the images the cards show (and their renditions) fetched up front."""
        return (
            self.select_related("listing_image", "portrait")
            .prefetch_related("listing_image__renditions", "portrait__renditions")
            .order_by("-first_published_at", "-pk")
        )

    def with_taxonomy(self, theme=None, audience=None):
        stories = self
        if theme is not None:
            stories = stories.filter(themes=theme)
        if audience is not None:
            stories = stories.filter(audiences=audience)
        return stories


class StoryIndexPage(BasePage):
    """#100 verhalen: all stories, filterable by theme and audience, with one featured story on top."""

    featured_story = models.ForeignKey(
        "stories.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("featured story"),
        help_text=_("Shown large at the top of the overview. Empty: the newest story is featured."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("featured_story")]

    template = "pages/story_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["stories.StoryPage", "core.ContentPage"]
    max_count = 1
    paginate_by = 12

    class Meta:
        verbose_name = _("story index")

    def get_featured(self, stories):
        """The editor's choice when it is published and public, otherwise the newest story."""
        if self.featured_story_id:
            chosen = stories.filter(pk=self.featured_story_id).first()
            if chosen is not None:
                return chosen
        return stories.first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        stories = StoryPage.objects.child_of(self).live().public().for_listing()
        form = TaxonomyFilterForm(request.GET or None, themes=Theme.objects.all(), audiences=Audience.objects.all())
        featured = None
        if not form.is_filtered and request.GET.get("page") in (None, "", "1"):
            featured = self.get_featured(stories)
        listed = stories.with_taxonomy(*form.filters())
        if featured is not None:
            listed = listed.exclude(pk=featured.pk)
        page_obj = Paginator(listed, self.paginate_by).get_page(request.GET.get("page"))
        context.update(filter_form=form, featured=featured, page_obj=page_obj, stories=page_obj.object_list)
        return context


class StoryPage(EasyReadMixin, ReactionsMixin, BasePage):
    """One story of a volunteer, professional or organisation, with a portrait and a pull quote."""

    person_name = models.CharField(
        _("person or organisation"),
        max_length=150,
        help_text=_("Whose story is this? A name, or the organisation when it speaks as a whole."),
    )
    organisation = models.CharField(
        _("organisation and role"),
        max_length=200,
        blank=True,
        help_text=_("For example 'vrijwilliger bij de Voedselbank Zwolle'."),
    )
    place = models.CharField(_("place"), max_length=100, blank=True, help_text=_("Town or village, optional."))
    pull_quote = models.TextField(
        _("pull quote"),
        max_length=300,
        blank=True,
        help_text=_("One striking sentence from the story, shown large. Without quotation marks."),
    )
    portrait = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("portrait or photo"),
        help_text=_("A portrait of the person, or a photo of the work. Only with permission of who is in it."),
    )
    portrait_alt_text = models.CharField(
        _("alt text of the portrait"),
        max_length=255,
        blank=True,
        help_text=_("Required with a photo: describe what it shows for people who cannot see it."),
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("story"))
    municipalities = ParentalManyToManyField(
        "core.Municipality",
        blank=True,
        related_name="stories",
        verbose_name=_("municipalities"),
        help_text=_("Municipalities this story is about; it is shown on their pages in the inclusion networks."),
    )

    objects = PageManager.from_queryset(StoryPageQuerySet)()

    settings_panels = [*Page.settings_panels, *ReactionsMixin.reactions_panels]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("person_name"),
                FieldRowPanel([FieldPanel("organisation"), FieldPanel("place")]),
                FieldPanel("pull_quote", widget=forms.Textarea(attrs={"rows": 3})),
                FieldPanel("portrait"),
                FieldPanel("portrait_alt_text"),
            ],
            heading=_("Who tells the story"),
        ),
        FieldPanel("body"),
        FieldPanel("municipalities"),
        InlinePanel(
            "related_links",
            label=_("Related page"),
            heading=_("Related expeditions, lessons, sessions or tips"),
            max_num=4,
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("person_name", boost=2),
        index.SearchField("organisation"),
        index.SearchField("place"),
        index.SearchField("pull_quote"),
        index.SearchField("body"),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
        *EasyReadMixin.search_fields,
    ]

    template = "pages/story_page.html"
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def clean(self):
        super().clean()
        if self.portrait_id and not self.portrait_alt_text.strip():
            raise ValidationError({"portrait_alt_text": _("Describe the photo: an alt text is required.")})

    @property
    def summary(self):
        if self.listing_summary:
            return self.listing_summary
        if self.pull_quote:
            return self.pull_quote
        return super().summary

    @property
    def search_municipalities(self):
        return list(self.municipalities.all())

    @property
    def card_image(self):
        return self.listing_image or self.portrait

    def get_related_pages(self):
        """Linked pages that are published and public, in the editor's order: the links, then the pages (their
        title, URL and type are all the list shows, so not their specific rows). One query: the links with their
        pages; whether a page is public is known from the private sections kept per content generation (the
        condition of ``.public()``)."""
        private = restricted_sections()
        return [
            link.page
            for link in self.related_links.select_related("page")
            if link.page_id
            and link.page.live
            and not any(link.page.path.startswith(path) and link.page.depth >= depth for path, depth in private)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_pages"] = self.get_related_pages()
        return context


class StoryRelatedPage(Orderable):
    story = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
        help_text=_("An expedition, lesson, session or tip collection this story is about."),
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")
