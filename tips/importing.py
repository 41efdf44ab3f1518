"""Import tips from a spreadsheet (.xlsx or .csv) into a tip collection.

Used by ``manage.py import_tips``, the admin upload view and the demo content. All or nothing: the file is
read and every row checked first; only when there are no errors are the tips written, in one transaction,
as a new revision of the collection (published when the collection is live, otherwise a draft).
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.models import Audience, Theme
from tips.models import Tip
from tips.models.pages import unique_slug

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_TAG_LENGTH = 100

# Canonical column -> accepted headers (compared case-insensitively, surrounding spaces ignored).
COLUMNS = {
    "title": ("titel", "title"),
    "body": ("tekst", "body", "text"),
    "audiences": ("doelgroep", "doelgroepen", "audience", "audiences"),
    "themes": ("thema", "themas", "thema's", "theme", "themes"),
    "tags": ("tags", "tag", "trefwoorden"),
}
REQUIRED = ("title", "body")
VALUE_SEPARATOR = re.compile(r"[;,]")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("Row %(row)s, column '%(column)s': %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportFailed(Exception):
    """Nothing was imported. `errors` lists every problem found (file errors have row 0)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


@dataclass
class ImportResult:
    added: int
    removed: int
    published: bool
    updated: int = 0
    ignored_columns: list = field(default_factory=list)

    def __str__(self):
        if self.updated or self.removed:
            text = _(
                "%(count)s tips imported: %(added)s new, %(updated)s updated; %(removed)s existing tips removed."
            ) % {
                "count": self.added + self.updated,
                "added": self.added,
                "updated": self.updated,
                "removed": self.removed,
            }
        else:
            text = _("%(added)s tips imported.") % {"added": self.added}
        text += " " + (_("The collection has been published.") if self.published else _("Saved as a draft."))
        return text


@dataclass
class ParsedTip:
    row: int
    title: str
    body: str
    themes: list
    audiences: list
    tags: list


# Reading -------------------------------------------------------------------------------------------------


def _file_error(message):
    return ImportFailed([RowError(row=0, column="", message=message)])


