"""The overview of Lokale Inclusie Agenda's: GET filters, charts with their tables, "celebrated recently", CSV and
XLSX exports (formula-safe), and a query count that stays flat from 10 to 100 agendas."""

import csv
import datetime
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from networks.models import AgendaStatus, InclusionAgendaOverviewPage, LifeDomainCode, NetworkPage
from networks.overview import escape_formula
from tests.networks.test_matching_pages import add_member, build_network, overview_page

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture
def network(home_page):
    network = build_network(home_page)
    add_member(
        network,
        "Zwolle",
        "overijssel",
        130_000,
        ["housing", "mobility"],
        AgendaStatus.PRESENTED,
        presented_on=datetime.date(2026, 10, 1),
        adopted_on=datetime.date(2026, 6, 1),
    )
    add_member(network, "Deventer", "overijssel", 101_000, ["housing"], AgendaStatus.ADOPTED)
    add_member(
        network, "Arnhem", "gelderland", 165_000, ["education"], AgendaStatus.PRESENTED, datetime.date(2026, 11, 2)
    )
    add_member(network, "Ede", "gelderland", 120_000, ["work_income"], AgendaStatus.IN_PREPARATION)
    add_member(network, "Kampen", "overijssel", 55_000)  # a member without an agenda
    return network


def get(client, network, query=""):
    with translation.override("nl"):
        return client.get(overview_page(network).url + query)


def municipalities_in_table(html):
    table = html.split('<table class="overview-table">', 1)[1].split("</table>", 1)[0]
    return [part.split('">', 1)[1].split("<", 1)[0] for part in table.split('<th scope="row"><a href="')[1:]]


@time_machine.travel(TODAY)
def test_the_overview_shows_every_agenda_counts_and_the_newest_presentations(client, network):
    response = get(client, network)
    assert response.status_code == 200
    html = response.content.decode()
    assert municipalities_in_table(html) == ["Arnhem", "Deventer", "Ede", "Zwolle"]
    assert "4 van de 5 aangesloten gemeenten van Iedereen doet mee! hebben een Lokale Inclusie Agenda" in html
    recent = html.split('id="recent-heading"', 1)[1].split("</section>", 1)[0]
    assert recent.index("Arnhem") < recent.index("Zwolle")  # newest presentation first
    assert "presenteerde de agenda op 2 november 2026" in recent
    assert "Deventer" not in recent  # adopted, not presented
    # The status chart counts the member without an agenda; its text alternative says so in words.
    assert "Gemeenten naar status van hun agenda" in html
    assert "nog geen agenda: 1" in html


