"""A network of municipalities (Iedereen doet mee!) below the section index, with its members."""

from collections import Counter

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import BasePage, Province
from networks.visibility import restricted_paths

from .choices import MemberRole

NEWEST_AGENDA_COUNT = 6
UPCOMING_MEETING_COUNT = 5


class NetworkIndexPage(BasePage):
    """Netwerken: every inclusion network of municipalities."""

    template = "pages/network_index_page.html"
    parent_page_types = ["core.HomePage"]
    subpage_types = ["networks.NetworkPage", "core.ContentPage"]
    max_count = 1

    class Meta:
        verbose_name = _("network index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["networks"] = (
            NetworkPage.objects.child_of(self).live().public().annotate(member_count=models.Count("members"))
        )
        return context


class ContactPersonBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=100)
    role = blocks.CharBlock(label=_("role"), max_length=100, required=False)
    email = blocks.EmailBlock(label=_("email address"), required=False)
    phone = blocks.CharBlock(label=_("phone number"), max_length=30, required=False)

    class Meta:
        icon = "user"
        label = _("Contact person")


class NetworkPage(BasePage):
    """One network: its aims, its member municipalities, their pages, agendas and the network's meetings."""

    aims = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("aims"),
        help_text=_("What the network wants to achieve, and how municipalities take part."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("aims"),
        InlinePanel("members", heading=_("Members"), label=_("Member")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("aims")]

    template = "pages/network_page.html"
    parent_page_types = ["networks.NetworkIndexPage"]
    subpage_types = [
        "networks.MunicipalityIndexPage",
        "networks.NetworkMeetingPage",
        "networks.InclusionAgendaOverviewPage",
        "community.ForumPage",
        "core.ContentPage",
    ]

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    # Queries ----------------------------------------------------------------------------------------
    def get_members(self):
        return self.members.select_related("municipality").order_by("municipality__province", "municipality__name")

    def private_q(self):
        """Wagtail's condition for pages behind a view restriction, read once per page view."""
        if getattr(self, "_private_q", None) is None:
            q = Q(pk__in=[])
            for restricted in restricted_paths(getattr(self, "_request", None)):
                q |= Q(path__startswith=restricted)
            self._private_q = q
        return self._private_q

    def public_pages(self, queryset):
        return queryset.live().exclude(self.private_q())

    def get_municipality_pages(self):
        from .municipality import MunicipalityPage

        return self.public_pages(MunicipalityPage.objects.filter(network=self))

    def get_newest_agendas(self, limit=NEWEST_AGENDA_COUNT):
        from .agenda import InclusionAgendaPage

        return (
            self.public_pages(InclusionAgendaPage.objects.filter(network=self))
            .select_related("municipality")
            .prefetch_related("life_domains")
            .newest_first()[:limit]
        )

    def get_agenda_overview(self):
        """The overview of every agenda in the network (its own page below the network), if there is one."""
        from .matching import InclusionAgendaOverviewPage

        return (
            self.public_pages(InclusionAgendaOverviewPage.objects.child_of(self))
            .only("id", "title", "url_path")
            .first()
        )

    def get_meetings(self):
        from .meetings import NetworkMeetingPage

        return self.public_pages(NetworkMeetingPage.objects.child_of(self))

    def get_upcoming_meetings(self, limit=None):
        """Meetings of this network that have not ended yet, soonest first."""
        meetings = self.get_meetings().upcoming()
        return meetings[:limit] if limit else meetings

    def member_overview(self, request=None):
        """Members with the URL of their municipality page, grouped by province; two queries in all."""
        members = list(self.get_members())
        urls = {
            page.municipality_id: page.get_url(request)
            for page in self.get_municipality_pages().only("id", "url_path", "municipality_id", "path", "depth")
        }
        for member in members:
            member.page_url = urls.get(member.municipality_id)
        counts = Counter(member.municipality.province for member in members)
        provinces = [
            {"value": value, "label": label, "count": counts[value]}
            for value, label in Province.choices
            if counts[value]
        ]
        roles = Counter(member.role for member in members)
        return {
            "members": members,
            "member_count": len(members),
            "provinces": provinces,
            "roles": [{"value": v, "label": label, "count": roles[v]} for v, label in MemberRole.choices if roles[v]],
        }

    def get_context(self, request, *args, **kwargs):
        self._request = request
        context = super().get_context(request, *args, **kwargs)
        context.update(self.member_overview(request))
        context["newest_agendas"] = self.get_newest_agendas()
        context["agenda_overview"] = self.get_agenda_overview()
        context["upcoming_meetings"] = self.get_upcoming_meetings(limit=UPCOMING_MEETING_COUNT)
        context["meetings_feed_url"] = reverse("networks:meetings_feed", args=[self.pk])
        return context


class NetworkMember(Orderable):
    """A municipality's membership of a network: since when, in which role, and whom to contact."""

    network = ParentalKey(NetworkPage, on_delete=models.CASCADE, related_name="members")
    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("municipality"),
    )
    since = models.DateField(_("member since"), null=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.PARTICIPANT)
    contact_persons = StreamField(
        [("person", ContactPersonBlock())],
        blank=True,
        verbose_name=_("contact persons"),
        help_text=_("Who in this municipality to contact about the network."),
    )

    panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("since")]),
        FieldPanel("contact_persons"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality"], name="networks_member_unique_municipality")
        ]

    def __str__(self):
        return str(self.municipality)
