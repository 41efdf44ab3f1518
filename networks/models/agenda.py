"""The Lokale Inclusie Agenda of a municipality: one page below its municipality page, with the PDF."""

import os

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import FileResponse, Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from community.models import ReactionsMixin
from core.models import BasePage
from core.models.easy_read import EasyReadMixin
from core.rich_text import LIMITED_FEATURES
from networks.forms import InclusionAgendaPageForm

from .choices import AgendaStatus, LifeDomainCode
from .municipality import ancestor_path


def agenda_upload_to(instance, filename):
    return f"agendas/{filename}"


class InclusionAgendaPageQuerySet(PageQuerySet):
    def newest_first(self):
        return self.order_by(
            models.F("presented_on").desc(nulls_last=True),
            models.F("adopted_on").desc(nulls_last=True),
            "-first_published_at",
        )

    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def with_status(self, *statuses):
        return self.filter(status__in=statuses)

    def with_domain_flags(self):
        """One ``covers_<code>`` boolean per life domain, so an agenda's domains come with it in the same query."""
        through = InclusionAgendaPage.life_domains.through
        return self.annotate(
            **{
                f"covers_{code}": models.Exists(
                    through.objects.filter(inclusionagendapage_id=models.OuterRef("pk"), lifedomain__code=code)
                )
                for code in LifeDomainCode.values
            }
        )

    def covering(self, *domain_codes):
        return self.filter(life_domains__code__in=domain_codes).distinct()


