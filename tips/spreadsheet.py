"""Read the rows of an uploaded .csv or .xlsx file with bounded time and memory.

An .xlsx file is a zip of XML files. A small upload can unpack to gigabytes (a "zip bomb"), so the zip's
directory is checked first (number of parts, unpacked sizes, compression ratio) and nothing is unpacked when it
fails. Then the first worksheet is read as a stream with expat: at most MAX_ROWS rows with content, MAX_COLUMNS
cells per row and MAX_CELL_LENGTH characters per cell are kept, and of the shared strings only those the kept
rows use. A DTD (entity declarations) is refused: spreadsheet XML never has one.

Cells are cleaned of control characters (core.text.clean_text) and read as text.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from xml.parsers import expat

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.text import clean_text, is_plain_number

MAX_ROWS = 2000  # rows with content, the header not counted
MAX_COLUMNS = 100  # cells per row; a row with content further right is refused
MAX_CELL_LENGTH = 10_000  # characters; longer cells are reported
# The zip of an .xlsx, checked from its directory before anything is unpacked.
MAX_XLSX_PARTS = 200
MAX_XLSX_UNPACKED = 50 * 2**20  # all parts together
MAX_XLSX_PART = 20 * 2**20  # each part that is read (workbook, relationships, worksheet, shared strings)
MAX_COMPRESSION_RATIO = 100  # for parts larger than 1 MB unpacked; spreadsheet XML packs about 5 to 20 times
MAX_XML_ELEMENTS = 500_000  # per part read: cells, empty ones with formatting included, rows, text runs
CHUNK = 64 * 1024
MAX_CELLS_NAMED = 10  # in a message

MAIN_RELATIONSHIP = "officeDocument"
ESCAPED_CHARACTER = re.compile("_x([0-9A-Fa-f]{4})_")


class SpreadsheetError(Exception):
    """The file cannot be read; `message` says why, for the person who uploaded it."""

    def __init__(self, message, row=None):
        self.message = message
        self.row = row
        super().__init__(message)


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it (1 is the first row)
    cells: list  # strings, at most MAX_COLUMNS


@dataclass
class Sheet:
    rows: list = field(default_factory=list)
    formulas_without_value: list = field(default_factory=list)  # the first few cell references, e.g. "B3"
    formulas_without_value_count: int = 0


def _too_many_rows():
    return SpreadsheetError(_("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS})


def _too_many_cells(row):
    return SpreadsheetError(
        _("This row has more than %(max)s cells. Is the separator right (; or ,)?") % {"max": MAX_COLUMNS}, row=row
    )


# CSV -------------------------------------------------------------------------------------------------------


def detect_delimiter(text):
    """';' (Dutch Excel) or ',': whichever occurs more often in the header line, outside quotes."""
    header = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    return ";" if unquoted.count(";") > unquoted.count(",") else ","


def column_name(index):
    """Spreadsheet column letters of a 0-based index: 0 -> A, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        name = chr(65 + remainder) + name
    return name


def read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpreadsheetError(
            _("The file is not UTF-8 text. In Excel, choose 'Save as' and then 'CSV UTF-8'.")
        ) from exc
    text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    delimiter = detect_delimiter(text)
    # Before the csv module builds a list of every cell of a line: refuse a line with thousands of separators.
    unquoted = re.sub(r'"[^"]*"', "", text)
    for number, line in enumerate(unquoted.split("\n"), start=1):
        if line.count(delimiter) >= MAX_COLUMNS:
            raise _too_many_cells(number)
    del unquoted
    sheet = Sheet()
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):  # noqa: B007 - number is used after the loop
            if len(cells) > MAX_COLUMNS:
                raise _too_many_cells(number)
            sheet.rows.append(Row(number, cells))
            if len(sheet.rows) > MAX_ROWS + 1:
                raise _too_many_rows()
    except csv.Error as exc:
        row = number + 1
        if "field larger than field limit" in str(exc):
            message = _("A cell is longer than %(max)s characters.") % {
                "max": number_format(MAX_CELL_LENGTH, force_grouping=True)
            }
        else:
            message = _(
                "This row cannot be read: check the double quotes (a text between quotes must end with a quote, "
                "and a quote inside it is written twice)."
            )
        raise SpreadsheetError(message, row=row) from exc
    return sheet


# XLSX ------------------------------------------------------------------------------------------------------


class _Stop(Exception):
    """Raised from a parser callback when everything needed has been read."""


def _local(name):
    return name.rsplit(" ", 1)[-1]


def _attribute(attributes, local_name):
    for name, value in attributes.items():
        if _local(name) == local_name:
            return value
    return None


