import io

import pytest
from django.core.management import CommandError, call_command

from tests.tips import xlsx_files
from tips import importing, spreadsheet
from tips.importing import ImportFailed, import_tips
from tips.models import Tip, TipCollectionPage

CSV_SEMICOLON = (
    "Titel;Tekst;Doelgroep;Thema;Tags\r\n"
    'Vraag persoonlijk;"Een persoonlijke vraag werkt.\r\n\r\nEen folder niet.";Gemeenten;Werving;werving, vragen\r\n'
    'Zoek jongeren op;Ga naar school of sportclub.;"Gemeenten; Lokale initiatieven";jongeren;\r\n'
)
CSV_COMMA = (
    "title,body,audience,theme,tags\n"
    'Vraag persoonlijk,"Een persoonlijke vraag werkt.\n\nEen folder niet.",Gemeenten,Werving,"werving, vragen"\n'
    'Zoek jongeren op,Ga naar school of sportclub.,"Gemeenten, lokale initiatieven",Jongeren,\n'
)


def upload(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))


def assert_two_tips_imported(collection):
    tips = list(Tip.objects.filter(page=collection).order_by("sort_order"))
    assert [tip.title for tip in tips] == ["Vraag persoonlijk", "Zoek jongeren op"]
    assert tips[0].body == "<p>Een persoonlijke vraag werkt.</p><p>Een folder niet.</p>"
    assert [t.name for t in tips[0].themes.all()] == ["Werving"]
    assert sorted(t.name for t in tips[0].tags.all()) == ["vragen", "werving"]
    assert sorted(a.name for a in tips[1].audiences.all()) == ["Gemeenten", "Lokale initiatieven"]
    assert [t.name for t in tips[1].themes.all()] == ["Jongeren"]
    assert tips[0].slug == "vraag-persoonlijk"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "encoding"),
    [(CSV_SEMICOLON, "utf-8"), (CSV_SEMICOLON, "utf-8-sig"), (CSV_COMMA, "utf-8"), (CSV_COMMA, "utf-8-sig")],
    ids=["semicolon", "semicolon-bom", "comma", "comma-bom"],
)
def test_csv_import(collection, vocabularies, content, encoding):
    result = import_tips(collection, upload(content, encoding), "tips.csv")
    assert (result.added, result.removed, result.published) == (2, 0, True)
    assert_two_tips_imported(collection)
    assert str(result) == "2 tips geïmporteerd. De verzameling is gepubliceerd."


@pytest.mark.django_db
def test_xlsx_import(collection, vocabularies):
    rows = [
        ["TITEL", "tekst", "doelgroep", "thema", "tags"],
        [
            "Vraag persoonlijk",
            "Een persoonlijke vraag werkt.\n\nEen folder niet.",
            "Gemeenten",
            "werving",
            "werving;vragen",
        ],
        [None, None, None, None, None],
        ["Zoek jongeren op", "Ga naar school of sportclub.", "Gemeenten, Lokale initiatieven", "Jongeren", None],
    ]
    result = import_tips(collection, io.BytesIO(xlsx_files.xlsx(rows)), "tips.xlsx")
    assert result.added == 2
    assert_two_tips_imported(collection)


@pytest.mark.django_db
def test_import_creates_a_published_revision_for_a_live_collection(collection, vocabularies):
    revisions_before = collection.revisions.count()
    import_tips(collection, upload(CSV_COMMA), "tips.csv")
    collection.refresh_from_db()
    assert collection.revisions.count() == revisions_before + 1
    assert collection.live_revision == collection.latest_revision
    assert not collection.has_unpublished_changes


@pytest.mark.django_db
def test_import_into_a_draft_collection_saves_a_draft(tip_index, vocabularies):
    from tips.factories import TipCollectionPageFactory

    draft = TipCollectionPageFactory(parent=tip_index, live=False)
    result = import_tips(draft, upload(CSV_COMMA), "tips.csv")
    assert result.published is False
    assert Tip.objects.filter(page=draft).count() == 0  # not public yet
    draft = TipCollectionPage.objects.get(pk=draft.pk)
    assert not draft.live
    assert [tip.title for tip in draft.get_latest_revision_as_object().tips.all()] == [
        "Vraag persoonlijk",
        "Zoek jongeren op",
    ]


