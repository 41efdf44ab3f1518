"""Wagtail admin: the registrations for network meetings, with CSV/XLSX exports in Dutch time."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from events.admin_views import RegistrationIndexView, with_zone
from networks.models import NetworkMeetingRegistration


class MeetingRegistrationViewSet(SnippetViewSet):
    model = NetworkMeetingRegistration
    icon = "group"
    menu_label = _("Meeting registrations")
    menu_name = "network_meeting_registrations"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = RegistrationIndexView
    list_display = ["name", "email", "organisation", "meeting", "status", "created_at"]
    list_filter = ["status", "meeting"]
    search_fields = ["name", "email", "organisation", "municipality"]
    list_per_page = 50
    ordering = ["-created_at"]
    export_filename = "aanmeldingen-netwerkbijeenkomsten"
    list_export = [
        "meeting_title",
        "meeting_start",
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
        "meeting_title": _("Meeting"),
        "meeting_start": with_zone(_("Start")),
        "get_status_display": _("Status"),
        "name": _("Name"),
        "email": _("Email address"),
        "organisation": _("Organisation"),
        "municipality": _("Municipality"),
        "needs": _("Needs"),
        "created_at": with_zone(_("Registered at")),
        "cancelled_at": with_zone(_("Cancelled at")),
    }
