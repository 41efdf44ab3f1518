import csv
import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from core.factories import UserFactory
from events.admin_views import escape_formula
from knowledgeboost.factories import RegistrationFactory, SessionPageFactory
from knowledgeboost.models import OutboxEmail, OutboxStatus, RegistrationStatus

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_knowledgeboost_registration:list"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


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
    html = admin_client.get(reverse("wagtailsnippets_events_outboxemail:list")).content.decode()
    assert "anna@example.org" in html
    assert "Wacht op verzending" in html


def test_outbox_is_read_only_for_editors(admin_client, session_page):
    email = OutboxEmail.objects.create(kind="confirmation", to="a@example.org", subject="Bevestiging", body_text="Hoi")
    inspect = admin_client.get(reverse("wagtailsnippets_events_outboxemail:inspect", args=[email.pk]))
    assert inspect.status_code == 200
    assert "Bevestiging" in inspect.content.decode()
    edit = admin_client.get(reverse("wagtailsnippets_events_outboxemail:edit", args=[email.pk]))
    assert edit.status_code in (302, 403)
    add = admin_client.get(reverse("wagtailsnippets_events_outboxemail:add"))
    assert add.status_code in (302, 403)


@pytest.fixture
def summer_and_winter(week_page):
    """A session in summer time (UTC+2) and one in winter time (UTC+1), both at 14:00 Dutch time."""
    summer = SessionPageFactory(
        parent=week_page,
        title="Zomersessie",
        start=datetime.datetime(2026, 6, 15, 14, tzinfo=AMSTERDAM),
        end=datetime.datetime(2026, 6, 15, 15, tzinfo=AMSTERDAM),
    )
    winter = SessionPageFactory(
        parent=week_page,
        title="Wintersessie",
        start=datetime.datetime(2026, 1, 15, 14, tzinfo=AMSTERDAM),
        end=datetime.datetime(2026, 1, 15, 15, tzinfo=AMSTERDAM),
    )
    RegistrationFactory(
        session=summer, email="zomer@example.org", created_at=datetime.datetime(2026, 6, 1, 9, 30, tzinfo=AMSTERDAM)
    )
    RegistrationFactory(
        session=winter,
        email="winter@example.org",
        status=RegistrationStatus.CANCELLED,
        created_at=datetime.datetime(2026, 1, 5, 9, 30, tzinfo=AMSTERDAM),
        # Just after midnight in Amsterdam: still the day before in UTC.
        cancelled_at=datetime.datetime(2026, 1, 7, 0, 30, tzinfo=AMSTERDAM),
    )


@pytest.fixture
def admin_in_utc(admin_client):
    """An editor whose admin preferences say UTC: the export still gives Dutch time, and says so."""
    profile = UserProfile.get_for_user(UserFactory._meta.model.objects.get(username="redacteur"))
    profile.current_time_zone = "UTC"
    profile.save()
    return admin_client


def test_csv_export_gives_dutch_time_with_the_zone(admin_in_utc, summer_and_winter):
    response = admin_in_utc.get(reverse(LIST_URL), {"export": "csv"})
    rows = {
        row["E-mailadres"]: row for row in csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    }
    assert rows["zomer@example.org"]["Begin (Europe/Amsterdam)"] == "2026-06-15 14:00+02:00"
    assert rows["winter@example.org"]["Begin (Europe/Amsterdam)"] == "2026-01-15 14:00+01:00"
    assert rows["zomer@example.org"]["Aangemeld op (Europe/Amsterdam)"] == "2026-06-01 09:30+02:00"
    assert rows["winter@example.org"]["Afgemeld op (Europe/Amsterdam)"] == "2026-01-07 00:30+01:00"
    assert rows["zomer@example.org"]["Afgemeld op (Europe/Amsterdam)"] == ""


def test_xlsx_export_gives_dutch_time_with_the_zone(admin_in_utc, summer_and_winter):
    response = admin_in_utc.get(reverse(LIST_URL), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    by_email = {row[header.index("E-mailadres")]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_email["zomer@example.org"]["Begin (Europe/Amsterdam)"] == datetime.datetime(2026, 6, 15, 14, 0)
    assert by_email["winter@example.org"]["Begin (Europe/Amsterdam)"] == datetime.datetime(2026, 1, 15, 14, 0)
    assert by_email["winter@example.org"]["Afgemeld op (Europe/Amsterdam)"] == datetime.datetime(2026, 1, 7, 0, 30)


def test_outbox_detail_says_when_nothing_is_planned_or_sent(admin_client, session_page):
    gave_up = OutboxEmail.objects.create(
        kind="confirmation",
        to="a@example.org",
        subject="Bevestiging",
        body_text="Hoi",
        status=OutboxStatus.FAILED,
        attempts=8,
        next_attempt_at=None,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    url = reverse("wagtailsnippets_events_outboxemail:inspect", args=[gave_up.pk])
    html = admin_client.get(url).content.decode()
    details = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>\s*(.*?)\s*</dd>", html, re.S))
    assert details["Volgende poging"] == "Niet gepland"
    assert details["Verstuurd op"] == "Niet verstuurd"
    assert details["Pogingen"] == "8"
    # The label is the shared msgid "last error" (the shared catalogue may word it differently).
    with translation.override("nl"):
        last_error = capfirst(str(OutboxEmail._meta.get_field("last_error").verbose_name))
    assert "Connection unexpectedly closed" in details[last_error]
