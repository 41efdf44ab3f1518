"""Hostile spreadsheets (zip bombs, giant cells, endless rows) are refused quickly, with bounded memory, in Dutch.

A 1.5 MB .xlsx that unpacks to 1.5 GB used to take 3.2 GB of memory and 25 s before it was refused; through the
admin upload it could take a web worker down.
"""

import io
import json
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.tips.xlsx_files import BOMB_ROW, SHEET, SHEET_END, SHEET_START, replace_parts, xlsx, zip_bomb
from tips.importing import ImportFailed, import_tips
from tips.models import Tip

ROOT = Path(__file__).resolve().parents[2]
MB = 2**20


@pytest.fixture(scope="module")
def bomb():
    data = zip_bomb(BOMB_ROW, 1_500_000_000 // len(BOMB_ROW))
    sheet = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET)
    assert len(data) < 2.5 * MB and sheet.file_size > 1400 * MB  # what it claims to be
    return data


def wide_row_sheet():
    """A worksheet that passes the zip checks (20 MB unpacked, packs only a few times): one row of a million cells
    with different numbers. openpyxl holds the whole row in memory."""
    numbers = random.Random(7).choices(range(10**6), k=1_000_000)
    row = b"".join(b"<c><v>%d</v></c>" % n for n in numbers)
    return replace_parts(xlsx([["titel", "tekst"]]), {SHEET: SHEET_START + b"<row>" + row + b"</row>" + SHEET_END})


def many_rows_sheet():
    """70,000 rows of tips in inline strings: refused at row 2,002 without reading the rest."""
    rows = b"".join(
        b'<row><c t="inlineStr"><is><t>Tip %d</t></is></c><c t="inlineStr"><is><t>Tekst</t></is></c></row>' % n
        for n in range(70_000)
    )
    return replace_parts(xlsx([["titel", "tekst"]]), {SHEET: SHEET_START + rows + SHEET_END})


@pytest.mark.django_db
def test_an_xlsx_zip_bomb_is_refused_at_once_with_a_dutch_message(collection, bomb):
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(bomb), "tips.xlsx")
    elapsed = time.perf_counter() - started
    assert str(failure.value) == (
        "Uitgepakt is de werkmap groter dan 50 MB, of veel groter dan de bestandsgrootte doet vermoeden. Dat is geen "
        "gewoon tipsbestand. Kopieer de tips naar een nieuwe, lege werkmap of sla ze op als CSV."
    )
    assert elapsed < 1.0
    assert not Tip.objects.filter(page=collection).exists()


@pytest.mark.django_db
def test_a_zip_that_lies_about_the_unpacked_size_is_refused_quickly(collection):
    liar = zip_bomb(BOMB_ROW, 1_500_000_000 // len(BOMB_ROW), declared_size=10_000)
    started = time.perf_counter()
    with pytest.raises(ImportFailed, match="geen leesbare Excel-werkmap"):
        import_tips(collection, io.BytesIO(liar), "tips.xlsx")
    assert time.perf_counter() - started < 1.0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "message"),
    [
        (wide_row_sheet, "Rij 2: Deze rij heeft tekst in kolom CW; een tipsbestand heeft hooguit 100 kolommen."),
        (many_rows_sheet, "Het bestand heeft meer dan 2000 rijen. Splits het op in kleinere bestanden."),
    ],
    ids=["a-million-cells-in-one-row", "70000-rows"],
)
def test_big_worksheets_within_the_zip_limits_are_refused_quickly(collection, build, message):
    data = build()
    assert len(data) < 5 * MB
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(data), "tips.xlsx")
    assert str(failure.value) == message
    assert time.perf_counter() - started < 1.5


CSV_HUGE_FIELD = "titel;tekst\nEen tip;" + "x" * (4 * MB) + "\n"
CSV_LONG_CELL = "titel;tekst\nEen tip;" + "woord " * 2000 + "\n"
CSV_SEPARATORS = "titel;tekst\nEen tip;" + "ab;" * (4 * MB // 3) + "\n"
CSV_ROWS = "titel;tekst\n" + "Tip;Tekst\n" * 400_000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (CSV_HUGE_FIELD, "Rij 2: Een cel is langer dan 10.000 tekens."),
        (CSV_LONG_CELL, "Rij 2, kolom 'tekst': De cel is langer dan 10.000 tekens."),
        (CSV_SEPARATORS, "Rij 2: Deze rij heeft meer dan 100 cellen. Is het scheidingsteken goed (; of ,)?"),
        (CSV_ROWS, "Het bestand heeft meer dan 2000 rijen. Splits het op in kleinere bestanden."),
    ],
    ids=["4-mb-field", "12000-character-cell", "a-million-cells", "400000-rows"],
)
def test_csv_bombs_are_refused_quickly(collection, content, message):
    data = content.encode()
    assert len(data) < 5 * MB
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as failure:
        import_tips(collection, io.BytesIO(data), "tips.csv")
    assert str(failure.value) == message
    assert time.perf_counter() - started < 1.0


MEASURE = """
import json, os, resource, sys, time, tracemalloc

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
import django

django.setup()
from django.utils import translation

from tips.importing import ImportFailed, read_rows

translation.activate("nl")
# Never let a regression take the machine down: at most 1.5 GB more address space than now.
with open("/proc/self/status") as status:
    size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
resource.setrlimit(resource.RLIMIT_AS, (size + 1536 * 2**20, resource.RLIM_INFINITY))
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def read(path):
    try:
        read_rows(path, path)
    except ImportFailed as failure:
        return str(failure)
    except MemoryError:
        return "MemoryError"
    return "read"


results = {}
for path in sys.argv[1:]:
    started = time.perf_counter()
    outcome = read(path)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    results[os.path.basename(path)] = {"outcome": outcome, "seconds": seconds, "peak": peak}
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - baseline
print(json.dumps({"files": results, "rss_growth": grown}))
"""


def test_reading_hostile_files_keeps_memory_bounded(tmp_path, bomb):
    """In a separate process, so its peak memory is measured alone (tracemalloc and the peak RSS)."""
    files = {
        "bomb.xlsx": bomb,
        "wide.xlsx": wide_row_sheet(),
        "rows.xlsx": many_rows_sheet(),
        "field.csv": CSV_HUGE_FIELD.encode(),
        "separators.csv": CSV_SEPARATORS.encode(),
        "rows.csv": CSV_ROWS.encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    process = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", MEASURE, *(str(tmp_path / name) for name in files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    measured = json.loads(process.stdout.strip().splitlines()[-1])
    for name, result in measured["files"].items():
        assert result["outcome"] not in ("read", "MemoryError"), (name, result)
        assert result["seconds"] < 1.5, (name, result)
        assert result["peak"] < 100 * MB, (name, result)
    assert measured["rss_growth"] < 200 * MB, measured
