"""Wagtail admin pieces of the engine: the outbox (read-only) and helpers for a section's registrations export."""

import datetime
from zoneinfo import ZoneInfo

import django_filters
from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.snippets.views.snippets import IndexView, InspectView, SnippetViewSet

from events import outbox
from events.models import OutboxEmail, OutboxStatus
from events.outbox import kind_choices

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
    """Registrations list of a section: exports in Dutch time, formula-safe; loads the event in the same query."""

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
        return super().get_base_queryset().select_related(self.model.event_type().event_field)


class OutboxEmailInspectView(InspectView):
    """Empty values in words: no next attempt is planned, the mail was not sent (never a bare "None").

    A mail that was queued without its text (the worker writes it when it sends it) says so, and shows a preview
    written now: its subject and text as they would be sent at this moment (nothing is stored, nothing sent).
    """

    empty_values = {
        "next_attempt_at": _("Not planned"),
        "sent_at": _("Not sent"),
    }
    PREVIEWED = ("subject", "body_text")

    @cached_property
    def preview(self):
        """None for a written mail; else {"content": {…}, "error": ""} (error: why no preview could be written)."""
        email = self.object
        if email.is_rendered:
            return None
        if not email.to or email.status == OutboxStatus.SENT:
            return {"content": {}, "error": ""}
        try:
            return {"content": outbox.preview(email), "error": ""}
        except Exception as error:  # a broken template or a mail with nothing left to say: the admin shows why
            return {"content": {}, "error": f"{type(error).__name__}: {error}"}

    def state(self):
        email = self.object
        if not email.to:
            return _("Not written: there is no address to send it to any more.")
        waiting = _("Not written yet: the worker writes this email when it sends it.")
        if self.preview["error"]:
            return format_lazy("{} {} {}", waiting, _("No preview could be written:"), self.preview["error"])
        return format_lazy(
            "{} {}", waiting, _("Below is a preview written now; what is sent may differ if something changes first.")
        )

    def get_fields_context(self):
        fields = super().get_fields_context()
        if self.preview is not None:
            state = {"label": _("Content"), "value": self.state(), "component": None}
            fields.insert(self.fields.index("status") + 1, state)
        return fields

    def get_field_display_value(self, field_name, field):
        if field_name == "kind":
            return self.object.kind_label
        if field_name in self.PREVIEWED and self.preview is not None:
            value = self.preview["content"].get(field_name, "")
        else:
            value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return self.empty_values.get(field_name, "—")
        return value


class OutboxEmailFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=OutboxStatus.choices)
    # Kinds are open (each section adds its own), so the choices are read when the filter is shown.
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=kind_choices)

    class Meta:
        model = OutboxEmail
        fields = ["status", "kind"]


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
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["listed_subject", "to", "kind_label", "status", "attempts", "next_attempt_at", "sent_at"]
    filterset_class = OutboxEmailFilterSet
    search_fields = ["to", "subject"]
    ordering = ["-created_at"]