@pytest.mark.django_db
def test_import_appends_without_replace_and_replace_is_idempotent(collection, tips, vocabularies):
    import_tips(collection, upload(CSV_COMMA), "tips.csv")
    assert Tip.objects.filter(page=collection).count() == 5

    result = import_tips(collection, upload(CSV_COMMA), "tips.csv", replace=True)
    assert (result.added, result.updated, result.removed) == (0, 2, 3)
    assert str(result) == (
        "2 tips geïmporteerd: 0 nieuw, 2 bijgewerkt; 3 bestaande tips verwijderd. De verzameling is gepubliceerd."
    )
    first = list(Tip.objects.filter(page=collection).values_list("pk", "title", "slug", "body", "sort_order"))

    import_tips(collection, upload(CSV_COMMA), "tips.csv", replace=True)
    second = list(Tip.objects.filter(page=collection).values_list("pk", "title", "slug", "body", "sort_order"))
    assert first == second
    assert len(second) == 2


@pytest.mark.django_db
def test_replace_keeps_permalinks_and_appreciation_of_tips_that_stay(collection, vocabularies):
    from tips.models import Appreciation

    import_tips(collection, upload(CSV_COMMA), "tips.csv")
    tip = Tip.objects.get(page=collection, slug="vraag-persoonlijk")
    Appreciation.objects.increment(tip)
    changed = CSV_COMMA.replace("Een persoonlijke vraag werkt.", "Vraag het gewoon.")
    import_tips(collection, upload(changed), "tips.csv", replace=True)
    again = Tip.objects.get(page=collection, slug="vraag-persoonlijk")
    assert again.pk == tip.pk
    assert again.body.startswith("<p>Vraag het gewoon.</p>")
    assert Appreciation.objects.counts_for([again]) == {tip.pk: 1}


@pytest.mark.django_db
def test_every_error_has_row_and_column_and_nothing_is_imported(collection, tips, vocabularies):
    content = (
        "titel;tekst;doelgroep;thema\n"
        ";Tekst zonder titel;Gemeenten;Werving\n"
        "Titel zonder tekst;;Gemeenten;Werving\n"
        "Onbekende doelgroep;Tekst;Wethouders;Werving\n"
        "Onbekend thema;Tekst;Gemeenten;Sport, Werving\n"
        f"{'x' * 300};Tekst;;\n"
    )
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, upload(content), "tips.csv")
    errors = [(error.row, error.column) for error in failure.value.errors]
    assert errors == [(2, "titel"), (3, "tekst"), (4, "doelgroep"), (5, "thema"), (6, "titel")]
    messages = [str(error) for error in failure.value.errors]
    assert messages[0] == "Rij 2, kolom 'titel': Een titel is verplicht."
    assert "Onbekende waarde 'Wethouders'. Toegestaan: Gemeenten, Lokale initiatieven, Vrijwilligers." in messages[2]
    assert "Onbekende waarde 'Sport'" in messages[3]
    assert Tip.objects.filter(page=collection).count() == 3
    assert collection.revisions.count() == 0


@pytest.mark.django_db
def test_missing_required_columns_are_reported_on_the_header_row(collection):
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, upload("naam;omschrijving\nA;B\n"), "tips.csv")
    assert [(error.row, error.column) for error in failure.value.errors] == [(1, "titel"), (1, "tekst")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "tips.csv", "Het bestand is leeg."),
        ("titel;tekst\nCafé;Tekst\n".encode("cp1252"), "tips.csv", "geen UTF-8-tekst"),
        (b"PK\x03\x04 broken zip", "tips.xlsx", "geen leesbare Excel-werkmap"),
        (b"titel;tekst\nA;B\n", "tips.pdf", "Upload een .xlsx- of .csv-bestand."),
        (b"titel;tekst\n", "tips.csv", "alleen een rij met kolomnamen"),
    ],
)
def test_unreadable_files_get_a_clear_error(collection, data, filename, message):
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(data), filename)
    assert message in str(failure.value)


