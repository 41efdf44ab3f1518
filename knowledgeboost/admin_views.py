"""Wagtail admin: registrations and outgoing emails as snippets, and an overview with counts per session."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet, SnippetViewSetGroup

from knowledgeboost.models import OutboxEmail, Registration, RegistrationStatus, SessionPage

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Keep spreadsheets from running a cell as a formula: prefix risky values with an apostrophe."""
    value = str(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def dutch_time(value):
    """An aware datetime in Dutch time, whatever time zone the admin user prefers (the headings name the zone)."""
    return value.astimezone(ZoneInfo(settings.TIME_ZONE)) if timezone.is_aware(value) else value


def with_zone(heading):
    return format_lazy("{} ({})", heading, settings.TIME_ZONE)


class RegistrationIndexView(IndexView):
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        # Dutch local time: with its UTC offset in CSV (unambiguous in the repeated hour in October), as a
        # spreadsheet date in XLSX (which has no time zones; the heading says which one).
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: dutch_time(value).isoformat(" ", timespec="minutes"),
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: dutch_time(value).replace(tzinfo=None),
        },
        str: {SpreadsheetExportMixin.FORMAT_CSV: escape_formula, SpreadsheetExportMixin.FORMAT_XLSX: escape_formula},
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("session")


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


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Editors may look at (and delete) records, never write them: the application does that."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "lock", "unlock"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class OutboxEmailInspectView(InspectView):
    """Empty values in words: no next attempt is planned, the mail was not sent (never a bare "None")."""

    empty_values = {
        "next_attempt_at": _("Not planned"),
        "sent_at": _("Not sent"),
    }

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return self.empty_values.get(field_name, "—")
        return value


class OutboxEmailViewSet(SnippetViewSet):
    model = OutboxEmail
    icon = "mail"
    inspect_view_enabled = True
    inspect_view_class = OutboxEmailInspectView
    inspect_view_fields = [
        "kind", "status", "to", "subject", "attempts", "next_attempt_at", "sent_at", "last_error", "body_text",
    ]  # fmt: skip
    menu_label = _("Outgoing emails")
    menu_name = "outbox"
    list_display = ["subject", "to", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject"]
    ordering = ["-created_at"]


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
    items = (SessionOverviewViewSet, RegistrationViewSet, OutboxEmailViewSet)
    menu_icon = "date"
    menu_label = _("Knowledge boost")
    menu_name = "knowledgeboost"
    menu_order = 250
