"""Local actions: what organisations and municipalities do in their place during a campaign week.

Anyone registers one without an account (campaign.views.register_action); the programme team approves or
rejects it in the admin (campaign.admin_views); approved actions are listed on the week's page and on the
actions overview, and found by the site search.
"""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.models import Province

TITLE_MAX = 120
ORGANISATION_MAX = 150
PLACE_MAX = 100
DESCRIPTION_MAX = 1000
URL_MAX = 500
# The page cache dependency of every page that lists approved actions (core.caching.depends_on).
CACHE_DEPENDENCY = "campaign-actions"

http_url_validator = URLValidator(schemes=["http", "https"])


class LocalActionQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def approved(self):
        return self.filter(status=LocalAction.Status.APPROVED)

    def pending(self):
        return self.filter(status=LocalAction.Status.PENDING)

    def public(self):
        """Approved actions of a live, public campaign week."""
        from campaign.models.pages import CampaignWeekPage

        return self.approved().filter(week__in=CampaignWeekPage.objects.live().public().values("pk"))

    def for_listing(self):
        return self.select_related("week").order_by("date", "place", "pk")


class LocalAction(index.Indexed, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    week = models.ForeignKey(
        "campaign.CampaignWeekPage",
        on_delete=models.CASCADE,
        related_name="local_actions",
        verbose_name=_("campaign week"),
    )
    title = models.CharField(_("name of the action"), max_length=TITLE_MAX)
    organisation = models.CharField(_("organisation or municipality"), max_length=ORGANISATION_MAX)
    place = models.CharField(_("place"), max_length=PLACE_MAX)
    province = models.CharField(_("province"), max_length=20, choices=Province.choices)
    date = models.DateField(_("date"))
    description = models.TextField(_("short description"), max_length=DESCRIPTION_MAX)
    link = models.URLField(_("link"), max_length=URL_MAX, blank=True, validators=[http_url_validator])
    email = models.EmailField(_("email address"), help_text=_("Never shown on the site."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("reviewed by"),
    )

    objects = LocalActionQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("organisation", boost=2),
        index.SearchField("place", boost=2),
        index.SearchField("description"),
        index.FilterField("status"),
        index.FilterField("province"),
        index.FilterField("week_id"),
        index.FilterField("date"),
    ]

    # What the site search shows (search/indexing.py reads these like a page's).
    search_type_label = _("Local action")
    search_municipalities = ()
    listing_image = None

    class Meta:
        verbose_name = _("local action")
        verbose_name_plural = _("local actions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "date"], name="campaign_action_status_date")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._loaded_status = self.status if self.pk else None

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    def get_absolute_url(self):
        return self.get_url()

    def page_cache_dependencies(self):
        """Only approved actions appear on pages: a new registration (pending) leaves the page cache alone, so
        nobody can empty it by registering; approving, rejecting, changing or deleting an approved one does not."""
        if self.status == self.Status.APPROVED or self._loaded_status == self.Status.APPROVED:
            return [CACHE_DEPENDENCY]
        return []

    # The site search -----------------------------------------------------------------------------------------

    @classmethod
    def public_search_queryset(cls):
        # No ``themes``/``audiences`` attributes: the search's theme and audience facets prefetch relations of those
        # names, and an action has none of its own (its week has).
        return cls.objects.public().select_related("week")

    @property
    def search_province(self):
        return self.province

    @property
    def search_result_date(self):
        return self.created_at

    @property
    def summary(self):
        return Truncator(f"{self.organisation}, {self.place}: {self.description}").words(40)

    @property
    def url(self):
        return self.get_absolute_url()

    def get_url(self, request=None):
        """The action's own page, below its week's page ('' while the week has no URL)."""
        week_url = self.week.get_url(request)
        if not week_url:
            return ""
        return week_url + self.week.reverse_subpage("action", args=[self.pk])

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED and self.week.live
