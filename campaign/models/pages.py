from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.models import BasePage


class CampaignIndexPage(RoutablePageMixin, BasePage):
    """/campagne/: the campaign calendar (weeks, upcoming first) and the tools of the campaign."""

    template = "pages/campaign_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = [
        "campaign.CampaignWeekPage",
        "campaign.MaterialsPage",
        "campaign_posters.PosterMakerPage",
        "campaign_quiz.StrengthTestPage",
        "campaign_quiz.PlanPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        from campaign.listing import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        return context

    @path("acties/", name="actions")
    def actions(self, request):
        """All approved local actions: search, and filter by week and province."""
        from campaign.views import actions_overview

        return actions_overview(self, request)


class CampaignWeekQuerySet(PageQuerySet):
    def upcoming(self, today=None):
        """Weeks that have not ended yet, soonest first."""
        today = today or timezone.localdate()
        return self.filter(end_date__gte=today).order_by("start_date", "pk")

    def past(self, today=None):
        """Weeks that have ended, most recent first."""
        today = today or timezone.localdate()
        return self.filter(end_date__lt=today).order_by("-start_date", "-pk")


class CampaignWeekPage(RoutablePageMixin, BasePage):
    """One national campaign week: its theme, dates, materials and the local actions registered for it."""

    motto = models.CharField(
        _("campaign theme"),
        max_length=120,
        help_text=_("The theme of this week in a few words, for example 'Samen sterk in de buurt'."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))

    objects = PageManager.from_queryset(CampaignWeekQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("motto"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldPanel("introduction"),
    ]
    promote_panels = BasePage.promote_panels
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("motto", boost=2),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    template = "pages/campaign_week_page.html"
    parent_page_types = ["campaign.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign week")
        verbose_name_plural = _("campaign weeks")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
            if (self.end_date - self.start_date).days > 30:
                raise ValidationError({"end_date": _("A campaign week lasts at most 31 days.")})

    @property
    def is_past(self):
        return self.end_date < timezone.localdate()

    def get_context(self, request, *args, **kwargs):
        from campaign.listing import week_context

        context = super().get_context(request, *args, **kwargs)
        context.update(week_context(self, request))
        return context

    @path("", name="week")
    def week(self, request):
        return self.render(request)

    @path("aanmelden/", name="register")
    def register(self, request):
        """The form to register a local action (never cached: it carries a CSRF token)."""
        from campaign.views import register_action

        return register_action(self, request)

    @path("aanmelden/bedankt/", name="registered")
    def registered(self, request):
        from campaign.views import action_registered

        return action_registered(self, request)

    @path("acties/<int:action_id>/", name="action")
    def action(self, request, action_id):
        from campaign.views import action_detail

        return action_detail(self, request, action_id)


class MaterialsPage(BasePage):
    """The materials library: posters, logos, radio spots and social media texts to download, filterable."""

    template = "pages/campaign_materials_page.html"
    parent_page_types = ["campaign.CampaignIndexPage"]
    subpage_types = []
    max_count = 1

    content_panels = [*BasePage.content_panels]

    class Meta:
        verbose_name = _("materials library")

    def get_context(self, request, *args, **kwargs):
        from campaign.listing import materials_context

        context = super().get_context(request, *args, **kwargs)
        context.update(materials_context(self, request))
        return context