@pytest.mark.django_db
def test_limits_on_size_and_rows(collection, monkeypatch):
    monkeypatch.setattr(spreadsheet, "MAX_ROWS", 3)
    rows = "titel;tekst\n" + "".join(f"Tip {n};Tekst\n" for n in range(4))
    with pytest.raises(ImportFailed, match="meer dan 3 rijen"):
        import_tips(collection, upload(rows), "tips.csv")
    monkeypatch.setattr(importing, "MAX_FILE_SIZE", 1024 * 1024)
    big = "titel;tekst\n" + "A;" + "x" * (1024 * 1024) + "\n"
    with pytest.raises(ImportFailed, match="groter dan 1 MB"):
        import_tips(collection, upload(big), "tips.csv")


@pytest.mark.django_db
def test_management_command(collection, vocabularies, tmp_path):
    path = tmp_path / "tips.csv"
    path.write_text(CSV_SEMICOLON, encoding="utf-8-sig")
    out = io.StringIO()
    call_command("import_tips", str(path), "--collection", "80-tips", stdout=out)
    assert "2 tips geïmporteerd" in out.getvalue()
    call_command("import_tips", str(path), "--collection", "80-tips", "--replace", stdout=out)
    assert Tip.objects.filter(page=collection).count() == 2


@pytest.mark.django_db
def test_management_command_reports_errors_and_imports_nothing(collection, vocabularies, tmp_path):
    path = tmp_path / "tips.csv"
    path.write_text("titel;tekst;thema\nA;B;Onbekend\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 error"):
        call_command("import_tips", str(path), "--collection", "80-tips", stderr=err)
    assert "Rij 2, kolom 'thema'" in err.getvalue()
    assert not Tip.objects.exists()
    with pytest.raises(CommandError, match="No tip collection"):
        call_command("import_tips", str(path), "--collection", "bestaat-niet")


# Messages that say what is wrong ------------------------------------------------------------------------


@pytest.mark.django_db
def test_file_level_errors_have_no_row_number(collection, tmp_path):
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(b"titel;tekst\n"), "tips.csv")
    assert [error.row for error in failure.value.errors] == [None]
    assert str(failure.value) == "Het bestand bevat geen tips: alleen een rij met kolomnamen."

    path = tmp_path / "tips.csv"
    path.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_tips", str(path), "--collection", "80-tips", stderr=err)
    assert err.getvalue() == "Het bestand is leeg.\n"


@pytest.mark.django_db
def test_formulas_without_calculated_values_are_named(collection, vocabularies):
    # openpyxl (like other generators) writes formulas without calculating them.
    data = xlsx_files.xlsx([["titel", "tekst"], ['="Vraag "&"persoonlijk"', "=A2"], ["Tip", "=UPPER(A3)"]])
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(data), "tips.xlsx")
    assert str(failure.value) == (
        "De cellen A2, B2, B3 bevatten een formule zonder berekende waarde, dus hun tekst is onbekend. Open het "
        "bestand in een spreadsheetprogramma (Excel, LibreOffice) en sla het opnieuw op, of kopieer de cellen en "
        "plak ze als waarden."
    )
    assert not Tip.objects.filter(page=collection).exists()


@pytest.mark.django_db
def test_formulas_with_a_calculated_value_import_that_value(collection, vocabularies):
    sheet = (
        xlsx_files.SHEET_START
        + (
            b'<row r="2"><c r="A2" t="str"><f>"Vraag "&amp;"persoonlijk"</f><v>Vraag persoonlijk</v></c>'
            b'<c r="B2" t="str"><f>A2</f><v>Een persoonlijke vraag werkt.</v></c></row>'
        )
        + xlsx_files.SHEET_END
    )
    data = xlsx_files.replace_parts(xlsx_files.xlsx([["titel", "tekst"]]), {xlsx_files.SHEET: sheet})
    import_tips(collection, io.BytesIO(data), "tips.xlsx")
    tip = Tip.objects.get(page=collection)
    assert (tip.title, tip.body) == ("Vraag persoonlijk", "<p>Een persoonlijke vraag werkt.</p>")


