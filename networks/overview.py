"""The overview of a network's Lokale Inclusie Agenda's: filters (GET), bar charts with their tables, the table of
agendas, "celebrated recently", and the same rows as CSV and XLSX.

Everything shown comes from a fixed number of queries, whatever the number of agendas: the filtered agendas with
their municipality, their life domains, the number of members, and the newest presentations (plus Wagtail's
page and view-restriction lookups).
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Province
from core.text import clean_text

RECENT_COUNT = 5
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NO_AGENDA = "none"
# Text the overview never shows; left in the database (a PDF's text can be long).
LARGE_FIELDS = ("pdf_text", "pdf_warnings", "agenda_summary", "lived_experience", "search_description")


def escape_formula(value):
    """Keep spreadsheets from running a cell as a formula: text starting with = + - @ tab or CR gets a leading
    apostrophe (the OWASP advice for CSV injection; Excel and LibreOffice show the text as typed)."""
    if value is None:
        return ""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def life_domain_choices():
    from networks.models import LifeDomainCode

    return LifeDomainCode.choices


def status_choices():
    from networks.models import AgendaStatus

    return AgendaStatus.choices


class OverviewFilterForm(forms.Form):
    """Filter the agendas by status, province and life domain (GET; no JavaScript). Unknown values are ignored."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)
    provincie = forms.ChoiceField(label=gettext_lazy("Province"), required=False)
    leefgebied = forms.ChoiceField(label=gettext_lazy("Life domain"), required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, auto_id="filter-%s", **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *status_choices()]
        self.fields["provincie"].choices = [("", _("All provinces")), *Province.choices]
        self.fields["leefgebied"].choices = [("", _("All life domains")), *life_domain_choices()]

    def filters(self):
        """{"status": value or "", "provincie": ..., "leefgebied": ...}: each invalid value counts as not chosen."""
        chosen = dict.fromkeys(self.fields, "")
        if not self.is_bound:
            return chosen
        for name, form_field in self.fields.items():
            value = clean_text(self.data.get(name, ""))
            if value and value in dict(form_field.choices):
                chosen[name] = value
        return chosen

    @property
    def is_filtered(self):
        return any(self.filters().values())


@dataclass
class Bar:
    label: str
    value: int
    key: str = ""
    percent: float = 0.0

    @property
    def value_display(self):
        return number_format(self.value, force_grouping=True)

    @property
    def width(self):
        """Width of the bar as an SVG length: a share of the track, at least a sliver for non-zero values."""
        return f"{max(self.percent, 0.5 if self.value else 0):.1f}%"


@dataclass
class BarChart:
    slug: str
    title: str
    label_heading: str
    value_heading: str
    bars: list = field(default_factory=list)

    def __post_init__(self):
        largest = max((bar.value for bar in self.bars), default=0)
        for bar in self.bars:
            bar.percent = 100 * bar.value / largest if largest else 0

    @property
    def summary(self):
        """The chart in words, for its text alternative."""
        figures = "; ".join(f"{bar.label}: {bar.value_display}" for bar in self.bars)
        return _("Bar chart. %(title)s: %(figures)s.") % {"title": self.title, "figures": figures}


@dataclass
class AgendaFacts:
    """What the charts count of one agenda."""

    status: str
    municipality_id: int
    province: str
    domains: list


@dataclass
class AgendaRow:
    """One agenda as the table and the exports show it."""

    municipality: str
    province: str
    status: str
    adopted_on: object
    presented_on: object
    period: str
    life_domains: list
    url: str


def agenda_queryset(network, filters):
    from networks.models import InclusionAgendaPage, LifeDomain

    agendas = (
        InclusionAgendaPage.objects.live()
        .public()
        .filter(network=network, municipality__isnull=False)
        .select_related("municipality")
        .defer(*LARGE_FIELDS)
        .order_by("municipality__name", "pk")
    )
    if filters.get("status"):
        agendas = agendas.filter(status=filters["status"])
    if filters.get("provincie"):
        agendas = agendas.filter(municipality__province=filters["provincie"])
    if filters.get("leefgebied"):
        through = InclusionAgendaPage.life_domains.through
        covering = through.objects.filter(
            inclusionagendapage_id=OuterRef("pk"),
            lifedomain__in=LifeDomain.objects.filter(code=filters["leefgebied"]),
        )
        agendas = agendas.filter(Exists(covering))
    return agendas


def domains_of(agendas):
    """{agenda id: [life domain codes in their order]} for the agendas of a queryset: one query (a subquery, so
    no parameter limit however many agendas)."""
    from networks.models import InclusionAgendaPage

    through = InclusionAgendaPage.life_domains.through
    pairs = (
        through.objects.filter(inclusionagendapage_id__in=agendas.order_by().values("pk"))
        .order_by("lifedomain__sort_order", "lifedomain__code")
        .values_list("inclusionagendapage_id", "lifedomain__code")
    )
    domains = {}
    for agenda_id, code in pairs:
        domains.setdefault(agenda_id, []).append(code)
    return domains


