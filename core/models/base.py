from django import forms
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.caching import restricted_sections
from core.rich_text import LIMITED_FEATURES


class ViewRestrictionsMixin:
    """Wagtail checks a page's view restrictions on every view with two queries (the ancestors, then their
    restrictions); a site without any restriction (the restrictions are kept per content generation,
    core.caching.restricted_sections) needs neither."""

    def get_view_restrictions(self):
        if not restricted_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class PageTag(TaggedItemBase):
    """Free tags for every page type that derives from BasePage."""

    content_object = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("page tag")
        verbose_name_plural = _("page tags")


class TaxonomyMixin(models.Model):
    """Themes, audiences and free tags shared by every content page."""

    themes = ParentalManyToManyField(
        "core.Theme",
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        verbose_name=_("themes"),
        help_text=_("Choose the themes this page is about; visitors filter and search by them."),
    )
    audiences = ParentalManyToManyField(
        "core.Audience",
        blank=True,
        related_name="%(app_label)s_%(class)s_pages",
        verbose_name=_("audiences"),
        help_text=_("Who is this page for?"),
    )
    tags = ClusterTaggableManager(
        through=PageTag,
        blank=True,
        verbose_name=_("tags"),
        help_text=_("Free keywords, separated by commas."),
    )

    taxonomy_panels = [
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Themes, audiences and tags"),
        )
    ]

    class Meta:
        abstract = True


class ListingMixin(models.Model):
    """What a page shows of itself in listings, cards and search results."""

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=LIMITED_FEATURES,
        help_text=_("A short opening paragraph shown at the top of the page."),
    )
    listing_summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for cards and search results. Empty: the introduction is used."),
    )
    listing_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("listing image"),
        help_text=_("Shown on cards in overviews. Give the image an alt text in the image library."),
    )

    listing_panels = [
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("listing_image")],
            heading=_("Listing"),
        )
    ]

    class Meta:
        abstract = True


class BasePage(ViewRestrictionsMixin, TaxonomyMixin, ListingMixin, Page):
    """Abstract base for every content page type of the platform."""

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    # Pages pinned in the page's "Related content" block (core.models.related.RelatedPin, core/related.py).
    related_panels = [
        InlinePanel(
            "related_pins",
            heading=_("Related content"),
            label=_("Related page"),
            max_num=4,
            help_text=_(
                "Up to four pages shown first under 'Related content'; the rest is found by shared themes and "
                "audiences."
            ),
        )
    ]
    promote_panels = [
        *Page.promote_panels,
        *ListingMixin.listing_panels,
        *TaxonomyMixin.taxonomy_panels,
        *related_panels,
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("listing_summary", boost=2),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("audiences", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        abstract = True

    # What the search app shows and filters on for every result (issue 6). Non-page models that are
    # searchable on their own (tips) expose the same attributes.
    @property
    def search_result_date(self):
        return self.first_published_at

    search_province = ""
    search_municipalities = ()  # core.Municipality objects (or ids) the page is about: the search's gemeente facet

    @property
    def summary(self):
        """Plain-text summary for cards and search results."""
        if self.listing_summary:
            return self.listing_summary
        return Truncator(strip_tags(self.introduction or self.search_description or "")).words(40)
