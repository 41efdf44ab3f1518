"""Lessons: what an expedition learned, written by its leaders for others."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from community.models import ReactionsMixin
from core.blocks import BaseStreamBlock
from core.caching import keep_related
from core.models import BasePage
from core.models.easy_read import EasyReadMixin
from core.rich_text import LIMITED_FEATURES
from expeditions.forms import LessonPageForm

from .choices import Lens, TargetGroup
from .querysets import LessonPageManager


class LessonPage(EasyReadMixin, ReactionsMixin, BasePage):
    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("When the lesson was learned. The newest lessons are shown first."),
    )
    lens = models.CharField(
        _("lens"),
        max_length=20,
        choices=Lens.choices,
        help_text=_("Which lens is this lesson mostly about?"),
    )
    target_group = models.CharField(
        _("target group"),
        max_length=30,
        choices=TargetGroup.choices,
        blank=True,
        help_text=_("The group of new volunteers this lesson is about. Leave empty if it applies to all."),
    )
    author = models.ForeignKey(
        "expeditions.ExpeditionLeader",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
        verbose_name=_("author"),
        help_text=_("The expedition leader who wrote this lesson."),
    )
    what_was_tried = RichTextField(
        _("what we tried"),
        features=LIMITED_FEATURES,
        help_text=_("Describe the approach: what did the organisation do, for whom, and how?"),
    )
    what_worked = RichTextField(
        _("what worked"),
        blank=True,
        features=LIMITED_FEATURES,
        help_text=_("What had the effect you hoped for? Mention numbers or reactions if you have them."),
    )
    what_did_not_work = RichTextField(
        _("what did not work"),
        blank=True,
        features=LIMITED_FEATURES,
        help_text=_("Be honest: what did not work, and why do you think so? Others learn most from this."),
    )
    advice = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("advice for others"),
        help_text=_("Practical advice for organisations that want to try the same. Start with the most important."),
    )
    # The expedition this lesson belongs to: its parent page, stored so overviews can filter and join
    # on province and status without walking the page tree. Kept in sync on save and on move.
    expedition = models.ForeignKey(
        "expeditions.ExpeditionPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="lessons",
        verbose_name=_("expedition"),
    )

    municipalities = ParentalManyToManyField(
        "core.Municipality",
        blank=True,
        related_name="lessons",
        verbose_name=_("municipalities"),
        help_text=_("Municipalities this lesson is about; it is shown on their pages in the inclusion networks."),
    )

    objects = LessonPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("listing_summary", heading=_("Summary")),
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("lens"), FieldPanel("target_group")]),
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("what_was_tried"),
        FieldPanel("what_worked"),
        FieldPanel("what_did_not_work"),
        FieldPanel("advice"),
        FieldPanel("municipalities"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("listing_image")], heading=_("Listing")),
        *BasePage.taxonomy_panels,
        *BasePage.related_panels,
    ]
    settings_panels = [*Page.settings_panels, *ReactionsMixin.reactions_panels]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("what_was_tried"),
        index.SearchField("what_worked"),
        index.SearchField("what_did_not_work"),
        index.SearchField("advice"),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.RelatedFields("expedition", [index.SearchField("title")]),
        index.FilterField("lens"),
        index.FilterField("target_group"),
        index.FilterField("date"),
        index.FilterField("expedition"),
        index.RelatedFields("municipalities", [index.SearchField("name")]),
        *EasyReadMixin.search_fields,
    ]

    base_form_class = LessonPageForm
    template = "pages/lesson_page.html"
    parent_page_types = ["expeditions.ExpeditionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def clean(self):
        super().clean()
        if not self.listing_summary.strip():
            raise ValidationError({"listing_summary": _("Write a summary of one or two sentences.")})

    def save(self, *args, **kwargs):
        self.sync_expedition()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "expedition" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "expedition"]
        return super().save(*args, **kwargs)

    def sync_expedition(self):
        """Point ``expedition`` at the parent page (lessons only live under expeditions)."""
        from .expedition import ExpeditionPage

        if not self.path or self.depth is None or self.depth < 2:
            return
        parent_path = self.path[: -self.steplen]
        if self.expedition_id and self.expedition is not None and self.expedition.path == parent_path:
            return
        self.expedition = ExpeditionPage.objects.filter(path=parent_path).first()

    @property
    def search_province(self):
        from .expedition import province_label

        return province_label(self.expedition.province) if self.expedition_id else ""

    @property
    def search_municipalities(self):
        return list(self.municipalities.all())

    @property
    def search_result_date(self):
        return self.date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        keep_related(request, self, "expedition", "author")
        context["expedition"] = self.expedition
        return context