def rows_for(agendas, request=None):
    """(rows for the table and the exports, facts for the charts): two queries, the agendas and their domains."""
    provinces = {value: str(label) for value, label in Province.choices}
    statuses = {value: str(label) for value, label in status_choices()}
    labels = {value: str(label) for value, label in life_domain_choices()}
    domains = domains_of(agendas)
    rows, facts = [], []
    for agenda in agendas:
        codes = domains.get(agenda.pk, [])
        facts.append(
            AgendaFacts(
                status=agenda.status,
                municipality_id=agenda.municipality_id,
                province=agenda.municipality.province,
                domains=codes,
            )
        )
        rows.append(
            AgendaRow(
                municipality=agenda.municipality.name,
                province=provinces.get(agenda.municipality.province, agenda.municipality.province),
                status=statuses.get(agenda.status, agenda.status),
                adopted_on=agenda.adopted_on,
                presented_on=agenda.presented_on,
                period=agenda.period,
                life_domains=[labels.get(code, code) for code in codes],
                url=agenda.get_url(request),
            )
        )
    return rows, facts


def count_by(values, choices):
    counts = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return [Bar(label=str(label), value=counts.get(key, 0), key=key) for key, label in choices]


def charts(agendas, member_count, filters):
    """Per status (with the members without an agenda, when no filter narrows the agendas), per province
    (provinces with agendas only) and per life domain."""
    status_bars = count_by((agenda.status for agenda in agendas), status_choices())  # agendas: AgendaFacts
    if not any(filters.values()):
        with_agenda = len({agenda.municipality_id for agenda in agendas})
        status_bars.append(Bar(label=_("no agenda yet"), value=max(member_count - with_agenda, 0), key=NO_AGENDA))
    province_bars = [bar for bar in count_by((agenda.province for agenda in agendas), Province.choices) if bar.value]
    domain_bars = count_by((code for agenda in agendas for code in agenda.domains), life_domain_choices())
    return [
        BarChart(
            "status", _("Municipalities by status of their agenda"), _("Status"), _("Municipalities"), status_bars
        ),
        BarChart("provincie", _("Agendas by province"), _("Province"), _("Agendas"), province_bars),
        BarChart("leefgebied", _("Agendas by life domain"), _("Life domain"), _("Agendas"), domain_bars),
    ]


def recently_celebrated(network, request=None, limit=RECENT_COUNT):
    """The newest presentations of an agenda in the network, newest first (presented today or before)."""
    from networks.models import InclusionAgendaPage

    agendas = (
        InclusionAgendaPage.objects.live()
        .public()
        .filter(network=network, municipality__isnull=False, presented_on__isnull=False)
        .filter(presented_on__lte=timezone.localdate())
        .select_related("municipality")
        .order_by("-presented_on", "municipality__name")[:limit]
    )
    return [{"agenda": agenda, "url": agenda.get_url(request)} for agenda in agendas]


def overview_context(page, request):
    network = page.get_parent().specific
    form = OverviewFilterForm(request.GET or None)
    filters = form.filters()
    rows, agendas = rows_for(agenda_queryset(network, filters), request)
    member_count = network.members.count()
    with_agenda = len({agenda.municipality_id for agenda in agendas})
    query = "&".join(f"{name}={value}" for name, value in filters.items() if value)
    return {
        "network": network,
        "filter_form": form,
        "filters": filters,
        "is_filtered": any(filters.values()),
        "rows": rows,
        "charts": charts(agendas, member_count, filters),
        "member_count": member_count,
        "with_agenda_count": with_agenda,
        "recent": recently_celebrated(network, request),
        "export_query": f"?{query}" if query else "",
    }


# Exports -------------------------------------------------------------------------------------------------------


def export_headings():
    return [
        _("Municipality"),
        _("Province"),
        _("Status"),
        _("Adopted by the council on"),
        _("Presented on"),
        _("Period"),
        _("Life domains"),
        _("Address"),
    ]


def export_values(row, request=None):
    url = request.build_absolute_uri(row.url) if request is not None and row.url else row.url
    return [
        row.municipality,
        row.province,
        row.status,
        row.adopted_on,
        row.presented_on,
        row.period,
        "; ".join(row.life_domains),
        url,
    ]


def export_filename(page, extension):
    stamp = timezone.localdate().isoformat()
    return f"{slugify(page.get_parent().slug) or 'netwerk'}-inclusieagendas-{stamp}.{extension}"


def csv_response(page, request, rows):
    """UTF-8 with BOM and ; as separator, as Dutch Excel expects; dates as ISO (YYYY-MM-DD)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([escape_formula(heading) for heading in export_headings()])
    for row in rows:
        writer.writerow(
            [
                escape_formula(value.isoformat() if hasattr(value, "isoformat") else value)
                for value in export_values(row, request)
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(page, "csv")}"'
    return response


def xlsx_response(page, request, rows):
    """An .xlsx with real dates; every text cell passes escape_formula, so nothing becomes a formula."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Agendas")[:31])
    headings = export_headings()
    for index in range(1, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 18 if index < len(headings) else 60
    sheet.append([escape_formula(heading) for heading in headings])
    for row in rows:
        sheet.append(
            [
                value if value is None or hasattr(value, "isoformat") else escape_formula(value)
                for value in export_values(row, request)
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(page, "xlsx")}"'
    return response


def export_response(page, request, kind):
    form = OverviewFilterForm(request.GET or None)
    rows, _agendas = rows_for(agenda_queryset(page.get_parent().specific, form.filters()), request)
    return csv_response(page, request, rows) if kind == "csv" else xlsx_response(page, request, rows)