@pytest.mark.django_db
def test_a_csv_row_with_more_cells_than_column_names_is_refused(collection, vocabularies):
    content = (
        "titel;tekst;thema\n"
        "Vraag persoonlijk;Een persoonlijke vraag werkt;Werving\n"
        "Maak het concreet;Vraag om hulp bij één klus; niet om een functie;Werving\n"
        "Zoek jongeren op;Ga naar school;Jongeren;;\n"  # empty cells at the end are fine
    )
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, upload(content), "tips.csv")
    assert [str(error) for error in failure.value.errors] == [
        "Rij 3: Deze rij heeft meer cellen dan kolomkoppen: cel D3 heeft geen kolomkop. Voeg een kolomkop toe, of "
        "zet in een CSV-bestand tekst met het scheidingsteken (; of ,) tussen dubbele aanhalingstekens."
    ]
    assert not Tip.objects.filter(page=collection).exists()

    quoted = content.replace(
        "Vraag om hulp bij één klus; niet om een functie", '"Vraag om hulp bij één klus; niet om een functie"'
    )
    assert import_tips(collection, upload(quoted), "tips.csv").added == 3
    assert Tip.objects.get(page=collection, title="Maak het concreet").body == (
        "<p>Vraag om hulp bij één klus; niet om een functie</p>"
    )


@pytest.mark.django_db
def test_an_xlsx_row_with_text_right_of_the_column_names_is_refused(collection, vocabularies):
    rows = [["titel", "tekst"], ["Vraag persoonlijk", "Een persoonlijke vraag werkt.", None, "vergeten notitie"]]
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(xlsx_files.xlsx(rows)), "tips.xlsx")
    assert str(failure.value).startswith(
        "Rij 2: Deze rij heeft meer cellen dan kolomkoppen: cel D2 heeft geen kolomkop."
    )


@pytest.mark.django_db
def test_xlsx_errors_name_the_row_the_spreadsheet_shows(collection, vocabularies):
    rows = [["titel", "tekst"], ["Vraag persoonlijk", "Tekst"], [None, None], [None, None], ["Zonder tekst", None]]
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(xlsx_files.xlsx(rows)), "tips.xlsx")
    assert str(failure.value) == "Rij 5, kolom 'tekst': Een tekst is verplicht."


@pytest.mark.django_db
def test_control_characters_in_cells_are_removed(collection, vocabularies):
    content = "titel;tekst;tags\nVraag\x00 persoonlijk\x07;Een\x1b persoonlijke vraag\x7f werkt.;wer\x00ving\n"
    import_tips(collection, upload(content), "tips.csv")
    # In .xlsx, Excel writes a control character as _xHHHH_ (XML cannot hold it).
    rows = [["titel", "tekst"], ["Zoek_x0000_ jongeren op_x0007_", "Ga naar school._x001B_"]]
    import_tips(collection, io.BytesIO(xlsx_files.xlsx(rows)), "tips.xlsx")
    tips = list(Tip.objects.filter(page=collection).order_by("sort_order"))
    assert [(tip.title, tip.body) for tip in tips] == [
        ("Vraag persoonlijk", "<p>Een persoonlijke vraag werkt.</p>"),
        ("Zoek jongeren op", "<p>Ga naar school.</p>"),
    ]
    assert [tag.name for tag in tips[0].tags.all()] == ["werving"]


@pytest.mark.django_db
def test_xlsx_with_shared_strings_and_rich_text(collection, vocabularies):
    """Excel, LibreOffice and Numbers keep text in a shared strings table, formatted text as runs."""
    rows = [
        ["Titel", "Tekst", "Thema"],
        ["Vraag persoonlijk", ["Een ", "persoonlijke", " vraag werkt."], "Werving"],
        [],
        ["Tab_x0009_en _x005F_x0041_ blijven", "Regel 1_x000D_\nRegel 2", None],
    ]
    import_tips(collection, io.BytesIO(xlsx_files.shared_strings_xlsx(rows)), "tips.xlsx")
    tips = list(Tip.objects.filter(page=collection).order_by("sort_order"))
    assert [(tip.title, tip.body) for tip in tips] == [
        ("Vraag persoonlijk", "<p>Een persoonlijke vraag werkt.</p>"),
        ("Tab\ten _x0041_ blijven", "<p>Regel 1<br>Regel 2</p>"),
    ]
    assert [theme.name for theme in tips[0].themes.all()] == ["Werving"]
