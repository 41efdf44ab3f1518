"""Uploading the agenda PDF in the admin: refused with a Dutch error when it is not a safe PDF, saved with an
accessibility warning when it is not accessible, and its text kept for search."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.factories import UserFactory
from networks.models import InclusionAgendaPage
from networks.pdfgen import make_pdf

from .admin_forms import add_agenda_url, agenda_form_data, edit_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="beheer", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def zwolle(tree):
    return tree.add("Zwolle", "GM0193")


def pdf_file(data, name="agenda.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_an_accessible_pdf_is_saved_without_warning_and_its_text_kept(admin_client, zwolle):
    data = make_pdf(["Levensloopbestendig wonen in Zwolle."], title="Lokale Inclusie Agenda Zwolle")
    response = admin_client.post(
        add_agenda_url(zwolle),
        agenda_form_data(files={"agenda_pdf": pdf_file(data)}, **{"action-publish": "publish"}),
        follow=True,
    )
    assert response.status_code == 200
    agenda = InclusionAgendaPage.objects.child_of(zwolle).get()
    assert agenda.live
    assert "Levensloopbestendig wonen in Zwolle." in agenda.pdf_text
    assert agenda.pdf_warnings == ""
    assert "niet helemaal toegankelijk" not in response.content.decode()


def test_an_untagged_pdf_is_saved_with_a_dutch_accessibility_warning(admin_client, zwolle):
    data = make_pdf(["Agenda"], title="", lang="", tagged=False)
    response = admin_client.post(
        add_agenda_url(zwolle),
        agenda_form_data(files={"agenda_pdf": pdf_file(data)}, **{"action-publish": "publish"}),
        follow=True,
    )
    content = response.content.decode()
    assert "De pdf is opgeslagen, maar is niet helemaal toegankelijk." in content
    assert "niet getagd" in content and "geen documenttaal" in content and "geen titel" in content
    agenda = InclusionAgendaPage.objects.child_of(zwolle).get()
    assert agenda.agenda_pdf
    assert len(agenda.accessibility_warnings) == 3


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00 dit is een programma", "agenda.pdf", "Dit bestand is geen pdf."),
        (
            make_pdf(["x"], extra_catalog="/OpenAction 7 0 R", extra_objects=[(7, "<< /S /JavaScript /JS (1) >>")]),
            "agenda.pdf",
            "Deze pdf bevat JavaScript",
        ),
        (make_pdf(["x"])[:300], "agenda.pdf", "Deze pdf is beschadigd"),
    ],
    ids=["fake-by-name", "javascript", "broken"],
)
def test_an_unsafe_file_is_refused_with_a_dutch_error_and_nothing_is_saved(admin_client, zwolle, data, name, message):
    response = admin_client.post(
        add_agenda_url(zwolle),
        agenda_form_data(files={"agenda_pdf": pdf_file(data, name)}, **{"action-publish": "publish"}),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not InclusionAgendaPage.objects.child_of(zwolle).exists()


def test_a_new_easy_read_upload_keeps_the_warnings_of_the_agenda(admin_client, zwolle):
    untagged = make_pdf(["Agenda"], title="Agenda", tagged=False)
    admin_client.post(
        add_agenda_url(zwolle), agenda_form_data(files={"agenda_pdf": pdf_file(untagged)}, **{"action-publish": "p"})
    )
    agenda = InclusionAgendaPage.objects.child_of(zwolle).get()
    easy = make_pdf(["Makkelijk lezen"], title="Agenda makkelijk lezen")
    admin_client.post(
        edit_url(agenda), agenda_form_data(files={"easy_read_pdf": pdf_file(easy)}, **{"action-publish": "p"})
    )
    agenda.refresh_from_db()
    assert agenda.easy_read_pdf
    assert agenda.accessibility_warnings == [
        "Agenda: De pdf is niet getagd, zodat schermlezers de koppen, lijsten en tabellen niet kunnen volgen."
    ]
