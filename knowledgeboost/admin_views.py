"""Wagtail admin: registrations as a snippet, and an overview with counts per session (the outbox is in events)."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from events.admin_views import RegistrationIndexView, with_zone
from knowledgeboost.models import Registration, RegistrationStatus, SessionPage


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = _("Registrations")
    menu_name = "registrations"
    index_view_class = RegistrationIndexView
    list_display = ["name", "email", "organisation", "session", "status", "created_at"]
    list_filter = ["status", "session"]
    search_fields = ["name", "email", "organisation", "municipality"]
    list_per_page = 50
    ordering = ["-created_at"]
    export_filename = "aanmeldingen"
    list_export = [
        "session_title",
        "session_start",
        "get_status_display",
        "name",
        "email",
        "organisation",
        "municipality",
        "needs",
        "created_at",
        "cancelled_at",
    ]
    export_headings = {
        "session_title": _("Session"),
        "session_start": with_zone(_("Start")),
        "get_status_display": _("Status"),
        "name": _("Name"),
        "email": _("Email address"),
        "organisation": _("Organisation"),
        "municipality": _("Municipality"),
        "needs": _("Needs"),
        "created_at": with_zone(_("Registered at")),
        "cancelled_at": with_zone(_("Cancelled at")),
    }


class SessionOverviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "knowledgeboost/admin/session_overview.html"
    page_title = _("Registrations per session")
    header_icon = "date"
    registrations_index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("knowledgeboost.view_registration"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_status = {
            f"num_{status}": Count("registrations", filter=Q(registrations__status=status))
            for status in RegistrationStatus.values
        }
        sessions = SessionPage.objects.annotate(**by_status).order_by("-start")
        index_url = reverse(self.registrations_index_url_name)
        context["rows"] = [
            {
                "session": session,
                "registered": session.num_registered,
                "waitlisted": session.num_waitlisted,
                "cancelled": session.num_cancelled,
                "url": f"{index_url}?session={quote(session.pk)}",
                "edit_url": reverse("wagtailadmin_pages:edit", args=[session.pk]),
            }
            for session in sessions
        ]
        return context


class SessionOverviewViewSet(ViewSet):
    name = "knowledgeboost_overview"
    icon = "date"
    menu_label = _("Per session")
    registrations_index_url_name = "wagtailsnippets_knowledgeboost_registration:list"

    def get_urlpatterns(self):
        view = SessionOverviewView.as_view(registrations_index_url_name=self.registrations_index_url_name)
        return [path("", view, name="index")]


class KnowledgeBoostGroup(SnippetViewSetGroup):
    items = (SessionOverviewViewSet, RegistrationViewSet)
    menu_icon = "date"
    menu_label = _("Knowledge boost")
    menu_name = "knowledgeboost"
    menu_order = 250
