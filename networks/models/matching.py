"""Matching (koppeling): requests from visitors to be paired with a municipality, and the matches the project
team records and follows up (requested, introduced, active, closed); and the overview page of the agendas."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from core.models import BasePage


class MatchRequest(index.Indexed, models.Model):
    """Someone asked, on a municipality's page, to be paired with that municipality. Stored before the project
    team is told (by email through the outbox), so no request is lost when the mail server is down."""

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.CASCADE,
        related_name="match_requests",
        verbose_name=_("municipality asked for"),
    )
    page = models.ForeignKey(
        "networks.MunicipalityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent from page"),
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), max_length=254)
    requester_municipality = models.CharField(_("their municipality"), max_length=100)
    question = models.TextField(_("what they want to learn"), max_length=2000)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("email"),
        index.SearchField("requester_municipality"),
        index.SearchField("question"),
    ]
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("match request")
        verbose_name_plural = _("match requests")

    def __str__(self):
        return _("%(name)s (%(from)s) asks about %(municipality)s") % {
            "name": self.name,
            "from": self.requester_municipality,
            "municipality": self.municipality,
        }


class MatchStatus(models.TextChoices):
    REQUESTED = "requested", _("requested")
    INTRODUCED = "introduced", _("introduced")
    ACTIVE = "active", _("active")
    CLOSED = "closed", _("closed")


class Match(ClusterableModel):
    """Two municipalities the project team pairs up. Setting the status to *introduced* emails both contacts an
    introduction, exactly once (``introduction_sent_at`` records it; see ``networks.matching.introduce``)."""

    municipality_a = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality A")
    )
    municipality_b = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality B")
    )
    life_domains = ParentalManyToManyField(
        "networks.LifeDomain",
        blank=True,
        related_name="matches",
        verbose_name=_("themes (life domains)"),
        help_text=_("What the two municipalities want to work on together."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MatchStatus.choices, default=MatchStatus.REQUESTED, db_index=True
    )
    contact_email_a = models.EmailField(
        _("contact email A"),
        blank=True,
        help_text=_(
            "Leave empty to use the first contact person with an email address of municipality A's membership."
        ),
    )
    contact_email_b = models.EmailField(
        _("contact email B"),
        blank=True,
        help_text=_(
            "Leave empty to use the first contact person with an email address of municipality B's membership."
        ),
    )
    requested_on = models.DateField(_("requested on"), default=timezone.localdate)
    introduced_on = models.DateField(_("introduced on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("Only the project team sees these."))
    match_request = models.ForeignKey(
        MatchRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches",
        verbose_name=_("from request"),
    )
    introduction_sent_at = models.DateTimeField(_("introduction sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("municipality_a"), FieldPanel("municipality_b")]),
        FieldPanel("life_domains", widget=forms.CheckboxSelectMultiple),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("requested_on"), FieldPanel("introduced_on"), FieldPanel("closed_on")]),
        MultiFieldPanel(
            [FieldPanel("contact_email_a"), FieldPanel("contact_email_b")], heading=_("Who gets the introduction")
        ),
        FieldPanel("match_request"),
        FieldPanel("notes"),
    ]

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(municipality_a=models.F("municipality_b")), name="networks_match_two_municipalities"
            )
        ]

    def __str__(self):
        return f"{self.municipality_a} – {self.municipality_b}"

    def clean(self):
        super().clean()
        if self.municipality_a_id and self.municipality_a_id == self.municipality_b_id:
            raise ValidationError({"municipality_b": _("Choose two different municipalities.")})
        if self.status == MatchStatus.INTRODUCED and self.introduction_sent_at is None and self.municipality_b_id:
            from networks.matching import introduction_recipients

            errors = {}
            for side, (municipality, address) in zip("ab", introduction_recipients(self), strict=True):
                if not address:
                    errors[f"contact_email_{side}"] = _(
                        "%(municipality)s has no contact person with an email address. Enter the address that "
                        "should get the introduction."
                    ) % {"municipality": municipality}
            if errors:
                raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.status == MatchStatus.INTRODUCED and self.introduced_on is None:
            self.introduced_on = timezone.localdate()
        if self.status == MatchStatus.CLOSED and self.closed_on is None:
            self.closed_on = timezone.localdate()
        super().save(*args, **kwargs)
        if self.status == MatchStatus.INTRODUCED and self.introduction_sent_at is None:
            from networks.matching import introduce

            introduce(self)


class InclusionAgendaOverviewPage(RoutablePageMixin, BasePage):
    """Which municipalities of the network have a Lokale Inclusie Agenda, by status, province and life domain
    (``networks.overview``): filters without JavaScript, bar charts with tables, and CSV/XLSX exports."""

    template = "networks/overview_page.html"
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("agenda overview")
        verbose_name_plural = _("agenda overviews")

    def get_context(self, request, *args, **kwargs):
        from networks.overview import overview_context

        context = super().get_context(request, *args, **kwargs)
        context.update(overview_context(self, request))
        context["csv_url"] = self.url + self.reverse_subpage("export_csv")
        context["xlsx_url"] = self.url + self.reverse_subpage("export_xlsx")
        return context

    @path("")
    def overview(self, request):
        return self.render(request)

    @path("csv/", name="export_csv")
    def export_csv(self, request):
        from networks.overview import export_response

        return export_response(self, request, "csv")

    @path("xlsx/", name="export_xlsx")
    def export_xlsx(self, request):
        from networks.overview import export_response

        return export_response(self, request, "xlsx")
