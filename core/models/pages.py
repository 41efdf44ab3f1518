from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from core import compiled
from core.blocks import BaseStreamBlock
from core.caching import memoize
from core.home_sections import get_audience_entries, get_home_sections, get_key_figures
from core.rich_text import LIMITED_FEATURES

from .base import BasePage, ViewRestrictionsMixin
from .easy_read import EasyReadMixin


class FeaturedItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    text = blocks.CharBlock(
        label=_("text"), required=False, max_length=200, help_text=_("Empty: the summary of the page is used.")
    )

    class Meta:
        icon = "pick"
        label = _("Featured page")


class AudienceEntryBlock(blocks.StructBlock):
    """An entry point on the home page for one group of visitors ("Ik werk bij een gemeente")."""

    label = blocks.CharBlock(
        label=_("label"), max_length=80, help_text=_("In the visitor's words, for example 'Ik werk bij een gemeente'.")
    )
    text = blocks.CharBlock(label=_("text"), required=False, max_length=160, help_text=_("Optional: one sentence."))
    audience = SnippetChooserBlock(
        "core.Audience",
        label=_("audience"),
        required=False,
        help_text=_("The entry leads to everything for this audience."),
    )
    page = blocks.PageChooserBlock(
        label=_("page"), required=False, help_text=_("Or a page of your own choosing instead of the audience.")
    )

    class Meta:
        icon = "group"
        label = _("Entry point")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("audience") and not value.get("page"):
            raise StructBlockValidationError(
                block_errors={"audience": ValidationError(_("Choose an audience or a page."))}
            )
        return value


class KeyFigureBlock(blocks.StructBlock):
    """A figure the programme team wants to show, such as a mark or a number from a report."""

    figure = blocks.CharBlock(label=_("figure"), max_length=20, help_text=_("For example '7,8' or '6,7 miljoen'."))
    label = blocks.CharBlock(label=_("label"), max_length=80, help_text=_("What the figure counts."))

    class Meta:
        icon = "order"
        label = _("Key figure")


def _routes_to_children(page, page_class, remaining):
    """Whether Wagtail's routing would pass on from ``page`` to its child for the ``remaining`` path: true
    for a page with Wagtail's own routing, and for a routable page whose routes do not match the path
    (RoutablePageMixin tries its routes, then routes as Page does). Decided without the specific page."""
    if page_class.route is Page.route:
        return True
    if issubclass(page_class, RoutablePageMixin) and page_class.route is RoutablePageMixin.route:
        if not page.live:
            return True
        try:
            page_class.get_resolver().resolve("/" + "/".join(remaining) + "/")
        except Http404:
            return True
    return False


def _specific(page, page_class):
    """``page.specific``, with the specific row read by a query compiled once per page type (core/compiled.py)."""
    if page_class is None or isinstance(page, page_class):
        return page.specific
    found = compiled.objects(
        ("specific", page_class), lambda pk: page_class._default_manager.filter(pk=pk), [page.pk], page._state.db
    )
    if not found:
        return page.specific  # gone since: Wagtail's own lookup says so
    specific = found[0]
    for name, value in page.__dict__.items():  # what Wagtail's get_specific copies: the non-field attributes
        specific.__dict__.setdefault(name, value)
    page.__dict__["specific"] = specific
    return specific


