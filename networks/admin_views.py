"""Wagtail admin for matching: requests (read and delete), matches (edit), and the report of suggested peers for
every municipality. Registered from networks/wagtail_hooks.py by importing this module."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.permissions import ReadOnlyPermissionPolicy
from networks import matching
from networks.models import Match, MatchRequest, MunicipalityPage, NetworkPage

REPORT_PEERS = 3


class MatchRequestViewSet(SnippetViewSet):
    model = MatchRequest
    icon = "mail"
    menu_label = _("Match requests")
    menu_name = "match_requests"
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "municipality", "name", "email", "requester_municipality", "question", "page"]
    list_display = ["name", "requester_municipality", "municipality", "email", "created_at"]
    list_filter = ["municipality"]
    search_fields = ["name", "email", "requester_municipality", "question"]
    ordering = ["-created_at"]
    list_per_page = 50


class MatchViewSet(SnippetViewSet):
    model = Match
    icon = "link"
    menu_label = _("Matches")
    menu_name = "matches"
    list_display = ["__str__", "status", "requested_on", "introduced_on", "closed_on"]
    list_filter = ["status"]
    search_fields = ["notes"]
    ordering = ["-requested_on", "-pk"]
    list_per_page = 50


class MatchReportView(WagtailAdminTemplateMixin, TemplateView):
    """For every municipality with a page: its best peers and why, from the same ranking as the public pages.

    Four queries in all (pages, agendas, their life domains, the municipalities' page links), however many."""

    template_name = "networks/admin/match_report.html"
    page_title = _("Suggested matches")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("networks.view_match"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = matching.peers_for_all(limit=REPORT_PEERS, request=self.request)
        context["peer_count"] = REPORT_PEERS
        return context


class MatchReportViewSet(ViewSet):
    name = "networks_match_report"
    icon = "link"
    menu_label = _("Suggested matches")

    def get_urlpatterns(self):
        return [path("", MatchReportView.as_view(), name="index")]


class MatchingGroup(SnippetViewSetGroup):
    items = (MatchReportViewSet, MatchViewSet, MatchRequestViewSet)
    menu_icon = "link"
    menu_label = _("Matching")
    menu_name = "matching"
    menu_order = 260


register_permission_policy(MatchRequest, ReadOnlyPermissionPolicy(MatchRequest))
register_snippet(MatchingGroup)
matching.register_outbox_kinds()


@hooks.register("before_serve_page")
def match_request_form(page, request, serve_args, serve_kwargs):
    """A POST to a municipality page is its match request form (networks.matching.handle_match_request)."""
    if request.method == "POST" and isinstance(page, MunicipalityPage):
        return matching.handle_match_request(page, request)
    return None


@hooks.register("before_copy_page")
def refuse_second_page_of_a_municipality(request, page):
    """A municipality has one page per network: copying its page, or the municipality index with its pages, into
    the same network is refused with a message (it failed on the unique constraint with a server error)."""
    if request.method != "POST":
        return None
    copied = MunicipalityPage.objects.filter(pk=page.pk)
    if request.POST.get("copy_subpages"):
        copied = MunicipalityPage.objects.descendant_of(page, inclusive=True)
    parent = Page.objects.filter(pk=request.POST.get("new_parent_page") or None).first()
    if parent is None or not copied.exists():
        return None
    network = NetworkPage.objects.ancestor_of(parent, inclusive=True).first()
    taken = MunicipalityPage.objects.filter(network=network, municipality__in=copied.values("municipality"))
    if network is None or not taken.exists():
        return None
    messages.error(request, _("A municipality has one page per network: this copy would give it a second one."))
    return redirect("wagtailadmin_pages:copy", page.pk)


@hooks.register("register_demo_content", order=55)
def seed_matching_demo(demo):
    from networks.demo_matching import seed_matching

    seed_matching(demo)


seed_matching_demo.demo_label = _("matching: the agenda overview and example matches")
