"""Build .xlsx files for the import tests: ordinary ones with openpyxl, and hostile ones (zip bombs) by hand."""

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>titel</t></is></c><c r="B1" t="inlineStr"><is><t>tekst</t></is></c>'
    b"</row>"
)
SHEET_END = b"</sheetData></worksheet>"
# A row of 100,000 characters of inline text: repeated to 1.5 GB unpacked, it packs into about 2 MB.
BOMB_ROW = b'<row><c t="inlineStr"><is><t>' + b"x" * 100_000 + b"</t></is></c></row>"


def xlsx(rows):
    """An ordinary workbook as openpyxl writes it (strings starting with '=' become formulas without a value)."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_parts(data, parts):
    """The workbook `data` with the zip members in `parts` ({name: bytes}) replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, parts.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _deflated(data, final=True):
    """Raw deflate of `data`; not final: ends with a full flush, so further compressed pieces can follow."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _member(name, compressed, crc, size, offset):
    """Local header + data, and the central directory entry, of one deflated zip member."""
    name = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(compressed), size, len(name), 0)
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(compressed),
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    return local + name + compressed, central + name


def zip_bomb(sheet_row, rows, *, declared_size=None):
    """A valid workbook whose first worksheet is a header row followed by `rows` copies of `sheet_row` (bytes).

    With `declared_size`, the zip directory lies about the worksheet's unpacked size.
    """
    base = zipfile.ZipFile(io.BytesIO(xlsx([["titel", "tekst"]])))
    # The rows in chunks of about 1 MB, each compressed once: the compressed chunk is simply repeated.
    chunk_rows = max(1, (1 << 20) // len(sheet_row))
    chunk, copies = sheet_row * chunk_rows, rows // chunk_rows
    compressed = _deflated(SHEET_START, final=False) + _deflated(chunk, final=False) * copies + _deflated(SHEET_END)
    crc = zlib.crc32(SHEET_START)
    for _ in range(copies):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(SHEET_END, crc)
    size = len(SHEET_START) + len(chunk) * copies + len(SHEET_END)

    out, central = bytearray(), bytearray()
    count = 0
    for info in base.infolist():
        if info.filename == SHEET:
            data, member_crc, member_size = compressed, crc, size
        else:
            raw = base.read(info.filename)
            data, member_crc, member_size = _deflated(raw), zlib.crc32(raw), len(raw)
        if declared_size is not None and info.filename == SHEET:
            member_size = declared_size
        local, entry = _member(info.filename, data, member_crc, member_size, len(out))
        out += local
        central += entry
        count += 1
    end_record = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end_record)


def shared_strings_xlsx(rows):
    """A workbook whose text lives in xl/sharedStrings.xml, as Excel, LibreOffice and Numbers write it.

    A cell given as a list of strings becomes rich text (one run per string); None leaves the cell out."""
    strings, sheet_rows = [], []
    for number, row in enumerate(rows, start=1):
        cells = []
        for index, value in enumerate(row):
            if value is None:
                continue
            runs = value if isinstance(value, list) else None
            if runs:
                item = "".join(f'<r><rPr><b/></rPr><t xml:space="preserve">{run}</t></r>' for run in runs)
                item += "<rPh sb='0' eb='1'><t>ふりがな</t></rPh>"
            else:
                item = f'<t xml:space="preserve">{value}</t>'
            strings.append(f"<si>{item}</si>")
            reference = f"{chr(65 + index)}{number}"
            cells.append(f'<c r="{reference}" t="s" s="1"><v>{len(strings) - 1}</v></c>')
        sheet_rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    shared = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="{main}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{"".join(strings)}</sst>'
    )
    sheet = f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{main}"><sheetData>{"".join(sheet_rows)}'
    sheet += "</sheetData></worksheet>"
    base = xlsx([["titel"]])
    relationships = zipfile.ZipFile(io.BytesIO(base)).read("xl/_rels/workbook.xml.rels").decode()
    relationships = relationships.replace(
        "</Relationships>",
        '<Relationship Id="rIdShared" Target="/xl/sharedStrings.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    data = replace_parts(base, {SHEET: sheet.encode(), "xl/_rels/workbook.xml.rels": relationships.encode()})
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", shared.encode())
    return out.getvalue()