class HomePage(ViewRestrictionsMixin, Page):
    """The front page: hero, introduction, editors' picks and sections that fill themselves."""

    hero_title = models.CharField(
        _("hero title"), max_length=120, help_text=_("The main heading of the site, shown in large type.")
    )
    hero_text = models.TextField(
        _("hero text"), blank=True, max_length=400, help_text=_("One or two sentences under the hero title.")
    )
    hero_image = models.ForeignKey(
        "core.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("A wide photo. It is decorative: the hero text must say everything on its own."),
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero link"),
    )
    hero_link_text = models.CharField(_("hero link text"), max_length=60, blank=True)
    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=LIMITED_FEATURES,
        help_text=_("What the platform offers, in a few sentences."),
    )
    featured_items = StreamField(
        [("item", FeaturedItemBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("featured items"),
        help_text=_("Up to six pages the programme team wants to highlight."),
    )
    audience_entries = StreamField(
        [("entry", AudienceEntryBlock())],
        blank=True,
        max_num=8,
        verbose_name=_("entry points"),
        help_text=_("Empty: one entry point per audience, with a standard wording."),
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("key figures"),
        help_text=_("Figures of your own, shown before the figures counted from the content."),
    )
    show_content_figures = models.BooleanField(
        _("show figures from the content"),
        default=True,
        help_text=_("Counted automatically: expeditions, municipalities, tips and more. Zero is never shown."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        FieldPanel("audience_entries"),
        MultiFieldPanel([FieldPanel("key_figures"), FieldPanel("show_content_figures")], heading=_("Key figures")),
        FieldPanel("featured_items"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("introduction")]

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_featured_items(self):
        """Featured pages, fetched in one query, skipping unpublished or private ones."""
        page_ids = [block.value["page"].pk for block in self.featured_items if block.value["page"]]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).live().public().specific()}
        items = []
        for block in self.featured_items:
            page = pages.get(block.value["page"].pk) if block.value["page"] else None
            if page is not None:
                items.append({"page": page, "text": block.value["text"] or getattr(page, "summary", "")})
        return items

    def route(self, request, path_components):
        """Find the pages on the path in one query, not two queries per level as Wagtail's ``Page.route`` does.

        The chain of pages below this one whose URL paths are prefixes of the request's path is fetched at once;
        routing then continues as Wagtail would from the deepest page found, or from the first page on the way
        with routing of its own (a routable page's routes come before its child pages, as in Wagtail).
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [f"{self.url_path}{'/'.join(path_components[:n])}/" for n in range(1, len(path_components) + 1)]
        # slug__in lets the database use the slug index: url_path has none, and path LIKE alone read the whole page
        # table on every uncached request (4.6 of 15 ms of a lesson at 20,000 pages). Compiled once per site root
        # and path length (core/compiled.py).
        found = compiled.objects(
            ("route", self.pk, self.path, self.depth),
            lambda slugs, paths: Page.objects.filter(
                slug__in=slugs, url_path__in=paths, path__startswith=self.path, depth__gt=self.depth
            ),
            [list(path_components), prefixes],
        )
        chain = {page.url_path: page for page in found}
        # The pages on the path, for the breadcrumbs (core_tags.breadcrumbs): no query for the ancestors.
        if request is not None:
            request._kp_route_chain = [self, *chain.values()]
        parent = self
        for position, prefix in enumerate(prefixes):
            page = chain.get(prefix)
            if page is None:  # Wagtail's own routing says what is there (usually: 404)
                if parent is self:
                    return super().route(request, path_components)
                return parent.specific.route(request, path_components[position:])
            page._cached_parent_obj = parent
            remaining = path_components[position + 1 :]
            page_class = page.specific_class
            if not remaining or page_class is None or not _routes_to_children(page, page_class, remaining):
                return _specific(page, page_class).route(request, remaining)
            parent = page
        raise Http404  # not reached: the last prefix always returns

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Both only change with content (and upcoming sessions with time, within PAGE_CACHE_TIMEOUT): kept per
        # content generation (core/caching.py) instead of a dozen queries on every uncached view.
        context["featured"] = memoize(request, f"home-featured:{self.pk}", self.get_featured_items)
        context["home_sections"] = memoize(
            request, f"home-sections:{self.pk}", lambda: get_home_sections(self, request)
        )
        context["audience_entries"] = memoize(
            request, f"home-audiences:{self.pk}", lambda: get_audience_entries(self, request)
        )
        context["key_figures"] = memoize(request, f"home-figures:{self.pk}", lambda: get_key_figures(self))
        return context


class ContentPage(EasyReadMixin, BasePage):
    """A generic page of text, images, quotes, calls to action, documents and FAQs."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body"), *EasyReadMixin.search_fields]

    template = "pages/content_page.html"
    # No parent_page_types on purpose: a content page may go under the home page and under every
    # section index, each of which lists "core.ContentPage" in its subpage_types.
    subpage_types = ["core.ContentPage"]

    class Meta:
        verbose_name = _("content page")