class InclusionAgendaPage(EasyReadMixin, ReactionsMixin, RoutablePageMixin, BasePage):
    """A municipality's Lokale Inclusie Agenda: its status, what it covers, and the agenda itself as PDF."""

    status = models.CharField(
        _("status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.IN_PREPARATION, db_index=True
    )
    adopted_on = models.DateField(_("adopted by the council on"), null=True, blank=True)
    presented_on = models.DateField(
        _("presented on"), null=True, blank=True, help_text=_("The day the agenda was presented to residents.")
    )
    period_start = models.PositiveSmallIntegerField(
        _("from year"), null=True, blank=True, validators=[MinValueValidator(2016), MaxValueValidator(2100)]
    )
    period_end = models.PositiveSmallIntegerField(
        _("to year"), null=True, blank=True, validators=[MinValueValidator(2016), MaxValueValidator(2100)]
    )
    agenda_summary = RichTextField(
        _("summary"),
        features=LIMITED_FEATURES,
        help_text=_("What the agenda wants to achieve, in a few sentences that everyone understands."),
    )
    life_domains = ParentalManyToManyField(
        "networks.LifeDomain",
        blank=True,
        related_name="agendas",
        verbose_name=_("life domains"),
        help_text=_("The life domains of the UN Convention this agenda works on."),
    )
    lived_experience = RichTextField(
        _("involvement of residents with lived experience"),
        blank=True,
        features=LIMITED_FEATURES,
        help_text=_("How residents with a disability (ervaringsdeskundigen) helped write and carry out the agenda."),
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_role = models.CharField(_("role of the contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("email address of the contact person"), blank=True)
    agenda_pdf = models.FileField(
        _("agenda (PDF)"),
        upload_to=agenda_upload_to,
        max_length=200,
        blank=True,
        help_text=_("The agenda as an accessible PDF: tagged, with a title and the document language set."),
    )
    easy_read_pdf = models.FileField(
        _("easy-read version (PDF)"),
        upload_to=agenda_upload_to,
        max_length=200,
        blank=True,
        help_text=_("Optional: the agenda in easy language (makkelijk lezen)."),
    )
    # Filled when a PDF is uploaded (networks.forms): its text for search, and what is not accessible about it.
    pdf_text = models.TextField(_("text of the PDF"), blank=True, editable=False)
    pdf_warnings = models.TextField(_("accessibility warnings"), blank=True, editable=False)
    # The municipality and network of the parent page, stored for listings, filters and matching.
    municipality_page = models.ForeignKey(
        "networks.MunicipalityPage", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    municipality = models.ForeignKey(
        "core.Municipality",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="inclusion_agendas",
        verbose_name=_("municipality"),
    )
    network = models.ForeignKey(
        "networks.NetworkPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="agendas",
        verbose_name=_("network"),
    )

    objects = PageManager.from_queryset(InclusionAgendaPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("agenda_summary"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("adopted_on"), FieldPanel("presented_on")]),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
            ],
            heading=_("Status and dates"),
        ),
        FieldPanel("life_domains"),
        FieldPanel("lived_experience"),
        MultiFieldPanel(
            [FieldPanel("agenda_pdf"), FieldPanel("easy_read_pdf")],
            heading=_("Documents"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
    ]

    settings_panels = [*Page.settings_panels, *ReactionsMixin.reactions_panels]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("agenda_summary", boost=2),
        index.SearchField("lived_experience"),
        index.SearchField("life_domain_text"),
        index.SearchField("pdf_text"),
        index.RelatedFields("municipality", [index.SearchField("name", boost=3)]),
        index.FilterField("status"),
        index.FilterField("municipality"),
        index.FilterField("network"),
        *EasyReadMixin.search_fields,
    ]

    base_form_class = InclusionAgendaPageForm
    template = "pages/inclusion_agenda_page.html"
    parent_page_types = ["networks.MunicipalityPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Lokale Inclusie Agenda")
        verbose_name_plural = _("Lokale Inclusie Agenda's")

    @classmethod
    def can_create_at(cls, parent):
        """One agenda per municipality page."""
        return super().can_create_at(parent) and not cls.objects.child_of(parent).exists()

    def save(self, *args, **kwargs):
        self.sync_parent()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = list({*update_fields, "municipality_page", "municipality", "network"})
        return super().save(*args, **kwargs)

    def sync_parent(self):
        from .municipality import MunicipalityPage

        path = ancestor_path(self, 1)
        if path is None:
            return
        if self.municipality_page_id and self.municipality_page is not None and self.municipality_page.path == path:
            parent = self.municipality_page
        else:
            parent = MunicipalityPage.objects.filter(path=path).first()
        self.municipality_page = parent
        self.municipality_id = parent.municipality_id if parent else None
        self.network_id = parent.network_id if parent else None

    # Display and search ----------------------------------------------------------------------------
    @property
    def summary(self):
        if self.listing_summary:
            return self.listing_summary
        return Truncator(strip_tags(self.agenda_summary or "")).words(40)

    @property
    def period(self):
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")

    def flagged_domain_labels(self):
        """Labels of the life domains, from the flags of ``with_domain_flags()``."""
        return [LifeDomainCode(code).label for code in LifeDomainCode.values if getattr(self, f"covers_{code}", False)]

    def life_domain_text(self):
        return " ".join(str(domain) for domain in self.life_domains.all())

    @property
    def search_province(self):
        return self.municipality.get_province_display() if self.municipality_id else ""

    @property
    def search_municipalities(self):
        return [self.municipality] if self.municipality_id else []

    @property
    def search_result_date(self):
        return self.presented_on or self.adopted_on or self.first_published_at

    @property
    def accessibility_warnings(self):
        return [line for line in self.pdf_warnings.splitlines() if line.strip()]

    @staticmethod
    def _size(file):
        try:
            return file.size if file else None
        except OSError:  # the file is missing from storage: show the link without a size
            return None

    @property
    def agenda_pdf_size(self):
        return self._size(self.agenda_pdf)

    @property
    def easy_read_pdf_size(self):
        return self._size(self.easy_read_pdf)

    # PDFs are served through the page, so they follow its publication and privacy --------------------
    def _serve_file(self, file):
        if not file:
            raise Http404
        try:
            handle = file.open("rb")
        except OSError:
            raise Http404 from None
        response = FileResponse(handle, content_type="application/pdf")
        name = os.path.basename(file.name)
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox"
        return response

    @path("pdf/", name="agenda_pdf")
    def serve_agenda_pdf(self, request):
        return self._serve_file(self.agenda_pdf)

    @path("makkelijk-lezen/", name="easy_read_pdf")
    def serve_easy_read_pdf(self, request):
        return self._serve_file(self.easy_read_pdf)

    @path("")
    def agenda(self, request):
        return self.render(request)
