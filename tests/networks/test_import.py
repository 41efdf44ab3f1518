"""manage.py import_municipalities: CBS code as key, a report, all or nothing, hostile files refused in Dutch."""

import pytest
from django.core.management import CommandError, call_command

from core.models import Municipality, Province
from networks.importing import DEMO_CSV, MAX_FILE_SIZE, MAX_ROWS

pytestmark = pytest.mark.django_db

HEADER = "cbs_code,naam,provincie,inwoners,website\n"


def run(tmp_path, content, name="gemeenten.csv"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    from io import StringIO

    out = StringIO()
    call_command("import_municipalities", str(path), stdout=out)
    return out.getvalue()


def failure(tmp_path, content):
    with pytest.raises(CommandError) as error:
        run(tmp_path, content)
    return str(error.value)


def test_adds_updates_and_reports_unchanged(tmp_path):
    output = run(
        tmp_path, HEADER + "GM0193,Zwolle,Overijssel,130000,www.zwolle.nl\nGM0150,Deventer,Overijssel,100.000,\n"
    )
    assert "Toegevoegd: 2, bijgewerkt: 0, ongewijzigd: 0." in output
    zwolle = Municipality.objects.get(cbs_code="GM0193")
    assert (zwolle.name, zwolle.slug, zwolle.province, zwolle.inhabitants) == ("Zwolle", "zwolle", "overijssel", 130000)
    assert zwolle.website == "https://www.zwolle.nl"
    assert Municipality.objects.get(cbs_code="GM0150").inhabitants == 100000

    output = run(
        tmp_path, HEADER + "GM0193,Zwolle,Overijssel,132000,https://www.zwolle.nl\nGM0150,Deventer,Overijssel,100000,\n"
    )
    assert "Bijgewerkt: Zwolle" in output
    assert "Toegevoegd: 0, bijgewerkt: 1, ongewijzigd: 1." in output
    assert Municipality.objects.get(cbs_code="GM0193").inhabitants == 132000
    assert Municipality.objects.count() == 2


def test_semicolons_dutch_province_names_codes_without_gm_and_a_byte_order_mark(tmp_path):
    content = (
        "\ufeffGemeentecode;Gemeente;Provincie;Inwoners\n"
        "193;Zwolle;overijssel;130000\n"
        "GM0080;Leeuwarden;Fryslân;125000\n"
    )
    run(tmp_path, content.encode("utf-8"))
    assert Municipality.objects.get(cbs_code="GM0193").name == "Zwolle"
    assert Municipality.objects.get(cbs_code="GM0080").province == Province.FRIESLAND


def test_a_renamed_municipality_keeps_its_slug(tmp_path):
    run(tmp_path, HEADER + "GM0518,'s-Gravenhage,Zuid-Holland,560000,\n")
    run(tmp_path, HEADER + "GM0518,Den Haag,Zuid-Holland,560000,\n")
    municipality = Municipality.objects.get(cbs_code="GM0518")
    assert (municipality.name, municipality.slug) == ("Den Haag", "s-gravenhage")


def test_any_error_imports_nothing_and_names_every_row(tmp_path):
    content = (
        HEADER
        + "GM0193,Zwolle,Overijssel,130000,\n"
        + "GM12345,Nergens,Overijssel,1,\n"
        + "GM0150,Deventer,Atlantis,100000,\n"
        + "GM0153,Enschede,Overijssel,veel,\n"
        + "GM0193,Zwolle weer,Overijssel,1,\n"
        + "GM0141,,Overijssel,1,niet een adres\n"
    )
    message = failure(tmp_path, content)
    assert Municipality.objects.count() == 0
    assert "Rij 3: 'GM12345' is geen CBS-code" in message
    assert "Rij 4: 'Atlantis' is geen Nederlandse provincie." in message
    assert "Rij 5: 'veel' is geen aantal inwoners." in message
    assert "Rij 6: CBS-code GM0193 staat ook op rij 2." in message
    assert "Rij 7: de naam is leeg." in message
    assert "Rij 7: 'niet een adres' is geen webadres." in message
    assert message.strip().endswith("Er is niets geïmporteerd.")


def test_an_error_in_the_last_row_leaves_existing_municipalities_as_they_were(tmp_path):
    run(tmp_path, HEADER + "GM0193,Zwolle,Overijssel,130000,\n")
    failure(tmp_path, HEADER + "GM0193,Zwolle,Overijssel,999999,\nGM0150,Deventer,Nergens,1,\n")
    assert Municipality.objects.get(cbs_code="GM0193").inhabitants == 130000
    assert not Municipality.objects.filter(cbs_code="GM0150").exists()


def test_missing_columns_are_named(tmp_path):
    message = failure(tmp_path, "code,inwoners\nGM0193,1\n")
    assert "naam" in message and "provincie" in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (HEADER.encode() + b"GM0193,Zw\x00olle,Overijssel,1,\n", "Rij 2: de regel bevat een NUL-teken"),
        (
            HEADER.encode() + b"GM0193,Zwolle,Overijssel,1,\nGM0150,Dev\xe9nter,Overijssel,1,\n",
            "Rij 3: de tekst is geen UTF-8",
        ),
        (b"", "Het bestand is leeg."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL-teken"),
        (HEADER.encode() + b'GM0193,"Zwolle,Overijssel,1,\n', "Rij 2:"),
    ],
    ids=["nul-byte", "latin-1", "empty", "binary", "open-quote"],
)
def test_hostile_files_are_refused_in_dutch(tmp_path, content, expected):
    message = failure(tmp_path, content)
    assert expected in message
    assert Municipality.objects.count() == 0


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "groot.csv"
    with path.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.seek(MAX_FILE_SIZE + 10)
        handle.write(b"\n")
    with pytest.raises(CommandError, match="groter dan"):
        call_command("import_municipalities", str(path))


def test_too_many_rows_are_refused(tmp_path):
    rows = "".join(f"GM{n:04d},Gemeente {n},Utrecht,1000,\n" for n in range(MAX_ROWS + 1))
    assert "meer dan" in failure(tmp_path, HEADER + rows)
    assert Municipality.objects.count() == 0


def test_very_long_cells_are_refused(tmp_path):
    assert "langer dan" in failure(tmp_path, HEADER + "GM0193," + "Z" * 5000 + ",Overijssel,1,\n")


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="kan niet worden geopend"):
        call_command("import_municipalities", str(tmp_path / "bestaat-niet.csv"))


def test_the_shipped_list_covers_all_twelve_provinces_with_real_codes(tmp_path):
    call_command("import_municipalities", str(DEMO_CSV), stdout=open("/dev/null", "w"))  # noqa: SIM115
    municipalities = Municipality.objects.all()
    assert municipalities.count() >= 58
    assert set(municipalities.values_list("province", flat=True)) == set(Province.values)
    zwolle = Municipality.objects.get(cbs_code="GM0193")
    assert (zwolle.name, zwolle.province) == ("Zwolle", Province.OVERIJSSEL)
    assert Municipality.objects.get(cbs_code="GM0363").name == "Amsterdam"
