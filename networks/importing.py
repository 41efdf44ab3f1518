"""Import and update municipalities (``core.Municipality``) from a CSV file, keyed by their CBS code.

Used by ``manage.py import_municipalities`` and the demo content. All or nothing: the whole file is read and
every row checked first (bounded: at most MAX_FILE_SIZE bytes and MAX_ROWS rows, so memory stays bounded);
only when no row has an error are the municipalities written, in one transaction. Existing municipalities
keep their slug (it is in URLs) and their logo.

Columns (header names compared case-insensitively, Dutch or English; separator ``,`` or ``;``)::

    cbs_code,naam,provincie,inwoners,website
    GM0193,Zwolle,Overijssel,132000,https://www.zwolle.nl
"""

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.models import Municipality, Province
from core.text import has_control_characters, is_plain_number

MAX_FILE_SIZE = 2 * 1024 * 1024  # about 400 municipalities take 25 kB
MAX_ROWS = 2000
MAX_FIELD_LENGTH = 500
MAX_ERRORS_SHOWN = 50

COLUMNS = {
    "cbs_code": ("cbs_code", "cbs-code", "cbs code", "gemeentecode", "code"),
    "name": ("naam", "name", "gemeente", "gemeentenaam"),
    "province": ("provincie", "province"),
    "inhabitants": ("inwoners", "inhabitants", "inwonertal"),
    "website": ("website", "url"),
}
REQUIRED = ("cbs_code", "name", "province")
PROVINCE_ALIASES = {"fryslan": Province.FRIESLAND, "brabant": Province.NORTH_BRABANT}
CBS_CODE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
FIELDS = ("name", "province", "inhabitants", "website")


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0

    def summary(self):
        return _("Added: %(added)d, updated: %(updated)d, unchanged: %(unchanged)d.") % {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
        }


def row_error(row, message):
    return _("Row %(row)d: %(message)s") % {"row": row, "message": message}


def province_value(text):
    key = slugify(text)
    if key in Province.values:
        return key
    if key in PROVINCE_ALIASES:
        return PROVINCE_ALIASES[key].value
    for value, label in Province.choices:
        if slugify(str(label)) == key:
            return value
    return None


