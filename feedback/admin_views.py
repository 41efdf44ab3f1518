"""Wagtail admin reports: evaluations per programme, week or network and event (with CSV/XLSX export), and the
least useful pages. Both need the model's view permission (``feedback.view_evaluation``/``view_pagevote``)."""

import csv
import io
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from events.admin_views import dutch_time, escape_formula
from feedback import conf, reports
from feedback.models import MARK_MAX, MARK_MIN

EXPORT_COLUMNS = [
    ("programme", gettext_lazy("Programme")),
    ("group", gettext_lazy("Week or network")),
    ("event", gettext_lazy("Event")),
    ("answered_at", gettext_lazy("Answered at (Europe/Amsterdam)")),
    ("mark", gettext_lazy("Mark")),
    ("useful", gettext_lazy("What was useful")),
    ("better", gettext_lazy("What could be better")),
]


def _int_or_none(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


class PermissionMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class EvaluationReportView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/evaluations.html"
    page_title = gettext_lazy("Evaluations")
    header_icon = "list-ol"
    permission = "feedback.view_evaluation"

    def get(self, request, *args, **kwargs):
        self.read_scope()
        export = request.GET.get("export")
        if export in {"csv", "xlsx"}:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def read_scope(self):
        params = self.request.GET
        known = dict(reports.programmes())
        self.programme = params.get("programme") if params.get("programme") in known else None
        self.group_id = _int_or_none(params.get("group"))
        self.event_id = _int_or_none(params.get("event"))
        self.queryset = reports.scope(self.programme, self.group_id, self.event_id)

    def url(self, **params):
        params = {key: value for key, value in params.items() if value}
        return reverse("feedback_evaluations") + (f"?{urlencode(params)}" if params else "")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = {"programme": self.programme, "group": self.group_id, "event": self.event_id}
        if self.event_id:
            level, key, rows = "event", None, []
        elif self.group_id:
            level, key = "group", "event_id"
        elif self.programme:
            level, key = "programme", "group_id"
        else:
            level, key = "all", "programme"
        if key:
            rows = reports.rows(self.queryset, key)
            for row in rows:
                child = {"programme": "programme", "group_id": "group", "event_id": "event"}[key]
                row["url"] = self.url(**{**scope, child: row["id"]})
        titles = Page.objects.in_bulk([pk for pk in (self.group_id, self.event_id) if pk])
        trail = [{"label": _("All programmes"), "url": self.url()}]
        if self.programme:
            trail.append({"label": reports.programme_label(self.programme), "url": self.url(programme=self.programme)})
        if self.group_id:
            trail.append(
                {
                    "label": getattr(titles.get(self.group_id), "title", "–"),
                    "url": self.url(programme=self.programme, group=self.group_id),
                }
            )
        if self.event_id:
            trail.append({"label": getattr(titles.get(self.event_id), "title", "–"), "url": ""})
        summary = reports.summary(self.queryset)
        most = max(summary["distribution"].values(), default=0) or 1
        context.update(
            level=level,
            rows=rows,
            row_heading={
                "all": _("Programme"),
                "programme": _("Week or network"),
                "group": _("Event"),
                "event": "",
            }[level],
            summary=summary,
            distribution=[
                {"mark": mark, "count": summary["distribution"][mark], "width": round(100 * count / most)}
                for mark, count in summary["distribution"].items()
            ],
            marks=range(MARK_MIN, MARK_MAX + 1),
            comments=reports.comments(self.queryset),
            comments_shown=reports.COMMENTS_SHOWN,
            trail=trail,
            csv_url=self.url(**scope, export="csv"),
            xlsx_url=self.url(**scope, export="xlsx"),
            public_minimum=conf.public_minimum_responses(),
        )
        return context

    def export(self, export_format):
        rows = reports.export_rows(self.queryset)
        headings = [str(label) for _key, label in EXPORT_COLUMNS]
        if export_format == "csv":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            writer.writerow(headings)
            for row in rows:
                writer.writerow([self.cell(row[key], key, "csv") for key, _label in EXPORT_COLUMNS])
            response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        else:
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(_("Evaluations")[:31])
            sheet.append(headings)
            for row in rows:
                sheet.append([self.cell(row[key], key, "xlsx") for key, _label in EXPORT_COLUMNS])
            buffer = io.BytesIO()
            workbook.save(buffer)
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="evaluaties.{export_format}"'
        return response

    @staticmethod
    def cell(value, key, export_format):
        if key == "answered_at":
            local = dutch_time(value)
            return local.isoformat(" ", timespec="minutes") if export_format == "csv" else local.replace(tzinfo=None)
        if isinstance(value, str):
            if export_format == "xlsx":  # answers stored before the form cleaned them; openpyxl refuses these
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            return escape_formula(value)
        return value


class LeastUsefulPagesView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/least_useful.html"
    page_title = gettext_lazy("Least useful pages")
    header_icon = "help"
    permission = "feedback.view_pagevote"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        minimum = conf.report_minimum_votes()
        context.update(minimum=minimum, targets=reports.least_useful_pages(minimum))
        return context
