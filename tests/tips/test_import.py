import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from tips import importing
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


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


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
    result = import_tips(collection, xlsx(rows), "tips.xlsx")
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
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
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