def read_lines(data):
    """Decode the file line by line, so an encoding error or a NUL byte is reported with its line number."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        number = data.count(b"\n", 0, nul) + 1
        raise ImportFailed([row_error(number, _("the line contains a NUL character; is this a text file?"))])
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise ImportFailed(
                [row_error(number, _("the text is not UTF-8. Save the file as 'CSV UTF-8' and try again."))]
            ) from None
    return lines


def header_columns(header):
    columns, unknown = {}, []
    for position, heading in enumerate(header):
        key = heading.strip().lower()
        for column, names in COLUMNS.items():
            if key in names and column not in columns:
                columns[column] = position
                break
        else:
            if key:
                unknown.append(heading.strip())
    missing = [COLUMNS[column][0] for column in REQUIRED if column not in columns]
    if missing:
        raise ImportFailed(
            [
                _("The header row lacks the column(s) %(columns)s. Expected: %(expected)s.")
                % {"columns": ", ".join(missing), "expected": "cbs_code, naam, provincie, inwoners, website"}
            ]
        )
    return columns


def parse_row(number, cells, columns):
    """The values of one row, or a list of error lines."""

    def cell(column):
        position = columns.get(column)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    errors = []
    values = {}
    raw_code = cell("cbs_code")
    match = CBS_CODE.match(raw_code)
    if not match:
        errors.append(
            row_error(
                number, _("'%(value)s' is not a CBS code (GM and four digits, e.g. GM0193).") % {"value": raw_code}
            )
        )
    else:
        values["cbs_code"] = f"GM{int(match.group(1)):04d}"
    name = cell("name")
    if not name:
        errors.append(row_error(number, _("the name is empty.")))
    elif len(name) > 100 or has_control_characters(name):
        errors.append(row_error(number, _("the name is longer than 100 characters or contains control characters.")))
    values["name"] = name
    province = province_value(cell("province"))
    if province is None:
        errors.append(row_error(number, _("'%(value)s' is not a Dutch province.") % {"value": cell("province")}))
    values["province"] = province
    inhabitants = cell("inhabitants").replace(".", "").replace(" ", "").replace("\u00a0", "")
    values["inhabitants"] = None
    if is_plain_number(inhabitants, max_digits=8):
        values["inhabitants"] = int(inhabitants)
    elif inhabitants:
        errors.append(
            row_error(number, _("'%(value)s' is not a number of inhabitants.") % {"value": cell("inhabitants")})
        )
    website = cell("website")
    if website:
        if not website.startswith(("http://", "https://")):
            website = f"https://{website}"
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            errors.append(row_error(number, _("'%(value)s' is not a web address.") % {"value": cell("website")}))
    values["website"] = website
    return values, errors


def parse(data):
    """Every row of the file, checked; raises ImportFailed with all error lines."""
    if len(data) > MAX_FILE_SIZE:
        raise ImportFailed([_("The file is larger than %(size)d kB.") % {"size": MAX_FILE_SIZE // 1024}])
    if not data.strip():
        raise ImportFailed([_("The file is empty.")])
    lines = read_lines(data)
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    rows, errors, seen = [], [], {}
    number = 1  # the line where the current record starts
    try:
        columns = header_columns(next(reader))
        while True:
            number = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                break
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) + len(errors) >= MAX_ROWS:
                raise ImportFailed([_("The file has more than %(max)d rows.") % {"max": MAX_ROWS}])
            if any(len(cell) > MAX_FIELD_LENGTH for cell in cells):
                errors.append(
                    row_error(number, _("a cell is longer than %(max)d characters.") % {"max": MAX_FIELD_LENGTH})
                )
                continue
            values, row_errors = parse_row(number, cells, columns)
            code = values.get("cbs_code")
            if code and code in seen:
                row_errors.append(
                    row_error(
                        number, _("CBS code %(code)s is also on row %(other)d.") % {"code": code, "other": seen[code]}
                    )
                )
            elif code:
                seen[code] = number
            errors.extend(row_errors)
            if not row_errors:
                rows.append(values)
    except csv.Error as error:
        errors.append(row_error(number, _("the line cannot be read as CSV (%(error)s).") % {"error": error}))
    if errors:
        raise ImportFailed(errors)
    return rows


def unique_slug(name, code, taken):
    base = slugify(name)[:90] or code.lower()
    return base if base not in taken else f"{base}-{code.lower()}"


def write(rows):
    result = ImportResult()
    existing = {m.cbs_code: m for m in Municipality.objects.all()}
    taken = set(Municipality.objects.values_list("slug", flat=True))
    with transaction.atomic():
        for values in rows:
            municipality = existing.get(values["cbs_code"])
            if municipality is None:
                slug = unique_slug(values["name"], values["cbs_code"], taken)
                taken.add(slug)
                Municipality.objects.create(slug=slug, **values)
                result.added.append(values["name"])
                continue
            changed = [name for name in FIELDS if getattr(municipality, name) != values[name]]
            if changed:
                for name in changed:
                    setattr(municipality, name, values[name])
                municipality.save(update_fields=changed)
                result.updated.append(values["name"])
            else:
                result.unchanged += 1
    return result


def import_municipalities(source):
    """Import from a path or bytes. Returns an ImportResult; raises ImportFailed without writing anything."""
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_FILE_SIZE:
                raise ImportFailed([_("The file is larger than %(size)d kB.") % {"size": MAX_FILE_SIZE // 1024}])
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_SIZE + 1)
        except OSError as error:
            raise ImportFailed([_("The file cannot be opened: %(error)s") % {"error": error.strerror}]) from None
    return write(parse(data))


DEMO_CSV = Path(__file__).parent / "data" / "gemeenten.csv"