def read_upload(file, filename):
    """Bytes of an uploaded file or path, refusing files over the size limit without reading them whole."""
    if isinstance(file, str | Path):
        with open(file, "rb") as handle:
            data = handle.read(MAX_FILE_SIZE + 1)
    else:
        data = file.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise _file_error(
            _("The file is larger than %(size)s MB. Split it into smaller files.") % {"size": MAX_FILE_SIZE // 2**20}
        )
    if not data.strip():
        raise _file_error(_("The file is empty."))
    return data


def detect_delimiter(text):
    """';' (Dutch Excel) or ',': whichever occurs more often in the header line, outside quotes."""
    header = text.split("\n", 1)[0]
    unquoted = re.sub(r'"[^"]*"', "", header)
    return ";" if unquoted.count(";") > unquoted.count(",") else ","


def read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _file_error(_("The file is not UTF-8 text. In Excel, choose 'Save as' and then 'CSV UTF-8'.")) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        reader = csv.reader(io.StringIO(text), delimiter=detect_delimiter(text), strict=True)
        return _limited(list(row) for row in reader)
    except csv.Error as exc:
        raise _file_error(_("The CSV file cannot be read: %(error)s") % {"error": exc}) from exc


def read_xlsx(data):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise _file_error(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = (["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True))
        return _limited(rows)
    finally:
        workbook.close()


def _limited(rows):
    """The rows as a list, refusing more than MAX_ROWS data rows (plus the header)."""
    result = []
    for row in rows:
        result.append(row)
        if len(result) > MAX_ROWS + 1:
            raise _file_error(
                _("The file has more than %(max)s rows. Split it into smaller files.") % {"max": MAX_ROWS}
            )
    return result


def read_rows(file, filename):
    """All rows of a spreadsheet (header first) as lists of strings."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise _file_error(_("Upload an .xlsx or .csv file."))
    data = read_upload(file, filename)
    rows = read_xlsx(data) if suffix == ".xlsx" else read_csv(data)
    return rows


# Checking ------------------------------------------------------------------------------------------------


def map_header(header):
    """{canonical column: (index, header as written)}, and the headers that were not recognised."""
    aliases = {alias: column for column, names in COLUMNS.items() for alias in names}
    mapping, ignored = {}, []
    for index, name in enumerate(header):
        column = aliases.get(name.strip().lower())
        if column is not None and column not in mapping:
            mapping[column] = (index, name.strip())
        elif name.strip():
            ignored.append(name.strip())
    return mapping, ignored


def split_values(cell):
    return [value.strip() for value in VALUE_SEPARATOR.split(cell or "") if value.strip()]


def text_to_html(text):
    """Plain text to paragraphs: blank lines separate paragraphs, single line breaks are kept."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def parse(rows):
    """Check every row; return (tips, ignored columns) or raise ImportFailed with every error found."""
    if not rows:
        raise _file_error(_("The file is empty."))
    mapping, ignored = map_header(rows[0])
    errors = [
        RowError(
            1,
            COLUMNS[column][0],
            _("This column is missing. Accepted names: %(names)s.") % {"names": ", ".join(COLUMNS[column])},
        )
        for column in REQUIRED
        if column not in mapping
    ]
    if errors:
        raise ImportFailed(errors)

    vocabularies = {
        "themes": {term.name.lower(): term for term in Theme.objects.all()},
        "audiences": {term.name.lower(): term for term in Audience.objects.all()},
    }
    title_length = Tip._meta.get_field("title").max_length
    tips = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(column, row=row):
            index = mapping.get(column, (None,))[0]
            return row[index].strip() if index is not None and index < len(row) and row[index] else ""

        if not any(value.strip() for value in row):
            continue  # blank line
        title, body = cell("title"), cell("body")
        if not title:
            errors.append(RowError(number, mapping["title"][1], _("A title is required.")))
        elif len(title) > title_length:
            errors.append(
                RowError(
                    number,
                    mapping["title"][1],
                    _("The title is longer than %(max)s characters.") % {"max": title_length},
                )
            )
        if not body:
            errors.append(RowError(number, mapping["body"][1], _("A text is required.")))

        found = {}
        for column in ("themes", "audiences"):
            found[column] = []
            if column not in mapping:
                continue
            terms = vocabularies[column]
            for name in split_values(cell(column)):
                term = terms.get(name.lower())
                if term is None:
                    allowed = ", ".join(sorted(t.name for t in terms.values()))
                    errors.append(
                        RowError(
                            number,
                            mapping[column][1],
                            _("Unknown value '%(value)s'. Allowed: %(allowed)s.") % {"value": name, "allowed": allowed},
                        )
                    )
                elif term not in found[column]:
                    found[column].append(term)
        tags = split_values(cell("tags"))
        for tag in tags:
            if len(tag) > MAX_TAG_LENGTH:
                errors.append(
                    RowError(number, mapping["tags"][1], _("The tag '%(tag)s…' is too long.") % {"tag": tag[:20]})
                )
        tips.append(ParsedTip(number, title, text_to_html(body), found["themes"], found["audiences"], tags))

    if errors:
        raise ImportFailed(errors)
    if not tips:
        raise _file_error(_("The file has no tips: only a header row."))
    return tips, ignored


# Writing -------------------------------------------------------------------------------------------------


def import_tips(collection, file, filename, *, replace=False, user=None):
    """Import a spreadsheet into `collection` (a TipCollectionPage). Returns an ImportResult or raises ImportFailed."""
    parsed, ignored = parse(read_rows(file, filename))

    with transaction.atomic():
        # Fresh from the database: the caller's instance may be stale (e.g. right after a publish).
        collection = type(collection).objects.select_for_update().get(pk=collection.pk)
        page = collection.get_latest_revision_as_object()
        existing = list(page.tips.all())
        # With replace, a row whose title gives the slug of an existing tip updates that tip, so its permalink
        # and appreciation count survive a re-import; tips missing from the file are removed.
        reusable = {tip.slug: tip for tip in existing if tip.slug} if replace else {}
        kept = [] if replace else existing
        taken = set() if replace else {tip.slug for tip in existing}
        imported, updated = [], 0
        for offset, item in enumerate(parsed):
            slug = unique_slug(item.title, taken)
            taken.add(slug)
            tip = reusable.pop(slug, None)
            if tip is None:
                tip = Tip(slug=slug)
            else:
                updated += 1
            tip.title, tip.body, tip.sort_order = item.title, item.body, len(kept) + offset
            tip.themes.set(item.themes)
            tip.audiences.set(item.audiences)
            tip.tags.set(item.tags)
            imported.append(tip)
        page.tips = [*kept, *imported]

        can_publish = user is None or collection.permissions_for_user(user).can_publish()
        # Never publish someone else's unfinished changes along with the import.
        publish = collection.live and not collection.has_unpublished_changes and can_publish
        revision = page.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)

    return ImportResult(
        added=len(imported) - updated,
        updated=updated,
        removed=len(reusable),
        published=publish,
        ignored_columns=ignored,
    )
