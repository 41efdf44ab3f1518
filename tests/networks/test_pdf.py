"""Agenda PDFs are checked by their content: real PDFs pass (with accessibility warnings when needed), the
rest is refused with a clear Dutch message. Their text is kept for search."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfWriter

from networks import pdf
from networks.pdf import check_pdf
from networks.pdfgen import make_pdf

LINES = ["Lokale Inclusie Agenda Zwolle", "Wonen en vervoer voor iedereen.", "Ervaringsdeskundigen schreven mee."]


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def upload(data, name="agenda.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def refusal(data, name="agenda.pdf"):
    with pytest.raises(ValidationError) as error:
        check_pdf(upload(data, name))
    return " ".join(error.value.messages)


def test_an_accessible_pdf_passes_without_warnings_and_its_text_is_kept():
    report = check_pdf(upload(make_pdf(LINES, title="Lokale Inclusie Agenda Zwolle")))
    assert report.warnings == []
    assert report.pages == 1
    assert "Wonen en vervoer voor iedereen." in report.text
    assert "Ervaringsdeskundigen" in report.text


def test_an_untagged_pdf_without_language_or_title_passes_with_three_dutch_warnings():
    report = check_pdf(upload(make_pdf(LINES, title="", lang="", tagged=False)))
    assert len(report.warnings) == 3
    text = " ".join(report.warnings)
    assert "niet getagd" in text
    assert "geen documenttaal" in text
    assert "geen titel" in text


def test_each_warning_on_its_own():
    assert check_pdf(upload(make_pdf(LINES, title="Agenda", tagged=False))).warnings == [
        "De pdf is niet getagd, zodat schermlezers de koppen, lijsten en tabellen niet kunnen volgen."
    ]
    (warning,) = check_pdf(upload(make_pdf(LINES, title="Agenda", lang=""))).warnings
    assert "documenttaal" in warning


def test_text_extraction_is_bounded(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_TEXT_CHARS", 200)
    report = check_pdf(upload(make_pdf([f"Regel {n} van de inclusieagenda" for n in range(400)], title="Lang")))
    assert report.pages == 9
    assert len(report.text) <= 200


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name():
    message = refusal(b"<html><body>Dit is geen pdf</body></html>", name="agenda.pdf")
    assert message == (
        "Dit bestand is geen pdf. Upload de agenda als pdf-document (alleen de bestandsnaam is niet genoeg)."
    )
    assert "geen pdf" in refusal(b"PK\x03\x04 een zip die zich als pdf voordoet", name="agenda.pdf")


def test_javascript_is_refused():
    data = make_pdf(
        LINES, extra_catalog="/OpenAction 7 0 R", extra_objects=[(7, "<< /S /JavaScript /JS (app.alert(1)) >>")]
    )
    assert "JavaScript" in refusal(data)


def test_javascript_behind_escaped_names_is_found_in_the_structure():
    data = make_pdf(
        LINES, extra_catalog="/OpenAction 7 0 R", extra_objects=[(7, "<< /S /J#61vaScript /J#53 (app.alert(1)) >>")]
    )
    assert "JavaScript" in refusal(data)


def test_embedded_files_are_refused():
    data = make_pdf(
        LINES,
        extra_catalog="/Names << /EmbeddedFiles 7 0 R >>",
        extra_objects=[(7, "<< /Names [(virus.exe) 8 0 R] >>"), (8, "<< /Type /Filespec /F (virus.exe) >>")],
    )
    assert "ingesloten bestanden" in refusal(data)


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(LINES, title="Geheim")))
    writer.encrypt("geheim", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert "beveiligd" in refusal(buffer.getvalue())


def test_a_too_big_pdf_is_refused_before_it_is_parsed(monkeypatch):
    monkeypatch.setattr(pdf, "MAX_PDF_SIZE", 2048)
    monkeypatch.setattr(pdf, "PdfReader", None)  # parsing would fail loudly
    data = make_pdf([f"Regel {n}" for n in range(200)], title="Groot")
    assert len(data) > 2048
    assert "groter dan" in refusal(data)


@pytest.mark.parametrize(
    "data",
    [
        make_pdf(LINES, title="Afgebroken")[:400],
        b"%PDF-1.7\n" + b"\x00\xff" * 500,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
    ids=["truncated", "garbage", "loop"],
)
def test_a_broken_pdf_is_refused_with_a_dutch_message(data):
    message = refusal(data)
    assert "beschadigd" in message or "geen pagina's" in message
