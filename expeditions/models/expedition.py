"""The expedition page and the rows editors add to it: organisations, leaders, target groups and results."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.caching import memoize
from core.models import BasePage, CustomImage
from expeditions.blocks import LensStreamBlock, TimelineBlock

from .choices import ExpeditionStatus, Lens, Province, TargetGroup
from .querysets import ExpeditionPageManager
from .snippets import ExpeditionLeader

LISTING_RENDITION = "fill-480x270"
LEADER_RENDITION = "fill-160x160"


def province_label(value):
    """The Dutch name of a province, whatever language is active (search documents are built offline)."""
    if not value:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        return str(Province(value).label)


class ExpeditionPage(BasePage):
    """One expedition: an organisation (or a few) working with a leader to reach new volunteers."""

    start_date = models.DateField(
        _("start date"), help_text=_("The day of the kick-off. Before this date the expedition counts as planned.")
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The day of the closing meeting. After this date the expedition counts as completed."),
    )
    status_override = models.CharField(
        _("status override"),
        max_length=20,
        choices=ExpeditionStatus.choices,
        blank=True,
        help_text=_(
            "Normally the status follows from the dates. Only choose one here if that is wrong, "
            "e.g. an expedition that was stopped early."
        ),
    )
    province = models.CharField(
        _("province"),
        max_length=20,
        choices=Province.choices,
        help_text=_("The province where the organisation is based; visitors filter on it."),
    )
    lens_sections = StreamField(
        LensStreamBlock(),
        blank=True,
        verbose_name=_("starting situation and actions per lens"),
        help_text=_("For attractiveness, accessibility and awareness: where the organisation started and what it did."),
    )
    timeline = StreamField(
        TimelineBlock(),
        blank=True,
        verbose_name=_("timeline"),
        help_text=_("The phases of the expedition, in order."),
    )

    objects = ExpeditionPageManager()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("status_override"),
            ],
            heading=_("Dates and status"),
        ),
        FieldPanel("province"),
        MultipleChooserPanel(
            "participations",
            chooser_field_name="organisation",
            heading=_("Participating organisations"),
            label=_("Organisation"),
            min_num=1,
        ),
        MultipleChooserPanel(
            "leaderships",
            chooser_field_name="leader",
            heading=_("Expedition leaders"),
            label=_("Leader"),
            help_text=_("Leaders with a user account may write lessons for this expedition once it is saved."),
        ),
        InlinePanel(
            "target_groups",
            heading=_("Target groups and results"),
            label=_("Target group"),
            help_text=_("Which groups does the expedition want to reach? Fill in the new volunteers afterwards."),
        ),
        FieldPanel("lens_sections"),
        FieldPanel("timeline"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("lens_sections"),
        index.SearchField("timeline"),
        index.RelatedFields(
            "participations",
            [
                index.RelatedFields(
                    "organisation", [index.SearchField("name", boost=2), index.SearchField("municipality")]
                )
            ],
        ),
        index.RelatedFields("leaderships", [index.RelatedFields("leader", [index.SearchField("name")])]),
        index.RelatedFields("target_groups", [index.FilterField("target_group")]),
        index.FilterField("province"),
        index.FilterField("status_override"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    template = "pages/expedition_page.html"
    parent_page_types = ["expeditions.ExpeditionIndexPage"]
    subpage_types = ["expeditions.LessonPage"]

    class Meta:
        verbose_name = _("expedition")
        verbose_name_plural = _("expeditions")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})

    def permissions_for_user(self, user):
        from expeditions.permissions import ExpeditionPermissionTester

        return ExpeditionPermissionTester(user, self)

    # Status ---------------------------------------------------------------------------------------
    def get_status(self, today=None):
        """Python twin of ``querysets.status_expression``, for a single page."""
        if self.status_override:
            return self.status_override
        today = today or timezone.localdate()
        if self.start_date > today:
            return ExpeditionStatus.PLANNED.value
        if self.end_date and self.end_date < today:
            return ExpeditionStatus.COMPLETED.value
        return ExpeditionStatus.RUNNING.value

    @property
    def status(self):
        value = getattr(self, "current_status", None) or self.get_status()
        return ExpeditionStatus(value)

    @property
    def search_province(self):
        """The province as visitors read it (the search facet shows this text)."""
        return province_label(self.province)

    @property
    def search_result_date(self):
        return self.start_date

    # Related content, fetched with a constant number of queries ------------------------------------
    def get_leaders(self):
        leaderships = (
            self.leaderships.select_related("leader")
            .prefetch_related(
                Prefetch("leader__photo", queryset=CustomImage.objects.prefetch_renditions(LEADER_RENDITION))
            )
            .order_by("sort_order")
        )
        return [leadership.leader for leadership in leaderships]

    def get_lessons(self):
        from .index import with_listing_renditions
        from .lesson import LessonPage

        # The lessons with their authors and card images, and the images' renditions: two queries.
        return with_listing_renditions(
            LessonPage.objects.child_of(self).live().public().select_related("author", "listing_image").newest_first()
        )

    def get_results(self):
        """Target groups in the order editors gave them, with the number of new volunteers."""
        return list(self.target_groups.order_by("sort_order"))

    def get_listed(self):
        """What the page lists besides its own fields: leaders, organisations, results and lessons."""
        results = self.get_results()
        return {
            "leaders": self.get_leaders(),
            "organisations": [p.organisation for p in self.participations.select_related("organisation")],
            "results": results,
            "results_total": sum(row.new_volunteers or 0 for row in results),
            "has_results": any(row.new_volunteers is not None for row in results),
            "lessons": list(self.get_lessons()),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            listed = self.get_listed()  # the editor's unsaved leaders and organisations are the point
        else:
            # Kept per content generation in this process: any save (a lesson published, a leader renamed, an
            # organisation edited) starts a new one. Their five queries and model instances took over a third of
            # an uncached view (in-process, a repeat view went from 40 to 25 ms).
            listed = memoize(request, f"expedition:{self.pk}:listed", self.get_listed, shared=False)
        context.update(
            listed,
            lenses=sorted(self.lens_sections, key=lambda block: list(Lens.values).index(block.value["lens"])),
        )
        return context


class ExpeditionParticipation(Orderable):
    expedition = ParentalKey(ExpeditionPage, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "expeditions.Organisation",
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisation"),
        help_text=_("Choose the organisation, or add it as a snippet first."),
    )

    panels = [FieldPanel("organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")


class ExpeditionLeadership(Orderable):
    """A leader assigned to an expedition. Saving or deleting one updates the leader's page permissions."""

    expedition = ParentalKey(ExpeditionPage, on_delete=models.CASCADE, related_name="leaderships")
    leader = models.ForeignKey(
        ExpeditionLeader,
        on_delete=models.CASCADE,
        related_name="leaderships",
        verbose_name=_("leader"),
        help_text=_("Choose the leader, or add them as a snippet first."),
    )

    panels = [FieldPanel("leader")]

    class Meta(Orderable.Meta):
        verbose_name = _("expedition leader")
        verbose_name_plural = _("expedition leaders")


class ExpeditionTargetGroup(Orderable):
    """A target group of an expedition and, once known, how many new volunteers it brought."""

    expedition = ParentalKey(ExpeditionPage, on_delete=models.CASCADE, related_name="target_groups")
    target_group = models.CharField(
        _("target group"),
        max_length=30,
        choices=TargetGroup.choices,
        help_text=_("A group of people the organisation wants to reach."),
    )
    new_volunteers = models.PositiveIntegerField(
        _("new volunteers"),
        null=True,
        blank=True,
        help_text=_("How many new volunteers from this group joined? Leave empty until it is known."),
    )

    panels = [FieldRowPanel([FieldPanel("target_group"), FieldPanel("new_volunteers")])]

    class Meta(Orderable.Meta):
        verbose_name = _("target group and result")
        verbose_name_plural = _("target groups and results")

    def __str__(self):
        return self.get_target_group_display()
