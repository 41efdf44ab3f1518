"""A municipality's page in a network: its agenda, matches, meetings and the content linked to it."""

import importlib.util

from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import BasePage
from networks.visibility import restricted_paths

LINKED_CONTENT_LIMIT = 6


class MunicipalityIndexPage(BasePage):
    """Gemeenten: the member municipalities of one network, by province."""

    template = "pages/municipality_index_page.html"
    parent_page_types = ["networks.NetworkPage"]
    subpage_types = ["networks.MunicipalityPage"]

    class Meta:
        verbose_name = _("municipalities index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        network = self.get_parent().specific
        context["network"] = network
        context.update(network.member_overview(request))
        return context


class MunicipalityPageQuerySet(PageQuerySet):
    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


def ancestor_path(page, levels):
    return page.path[: -page.steplen * levels] if page.path and page.depth and page.depth > levels else None


class MunicipalityPage(BasePage):
    """One member municipality of a network (``/netwerken/<network>/gemeenten/<municipality>/``)."""

    municipality = models.ForeignKey(
        "core.Municipality",
        on_delete=models.PROTECT,
        related_name="network_pages",
        verbose_name=_("municipality"),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        verbose_name=_("about this municipality"),
        help_text=_("How the municipality works on inclusion, in its own words."),
    )
    # The network this page belongs to (its grandparent), stored so listings filter without walking the tree.
    network = models.ForeignKey(
        "networks.NetworkPage",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="municipality_pages",
        verbose_name=_("network"),
    )
    # The group whose members edit this page and everything below it (see networks.permissions).
    editor_group = models.ForeignKey(
        Group,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("editors"),
    )

    objects = PageManager.from_queryset(MunicipalityPageQuerySet)()

    content_panels = [*BasePage.content_panels, FieldPanel("municipality"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.RelatedFields("municipality", [index.SearchField("name", boost=3)]),
        index.FilterField("municipality"),
        index.FilterField("network"),
    ]

    template = "pages/municipality_page.html"
    parent_page_types = ["networks.MunicipalityIndexPage"]
    subpage_types = ["networks.InclusionAgendaPage"]

    class Meta:
        verbose_name = _("municipality page")
        verbose_name_plural = _("municipality pages")
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality"], name="networks_one_page_per_municipality")
        ]

    def clean(self):
        super().clean()
        if not self.municipality_id:
            return
        self.sync_network()
        others = MunicipalityPage.objects.filter(network=self.network, municipality_id=self.municipality_id)
        if self.network is not None and others.exclude(pk=self.pk).exists():
            raise ValidationError({"municipality": _("This municipality already has a page in this network.")})

    def save(self, *args, **kwargs):
        self.sync_network()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "network" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "network"]
        return super().save(*args, **kwargs)

    def sync_network(self):
        from .network import NetworkPage

        path = ancestor_path(self, 2)
        if path is None or (self.network_id and self.network is not None and self.network.path == path):
            return
        self.network = NetworkPage.objects.filter(path=path).first()

    # What the search app shows and filters on ------------------------------------------------------
    @property
    def search_province(self):
        return self.municipality.get_province_display() if self.municipality_id else ""

    @property
    def search_municipalities(self):
        return [self.municipality] if self.municipality_id else []

    # Everything of this municipality ---------------------------------------------------------------
    def restricted_paths(self):
        """Paths of the pages behind a view restriction (with everything below them), read once per page view."""
        if getattr(self, "_restricted_paths", None) is None:
            self._restricted_paths = restricted_paths(getattr(self, "_request", None))
        return self._restricted_paths

    def private_q(self, prefix=""):
        """Wagtail's ``private_q()`` for pages, or for the page a model lives in (``prefix="page__"``)."""
        q = Q(pk__in=[])
        for path in self.restricted_paths():
            q |= Q(**{f"{prefix}path__startswith": path})
        return q

    def public_pages(self, queryset):
        return queryset.live().exclude(self.private_q())

    def get_agenda(self):
        """The agenda with the labels of its life domains (``domain_labels``), in one query."""
        from .agenda import InclusionAgendaPage

        agenda = self.public_pages(InclusionAgendaPage.objects.child_of(self)).with_domain_flags().first()
        if agenda is not None:
            agenda.domain_labels = agenda.flagged_domain_labels()
        return agenda

    def get_membership(self):
        """This municipality's membership of the network, with the network and the municipality, in one query."""
        from .network import NetworkMember

        if self.network_id is None:
            return None
        membership = (
            NetworkMember.objects.filter(network_id=self.network_id, municipality_id=self.municipality_id)
            .select_related("network", "municipality")
            .first()
        )
        if membership is not None:
            self.network = membership.network
            self.municipality = membership.municipality
        return membership

    def get_meetings(self):
        """Meetings of the network that name this municipality, upcoming first."""
        from .meetings import NetworkMeetingPage

        if self.network_id is None:
            return []
        meetings = NetworkMeetingPage.objects.filter(path__startswith=self.path[: -self.steplen * 2])
        return self.public_pages(meetings).for_municipality(self.municipality_id)

    def get_linked_content(self, limit=LINKED_CONTENT_LIMIT):
        """Lessons, tips, stories and other content linked to this municipality.

        Found through every model with a ``municipalities`` many-to-many to ``core.Municipality``, so this app
        names no sibling section; one query per kind of content (two for kinds that live inside a page).
        """
        groups = []
        for relation in type(self.municipality)._meta.related_objects:
            model = relation.related_model
            if (
                not relation.many_to_many
                or relation.field.name != "municipalities"
                or model._meta.app_label == "networks"
            ):
                continue  # this app's own pages (meetings) have their own place on the page
            if issubclass(model, Page):
                queryset = self.public_pages(model._default_manager.all()).order_by("-first_published_at")
            elif lives_in_a_page(model):
                # Such as tips: public when the page they live in is (what their public_search_queryset() says).
                queryset = (
                    model._default_manager.filter(page__live=True)
                    .exclude(self.private_q(prefix="page__"))
                    .select_related("page")
                    .order_by("-pk")
                )
            else:
                continue
            items = list(queryset.filter(municipalities=self.municipality_id)[:limit])
            if items:
                groups.append({"label": model._meta.verbose_name_plural, "items": items})
        return groups

    def get_context(self, request, *args, **kwargs):
        self._request = request
        context = super().get_context(request, *args, **kwargs)
        membership = self.get_membership()
        context.update(
            municipality=self.municipality,
            network=self.network,
            membership=membership,
            agenda=self.get_agenda(),
            meetings=self.get_meetings(),
            linked_content=self.get_linked_content(),
            matching_template=matching_template(),
        )
        context.update(matching_context(self, request))
        return context


def lives_in_a_page(model):
    try:
        field = model._meta.get_field("page")
    except FieldDoesNotExist:
        return False
    return field.many_to_one and issubclass(field.related_model, Page)


def matching_template():
    """The template of the matches block, once the matching part of this app provides it."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("networks/includes/matches.html")
    except TemplateDoesNotExist:
        return None
    return "networks/includes/matches.html"


def matching_context(page, request):
    """Context for the matches block from ``networks.matching.municipality_matches_context``, when it exists."""
    if importlib.util.find_spec("networks.matching") is None:
        return {}
    from networks import matching

    function = getattr(matching, "municipality_matches_context", None)
    return function(page, request) if callable(function) else {}