def _unescape(text):
    """OOXML writes characters XML cannot hold as _xHHHH_ (and a literal '_x' as _x005F_x)."""
    return ESCAPED_CHARACTER.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def _unreadable():
    return SpreadsheetError(_("The file is not a readable Excel workbook (.xlsx)."))


def _refuse_dtd(*args):
    raise _unreadable()


def _too_big():
    return SpreadsheetError(
        _(
            "The workbook unpacks to more than %(size)s MB, or to far more than its size suggests. That is not a "
            "normal tips file. Copy the tips into a new, empty workbook, or save them as CSV."
        )
        % {"size": MAX_XLSX_UNPACKED // 2**20}
    )


def _parse(archive, name, handler):
    """Stream the part `name` through expat; `handler` gets start(name, attrs), end(name) and text(data)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    elements = 0

    def start(name, attributes):
        nonlocal elements
        elements += 1
        if elements > MAX_XML_ELEMENTS:
            raise _too_big()
        handler.start(name, attributes)

    parser.StartElementHandler = start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _Stop:
        pass
    except (expat.ExpatError, zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise _unreadable() from exc


class _Relationships:
    """Id -> (type, target) of a .rels part."""

    def __init__(self):
        self.items = {}

    def start(self, name, attributes):
        if _local(name) == "Relationship":
            self.items[attributes.get("Id")] = (attributes.get("Type", ""), attributes.get("Target", ""))

    def end(self, name):
        pass

    def text(self, data):
        pass


class _FirstSheet:
    """The relationship id of the first <sheet> of workbook.xml."""

    def __init__(self):
        self.relationship = None

    def start(self, name, attributes):
        if _local(name) == "sheet":
            self.relationship = _attribute(attributes, "id")
            raise _Stop

    def end(self, name):
        pass

    def text(self, data):
        pass


class _Text:
    """Collects character data up to MAX_CELL_LENGTH + 1 characters (one more, so 'too long' shows)."""

    def __init__(self):
        self.parts, self.length = [], 0

    def add(self, data):
        if self.length <= MAX_CELL_LENGTH:
            self.parts.append(data[: MAX_CELL_LENGTH + 1 - self.length])
            self.length += len(self.parts[-1])

    def value(self):
        return clean_text(_unescape("".join(self.parts)))


def _cell_index(reference, default):
    """0-based column index of a cell reference such as 'AB12'."""
    letters = ""
    for character in reference or "":
        if not character.isalpha():
            break
        letters += character.upper()
    if not letters or len(letters) > 3:
        return default
    index = 0
    for character in letters:
        index = index * 26 + ord(character) - 64
    return index - 1


class _SharedIndex(int):
    """A cell that holds the index of a shared string, resolved once the rows are read."""


class _Worksheet:
    def __init__(self):
        self.sheet = Sheet()
        self.needed = set()
        self.row = None
        self.cell = None
        self.capture = None
        self.phonetic = 0

    def start(self, name, attributes):
        name = _local(name)
        if name == "row":
            previous = self.sheet.rows[-1].number if self.sheet.rows else 0
            number = attributes.get("r", "")
            self.row = Row(int(number) if is_plain_number(number) else previous + 1, [])
            self.next_column = 0
        elif name == "c" and self.row is not None:
            index = _cell_index(attributes.get("r"), self.next_column)
            self.next_column = index + 1
            self.cell = {"index": index, "type": attributes.get("t", "n"), "value": None, "formula": False}
        elif self.cell is not None:
            if name == "rPh":
                self.phonetic += 1
            elif name == "f":
                self.cell["formula"] = True
            elif name == "v" or (name == "t" and self.cell["type"] == "inlineStr" and not self.phonetic):
                self.capture = _Text() if self.cell["value"] is None else self.cell["value"]
                self.cell["value"] = self.capture

    def text(self, data):
        if self.capture is not None:
            self.capture.add(data)

    def end(self, name):
        name = _local(name)
        if name in ("v", "t"):
            self.capture = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "c" and self.cell is not None:
            self._store(self.cell)
            self.cell = None
        elif name == "row" and self.row is not None:
            if any(cell != "" for cell in self.row.cells):
                self.sheet.rows.append(self.row)
                if len(self.sheet.rows) > MAX_ROWS + 1:
                    raise _too_many_rows()
            self.row = None

    def _store(self, cell):
        index, kind, value = cell["index"], cell["type"], cell["value"]
        reference = f"{column_name(index)}{self.row.number}"
        # A formula without a cached result: no <v>, or an empty <v/> that is not an empty text result (t="str").
        if value is None or (cell["formula"] and kind != "str" and value.value() == ""):
            if cell["formula"]:
                self.sheet.formulas_without_value_count += 1
                if len(self.sheet.formulas_without_value) < MAX_CELLS_NAMED:
                    self.sheet.formulas_without_value.append(reference)
            return
        text = value.value()
        if kind == "s":
            if not is_plain_number(text.strip()):
                return
            value = _SharedIndex(int(text))
        elif kind == "b":
            value = "WAAR" if text.strip() == "1" else "ONWAAR"
        elif kind == "n":
            value = _number(text)
        else:  # inlineStr, str (a formula's text result), e (an error such as #N/A), d (a date as text)
            value = text
        if value == "":
            return
        if index >= MAX_COLUMNS:
            raise SpreadsheetError(
                _("This row has text in column %(column)s; a tips file has at most %(max)s columns.")
                % {"column": column_name(index), "max": MAX_COLUMNS},
                row=self.row.number,
            )
        if isinstance(value, _SharedIndex):
            self.needed.add(value)
        self.row.cells.extend([""] * (index + 1 - len(self.row.cells)))
        self.row.cells[index] = value


def _number(text):
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else str(number)


class _SharedStrings:
    """The shared strings whose index is in `needed` (the rest is skipped as it streams by)."""

    def __init__(self, needed):
        self.needed = needed
        self.strings = {}
        self.index = -1
        self.current = None
        self.capture = None
        self.phonetic = 0

    def start(self, name, attributes):
        name = _local(name)
        if name == "si":
            self.index += 1
            self.current = _Text() if self.index in self.needed else None
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.current is not None and not self.phonetic:
            self.capture = self.current

    def text(self, data):
        if self.capture is not None:
            self.capture.add(data)

    def end(self, name):
        name = _local(name)
        if name == "t":
            self.capture = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si":
            if self.current is not None:
                self.strings[self.index] = self.current.value()
                if len(self.strings) == len(self.needed):
                    raise _Stop
            self.current = None


def _part_name(base, target):
    """The zip name of a relationship target, relative to the part `base` (or absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = []
    for part in (PurePosixPath(base).parent / target).parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def check_archive(archive):
    """Refuse a zip that would unpack to far more than a tips workbook, before anything is unpacked."""
    members = archive.infolist()
    if len(members) > MAX_XLSX_PARTS:
        raise SpreadsheetError(
            _(
                "The workbook consists of more than %(max)s parts, far more than a tips file needs. Copy the tips "
                "into a new, empty workbook."
            )
            % {"max": MAX_XLSX_PARTS}
        )
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names:
        raise _unreadable()
    unpacked = 0
    for member in members:
        if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unreadable()  # encrypted, or packed in a way spreadsheet programs do not use
        unpacked += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if unpacked > MAX_XLSX_UNPACKED or (member.file_size > 2**20 and ratio > MAX_COMPRESSION_RATIO):
            raise _too_big()
    return names


def _read_part(archive, names, name, handler):
    if name not in names:
        raise _unreadable()
    if archive.getinfo(name).file_size > MAX_XLSX_PART:
        raise _too_big()
    _parse(archive, name, handler)
    return handler


def _relationships(archive, names, part):
    path = PurePosixPath(part)
    rels = str(path.parent / "_rels" / f"{path.name}.rels")
    if rels not in names:
        return {}
    return _read_part(archive, names, rels, _Relationships()).items


def read_xlsx(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _unreadable() from exc
    with archive:
        names = check_archive(archive)
        package = _read_part(archive, names, "_rels/.rels", _Relationships()).items
        workbook = next(
            (_part_name("", target) for kind, target in package.values() if kind.endswith(f"/{MAIN_RELATIONSHIP}")),
            "xl/workbook.xml",
        )
        first = _read_part(archive, names, workbook, _FirstSheet()).relationship
        relationships = _relationships(archive, names, workbook)
        if first not in relationships:
            raise _unreadable()
        worksheet = _read_part(archive, names, _part_name(workbook, relationships[first][1]), _Worksheet())
        sheet = worksheet.sheet
        if worksheet.needed:
            shared = next((target for kind, target in relationships.values() if kind.endswith("/sharedStrings")), None)
            if shared is None:
                raise _unreadable()
            strings = _read_part(archive, names, _part_name(workbook, shared), _SharedStrings(worksheet.needed)).strings
            for row in sheet.rows:
                row.cells = [strings.get(cell, "") if isinstance(cell, _SharedIndex) else cell for cell in row.cells]
    return sheet
