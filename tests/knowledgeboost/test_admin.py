import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.factories import UserFactory
from knowledgeboost.admin_views import escape_formula
from knowledgeboost.factories import RegistrationFactory
from knowledgeboost.models import OutboxEmail, RegistrationStatus

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_knowledgeboost_registration:list"


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="redacteur", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def registrations(session_page):
    RegistrationFactory(session=session_page, name='=HYPERLINK("http://kwaad.example")', email="a@example.org")
    RegistrationFactory(session=session_page, name="Bea", organisation="+31 612345678", email="b@example.org")
    RegistrationFactory(
        session=session_page,
        name="Cor",
        organisation="-2+3",
        needs="@SUM(A1)",
        email="c@example.org",
        status=RegistrationStatus.WAITLISTED,
    )
    RegistrationFactory(session=session_page, name="Dirk", email="d@example.org", status=RegistrationStatus.CANCELLED)


def test_escape_formula():
    assert escape_formula("=1+1") == "'=1+1"
    assert escape_formula("+31 6") == "'+31 6"
    assert escape_formula("-2") == "'-2"
    assert escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("Anna") == "Anna"


def test_registrations_list_is_searchable_and_filterable(admin_client, registrations, session_page):
    url = reverse(LIST_URL)
    html = admin_client.get(url, {"q": "Bea"}).content.decode()
    assert "b@example.org" in html and "d@example.org" not in html
    html = admin_client.get(url, {"status": "waitlisted"}).content.decode()
    assert "c@example.org" in html and "b@example.org" not in html
    html = admin_client.get(url, {"session": session_page.pk}).content.decode()
    assert "d@example.org" in html


def test_overview_counts_per_session(admin_client, registrations, session_page):
    response = admin_client.get(reverse("knowledgeboost_overview:index"))
    assert response.status_code == 200
    html = response.content.decode()
    row = html.split(session_page.title)[1].split("</tr>")[0]
    assert [int(n) for n in __import__("re").findall(r"<td>(\d+)</td>", row)] == [2, 2, 1, 1]


def test_overview_needs_permission(client, session_page):
    client.force_login(UserFactory(username="zonderrechten", is_staff=True))
    response = client.get(reverse("knowledgeboost_overview:index"))
    assert response.status_code in (302, 403)


def test_csv_export_escapes_formulas(admin_client, registrations, session_page):
    response = admin_client.get(reverse(LIST_URL), {"export": "csv", "session": session_page.pk})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 4
    by_email = {row["E-mailadres"]: row for row in rows}
    assert by_email["a@example.org"]["Naam"] == '\'=HYPERLINK("http://kwaad.example")'
    assert by_email["b@example.org"]["Organisatie"] == "'+31 612345678"
    assert by_email["c@example.org"]["Organisatie"] == "'-2+3"
    assert by_email["c@example.org"]["Wat nodig is om mee te doen"] == "'@SUM(A1)"
    assert by_email["c@example.org"]["Status"] == "Wachtlijst"
    assert by_email["b@example.org"]["Sessie"] == session_page.title
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())


def test_xlsx_export_escapes_formulas(admin_client, registrations):
    response = admin_client.get(reverse(LIST_URL), {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header, *rows = values
    assert "Naam" in header and "E-mailadres" in header
    cells = [value for row in rows for value in row if isinstance(value, str)]
    assert '\'=HYPERLINK("http://kwaad.example")' in cells
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_outbox_is_visible_to_editors(admin_client, session_page, registration_data, post_registration):
    from django.test import Client

    Client().post(session_page.url, registration_data)  # leaves a pending mail (no commit in this test)
    html = admin_client.get(reverse("wagtailsnippets_knowledgeboost_outboxemail:list")).content.decode()
    assert "anna@example.org" in html
    assert "Wacht op verzending" in html


def test_outbox_is_read_only_for_editors(admin_client, session_page):
    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Bevestiging", body_text="Hoi")
    inspect = admin_client.get(reverse("wagtailsnippets_knowledgeboost_outboxemail:inspect", args=[email.pk]))
    assert inspect.status_code == 200
    assert "Bevestiging" in inspect.content.decode()
    edit = admin_client.get(reverse("wagtailsnippets_knowledgeboost_outboxemail:edit", args=[email.pk]))
    assert edit.status_code in (302, 403)
    add = admin_client.get(reverse("wagtailsnippets_knowledgeboost_outboxemail:add"))
    assert add.status_code in (302, 403)
