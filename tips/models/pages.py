import copy
import datetime

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from community.models import ReactionsMixin
from core.forms import TaxonomyFilterForm
from core.models import Audience, BasePage, Theme

TIP_BODY_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SLUG_MAX_LENGTH = 80
ALL_TIPS_SLUG = "alle"  # the list of all tips, below the tip index; no collection may take this slug


def unique_slug(title, taken):
    """A slug from `title` that is not in `taken` (a set of slugs), made unique with -2, -3, …"""
    base = slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "tip"
    slug, number = base, 2
    while slug in taken:
        suffix = f"-{number}"
        slug = f"{base[: SLUG_MAX_LENGTH - len(suffix)]}{suffix}"
        number += 1
    return slug


class TipCollectionIndexPage(RoutablePageMixin, BasePage):
    """The overview of every tip collection, newest first, filterable by theme and audience; and below it (alle/)
    the list of every tip of every collection, filtered on the tips' own themes and audiences."""

    template = "pages/tip_collection_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["tips.TipCollectionPage", "core.ContentPage"]
    max_count = 1
    paginate_by = 12
    tips_per_page = 20
    all_tips_template = "pages/all_tips.html"

    class Meta:
        verbose_name = _("tip collection index")

    @path(f"{ALL_TIPS_SLUG}/", name="all_tips")
    def all_tips(self, request):
        """Every public tip, newest collection first, each naming its collection; filtered on the tips' themes and
        audiences, paginated. A constant number of queries, however many tips there are."""
        form = TaxonomyFilterForm(
            request.GET, themes=Theme.objects.all(), audiences=Audience.objects.all(), prefix_id="all-tips"
        )
        tips = (
            Tip.objects.public()
            .with_taxonomy(*form.filters())
            .select_related("page")
            .prefetch_related("themes", "audiences")
            .newest()
        )
        page_obj = Paginator(tips, self.tips_per_page).get_page(request.GET.get("page"))
        return self.render(
            request,
            template=self.all_tips_template,
            context_overrides={"filter_form": form, "page_obj": page_obj, "tips": page_obj.object_list},
        )

    def all_tips_url(self, request=None):
        url = self.get_url(request)
        return f"{url}{ALL_TIPS_SLUG}/" if url else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        collections = TipCollectionPage.objects.child_of(self).live().public().for_listing()
        form = TaxonomyFilterForm(request.GET, themes=Theme.objects.all(), audiences=Audience.objects.all())
        collections = collections.with_taxonomy(*form.filters())
        page_obj = Paginator(collections, self.paginate_by).get_page(request.GET.get("page"))
        context.update(filter_form=form, page_obj=page_obj, collections=page_obj.object_list)
        return context


class TipCollectionPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Newest occasion first, with the number of tips, for the overview."""
        return (
            self.annotate(tip_count=models.Count("tips", distinct=True))
            .order_by(models.F("occasion_date").desc(nulls_last=True), "-first_published_at")
            .select_related("listing_image")
        )

    def with_taxonomy(self, theme=None, audience=None):
        """Collections tagged with the theme/audience themselves or holding a tip that is."""
        collections = self
        if theme is not None:
            collections = collections.filter(models.Q(themes=theme) | models.Q(tips__themes=theme))
        if audience is not None:
            collections = collections.filter(models.Q(audiences=audience) | models.Q(tips__audiences=audience))
        return collections.distinct()


class TipCollectionPage(ReactionsMixin, RoutablePageMixin, BasePage):
    """A set of tips from one occasion. Every tip has an anchor here and its own permalink below this page."""

    occasion = models.CharField(
        _("occasion"),
        max_length=200,
        blank=True,
        help_text=_("Where the tips come from, for example 'Bijeenkomst met zestig lokale initiatiefnemers'."),
    )
    occasion_date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("When the tips were collected; collections are sorted by it.")
    )
    organisers = models.CharField(
        _("organisers"), max_length=255, blank=True, help_text=_("Who organised the occasion, separated by commas.")
    )
    report = models.ForeignKey(
        "core.CustomDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("report"),
        help_text=_("Optional: a short report of the occasion, offered as a download."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("occasion"),
                FieldRowPanel([FieldPanel("occasion_date"), FieldPanel("organisers")]),
                FieldPanel("report"),
            ],
            heading=_("Where the tips come from"),
        ),
        InlinePanel("tips", label=_("Tips"), heading=_("Tips")),
    ]
    # The switch turns reactions off for every tip of the collection (each tip has its own reactions).
    settings_panels = [*BasePage.settings_panels, *ReactionsMixin.reactions_panels]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("occasion"),
        index.SearchField("organisers"),
        index.FilterField("occasion_date"),
    ]

    objects = PageManager.from_queryset(TipCollectionPageQuerySet)()

    template = "pages/tip_collection_page.html"
    tip_template = "pages/tip_page.html"
    parent_page_types = ["tips.TipCollectionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tip collection")
        verbose_name_plural = _("tip collections")

    @property
    def search_result_date(self):
        """When the tips were collected (an aware datetime, like every other search result), else first published."""
        if self.occasion_date:
            return timezone.make_aware(datetime.datetime.combine(self.occasion_date, datetime.time(12)))
        return self.first_published_at

    @property
    def organiser_list(self):
        return [name.strip() for name in self.organisers.split(",") if name.strip()]

    def clean(self):
        super().clean()
        if self.slug == ALL_TIPS_SLUG:
            raise ValidationError({"slug": _("This address is taken by the list of all tips. Choose another slug.")})
        self.assign_tip_slugs()

    def save(self, *args, **kwargs):
        """Save, updating Wagtail's reference index once for the page and all its tips.

        Wagtail reindexes the whole page for every saved child, which makes publishing a collection of n tips
        cost n² reference extractions (minutes for a few hundred tips). The tips are indexed with the page anyway.
        """
        # Imported here: wagtail.signal_handlers imports models, which are not ready while this module loads.
        from wagtail.signal_handlers import disable_reference_index_auto_update, reference_index_auto_update_disabled
        from wagtail.tasks import update_reference_index_task

        if getattr(reference_index_auto_update_disabled, "value", False):
            return super().save(*args, **kwargs)
        with disable_reference_index_auto_update():
            result = super().save(*args, **kwargs)
        if self.pk:
            update_reference_index_task.enqueue(self._meta.app_label, self._meta.model_name, str(self.pk))
        return result

    def with_content_json(self, content):
        """The page as a revision holds it, without taking tag rows away from other tips.

        Wagtail gives the tips of a copied page's revisions the ids of the copied tips, but leaves the ids of
        their tag rows (``tagged_items``) pointing at the original tips' rows. Publishing or editing such a
        revision would move those rows to the copy and strip the tags from the original collection. A tag row
        that belongs to another tip (or no longer exists) is restored as a new row instead.
        """
        tagged = [
            (tip.get("pk"), item)
            for tip in content.get("tips", ())
            for item in tip.get("tagged_items", ())
            if item.get("pk") is not None
        ]
        if tagged:
            owners = dict(
                TipTag.objects.filter(pk__in=[item["pk"] for _tip, item in tagged]).values_list(
                    "pk", "content_object_id"
                )
            )
            if any(owners.get(item["pk"]) != tip_pk for tip_pk, item in tagged):
                content = copy.deepcopy(content)
                for tip in content["tips"]:
                    for item in tip.get("tagged_items", ()):
                        if item.get("pk") is not None and owners.get(item["pk"]) != tip.get("pk"):
                            item["pk"] = None
        return super().with_content_json(content)

    def assign_tip_slugs(self):
        """Give new tips a slug from their title, once; existing slugs never change, so permalinks stay valid."""
        tips = list(self.tips.all())
        taken = {tip.slug for tip in tips if tip.slug}
        for tip in tips:
            if not tip.slug:
                tip.slug = unique_slug(tip.title, taken)
                taken.add(tip.slug)

    def get_sitemap_urls(self, request=None):
        """The collection and every tip permalink, so search engines find tips one by one."""
        urls = super().get_sitemap_urls(request)
        base_url = self.get_full_url(request)
        if base_url:
            urls += [
                {"location": f"{base_url}{slug}/", "lastmod": self.last_published_at}
                for slug in Tip.objects.filter(page=self).values_list("slug", flat=True)
            ]
        return urls

    # Routes: the collection itself, and a permalink per tip.
    @path("")
    def collection(self, request):
        from tips.views import collection_context

        return self.render(request, context_overrides=collection_context(self, request))

    @path("<slug:tip_slug>/")
    def tip_detail(self, request, tip_slug):
        from tips.views import tip_context

        return self.render(request, template=self.tip_template, context_overrides=tip_context(self, request, tip_slug))


class TipTag(TaggedItemBase):
    content_object = ParentalKey("tips.Tip", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("tip tag")
        verbose_name_plural = _("tip tags")


class TipQuerySet(models.QuerySet):
    def public(self):
        """Tips of collections that are live and not behind a login."""
        return self.filter(page__in=TipCollectionPage.objects.live().public().values("pk"))

    def with_related(self):
        return self.select_related("page").prefetch_related("themes", "audiences", "tags")

    def with_taxonomy(self, theme=None, audience=None):
        tips = self
        if theme is not None:
            tips = tips.filter(themes=theme)
        if audience is not None:
            tips = tips.filter(audiences=audience)
        return tips

    def newest(self):
        return self.order_by("-page__first_published_at", "page_id", "sort_order")


class Tip(index.Indexed, Orderable, ClusterableModel):
    """One practical tip. It lives in a collection but can be cited, shared, appreciated and found on its own."""

    page = ParentalKey(TipCollectionPage, on_delete=models.CASCADE, related_name="tips")
    title = models.CharField(_("title"), max_length=255, help_text=_("The tip in one short sentence."))
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        blank=True,
        editable=False,
        help_text=_("Made from the title once and then kept, so links to this tip keep working."),
    )
    body = RichTextField(
        _("text"),
        blank=True,
        features=TIP_BODY_FEATURES,
        help_text=_("A few sentences that explain the tip. Keep it short."),
    )
    themes = ParentalManyToManyField(
        "core.Theme", blank=True, related_name="tips", verbose_name=_("themes"), help_text=_("What is the tip about?")
    )
    audiences = ParentalManyToManyField(
        "core.Audience",
        blank=True,
        related_name="tips",
        verbose_name=_("audiences"),
        help_text=_("Who is the tip for?"),
    )
    municipalities = ParentalManyToManyField(
        "core.Municipality",
        blank=True,
        related_name="tips",
        verbose_name=_("municipalities"),
        help_text=_("Municipalities this tip comes from or is about; it is shown on their network pages."),
    )
    tags = ClusterTaggableManager(
        through=TipTag, blank=True, verbose_name=_("tags"), help_text=_("Free keywords, separated by commas.")
    )

    # Deleting a tip deletes its appreciation counter too.
    appreciations = GenericRelation("tips.Appreciation", related_query_name="tip")

    objects = TipQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldRowPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ]
        ),
        FieldPanel("tags"),
        FieldPanel("municipalities"),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("audiences", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("page", [index.SearchField("title")]),
        index.FilterField("page"),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
    ]
    # Wagtail's index is kept up to date by search.signals instead of Wagtail's own handler, so that the tips of
    # an import (search.indexing.bulk_changes()) are indexed by one task rather than one task per tip.
    search_auto_update = False

    search_province = ""
    listing_image = None

    @property
    def search_municipalities(self):
        return list(self.municipalities.all())

    class Meta(Orderable.Meta):
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        constraints = [models.UniqueConstraint(fields=["page", "slug"], name="tips_tip_unique_slug_per_collection")]

    def __str__(self):
        return self.title

    def copy_cluster(self, exclude_fields=None):
        """Copy the tip (with its tags, themes and audiences) for a copied collection, never its generic relations.

        modelcluster copies every field it does not know as reverse by assignment, and assigning to a reverse
        generic relation (``appreciations``, the search index's ``index_entries``) raises a TypeError. Wagtail
        skips them when it copies a page; so does this. The appreciation counter belongs to the original tip: the
        copy starts at zero under its own id. The slug is kept: slugs are unique per collection, so the copy's
        permalinks are the new collection's URL plus the same slug.
        """
        generic_relations = [field.name for field in self._meta.get_fields() if isinstance(field, GenericRelation)]
        return super().copy_cluster(exclude_fields=[*(exclude_fields or []), *generic_relations])

    def save(self, *args, **kwargs):
        if not self.slug:
            taken = set(Tip.objects.filter(page_id=self.page_id).exclude(pk=self.pk).values_list("slug", flat=True))
            self.slug = unique_slug(self.title, taken)
        super().save(*args, **kwargs)

    @classmethod
    def public_search_queryset(cls):
        return cls.objects.public().with_related()

    @classmethod
    def get_indexed_objects(cls):
        return cls.objects.with_related()

    @property
    def anchor(self):
        return f"tip-{self.slug}"

    @property
    def url(self):
        """The permalink of this tip."""
        return self.get_url()

    def get_url(self, request=None):
        page_url = self.page.get_url(request=request)
        if page_url is None:
            return None
        return f"{page_url}{self.slug}/"

    def get_full_url(self, request=None):
        page_url = self.page.get_full_url(request=request)
        return f"{page_url}{self.slug}/" if page_url else None

    @property
    def summary(self):
        return Truncator(strip_tags(self.body or "")).words(40)

    @property
    def search_result_date(self):
        return self.page.search_result_date

    date = search_result_date

    @property
    def collection(self):
        return self.page