@time_machine.travel(TODAY)
def test_presentations_planned_in_the_future_are_not_celebrated_yet(client, network):
    add_member(network, "Almelo", "overijssel", 73_000, ["housing"], AgendaStatus.PRESENTED, datetime.date(2026, 12, 9))
    recent = get(client, network).content.decode().split('id="recent-heading"', 1)[1].split("</section>", 1)[0]
    assert "Almelo" not in recent


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=presented", ["Arnhem", "Zwolle"]),
        ("?provincie=gelderland", ["Arnhem", "Ede"]),
        ("?leefgebied=housing", ["Deventer", "Zwolle"]),
        ("?status=presented&provincie=overijssel&leefgebied=mobility", ["Zwolle"]),
        ("?status=onzin&provincie=%00&leefgebied=" + "x" * 500, ["Arnhem", "Deventer", "Ede", "Zwolle"]),
    ],
)
def test_filters_work_without_javascript(client, network, query, expected):
    response = get(client, network, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert municipalities_in_table(html) == expected
    assert '<form class="filters" method="get"' in html


def test_a_filter_without_results_says_so(client, network):
    html = get(client, network, "?provincie=zeeland").content.decode()
    assert "Geen agenda's passen bij deze filters." in html
    assert "Wis alle filters" in html


def test_the_charts_follow_the_filters_and_have_tables(client, network):
    html = get(client, network, "?provincie=overijssel").content.decode()
    with translation.override("nl"):
        housing = str(LifeDomainCode.HOUSING.label)
    domain_table = html.split('id="chart-leefgebied-caption"', 1)[1].split("</table>", 1)[0]
    assert f'<th scope="row">{housing}</th><td class="numeric">2</td>' in domain_table
    assert 'role="img" aria-label="Staafdiagram. Agenda&#x27;s per provincie: Overijssel: 2."' in html
    assert "nog geen agenda" not in html.split('id="chart-status-caption"', 1)[1].split("</table>", 1)[0]


def test_the_page_can_be_created_once_below_a_network(network):
    assert not InclusionAgendaOverviewPage.can_create_at(network)  # already there
    other = NetworkPage.objects.exclude(pk=network.pk)
    assert not other.exists()
    assert InclusionAgendaOverviewPage.can_create_at(
        build_network(network.get_parent().get_parent(), slug="tweede", with_overview=False)
    )


# Exports ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_escape_formula_prefixes_risky_cells(value):
    assert escape_formula(value) == "'" + value


def test_escape_formula_keeps_ordinary_text():
    assert escape_formula("Zwolle") == "Zwolle"
    assert escape_formula("Gemeente = inclusief") == "Gemeente = inclusief"
    assert escape_formula(None) == ""


@pytest.fixture
def hostile(network):
    """A municipality whose name a spreadsheet would run as a formula."""
    return add_member(network, '=HYPERLINK("http://evil.example","klik")', "utrecht", 10_000, ["housing"])


def test_csv_export_holds_the_filtered_rows_and_escapes_formulas(client, network, hostile):
    page = overview_page(network)
    with translation.override("nl"):
        response = client.get(page.url + "csv/?leefgebied=housing")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="iedereen-doet-mee-inclusieagendas-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == [
        "Gemeente",
        "Provincie",
        "Status",
        "Vastgesteld door de raad op",
        "Gepresenteerd op",
        "Periode",
        "Levensdomeinen",
        "Adres",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {'\'=HYPERLINK("http://evil.example","klik")', "Deventer", "Zwolle"}
    zwolle = by_name["Zwolle"]
    assert zwolle[1] == "Overijssel" and zwolle[3] == "2026-06-01" and zwolle[4] == "2026-10-01"
    assert zwolle[7].startswith("http://testserver/netwerken/iedereen-doet-mee/gemeenten/zwolle")


def test_xlsx_export_has_real_dates_and_no_formulas(client, network, hostile):
    page = overview_page(network)
    with translation.override("nl"):
        response = client.get(page.url + "xlsx/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Gemeente"
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil.example","klik")' in names
    assert len(names) == 5
    zwolle = next(row for row in rows[1:] if row[0] == "Zwolle")
    assert zwolle[3] == datetime.datetime(2026, 6, 1)  # a date cell, not text
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_the_download_links_keep_the_filters(client, network):
    html = get(client, network, "?status=presented&provincie=overijssel").content.decode()
    assert 'href="/netwerken/iedereen-doet-mee/agendas/csv/?status=presented&amp;provincie=overijssel"' in html


# Queries ----------------------------------------------------------------------------------------------------------


def overview_queries(client, home_page, slug, count):
    network = build_network(home_page, slug=slug)
    statuses = list(AgendaStatus.values)
    codes = list(LifeDomainCode.values)
    for number in range(count):
        add_member(
            network,
            f"Gemeente {slug} {number}",
            "utrecht" if number % 2 else "zeeland",
            10_000 + number,
            codes[number % 9 : number % 9 + 3],
            statuses[number % 4],
            presented_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        )
    url = overview_page(network).url
    client.get(url)  # warm the caches a live site has warm (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url + "?leefgebied=housing")
    assert response.status_code == 200
    return len(queries)


def test_the_overview_takes_the_same_queries_for_10_and_100_agendas(client, home_page):
    small = overview_queries(client, home_page, "klein", 10)
    large = overview_queries(client, home_page, "groot", 100)
    assert small == large
    assert large <= 15
