"""Import tips from a spreadsheet (.xlsx or .csv) into a tip collection.

Used by ``manage.py import_tips``, the admin upload view and the demo content. All or nothing: the file is
read and every row checked first; only when there are no errors are the tips written, in one transaction,
as a new revision of the collection (published when the collection is live, otherwise a draft).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.indexing import bulk_changes
from core.models import Audience, Theme
from tips.models import Tip
from tips.models.pages import unique_slug
from tips.spreadsheet import (  # noqa: F401 - MAX_ROWS is part of this module's interface
    MAX_CELL_LENGTH,
    MAX_ROWS,
    SpreadsheetError,
    column_name,
    read_csv,
    read_xlsx,
)

MAX_FILE_SIZE = 5 * 1024 * 1024
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
    row: int | None  # None: the problem is the file, not one row
    column: str
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column:
            return _("Row %(row)s, column '%(column)s': %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class ImportFailed(Exception):
    """Nothing was imported. `errors` lists every problem found (file errors have no row)."""

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
    return ImportFailed([RowError(row=None, column="", message=message)])


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


def read_rows(file, filename):
    """The rows of a spreadsheet (a tips.spreadsheet.Sheet), read with bounded time and memory."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise _file_error(_("Upload an .xlsx or .csv file."))
    data = read_upload(file, filename)
    try:
        return read_xlsx(data) if suffix == ".xlsx" else read_csv(data)
    except SpreadsheetError as error:
        raise ImportFailed([RowError(row=error.row, column="", message=error.message)]) from error


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


def _formula_error(sheet):
    named = ", ".join(sheet.formulas_without_value)
    if sheet.formulas_without_value_count > len(sheet.formulas_without_value):
        more = sheet.formulas_without_value_count - len(sheet.formulas_without_value)
        named += " " + _("and %(count)s more") % {"count": more}
    return _file_error(
        _(
            "Cells %(cells)s hold a formula without a calculated value, so their text is unknown. Open the file in "
            "a spreadsheet program (Excel, LibreOffice) and save it again, or copy the cells and paste them as "
            "values."
        )
        % {"cells": named}
    )


def _surplus_cell(row, header_length):
    """Reference of the first cell with content right of the last column name, or ''."""
    for index in range(header_length, len(row.cells)):
        if row.cells[index].strip():
            return f"{column_name(index)}{row.number}"
    return ""


def parse(sheet):
    """Check every row; return (tips, ignored columns) or raise ImportFailed with every error found."""
    if sheet.formulas_without_value:
        raise _formula_error(sheet)
    if not sheet.rows:
        raise _file_error(_("The file is empty."))
    header_row, rows = sheet.rows[0], sheet.rows[1:]
    header = list(header_row.cells)
    while header and not header[-1].strip():
        header.pop()
    mapping, ignored = map_header(header)
    errors = [
        RowError(
            header_row.number,
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
    for row in rows:
        number = row.number

        def cell(column, row=row):
            index = mapping.get(column, (None,))[0]
            return row.cells[index].strip() if index is not None and index < len(row.cells) else ""

        if not any(value.strip() for value in row.cells):
            continue  # blank line
        surplus = _surplus_cell(row, len(header))
        if surplus:
            errors.append(
                RowError(
                    number,
                    "",
                    _(
                        "This row has more cells than there are column names: cell %(cell)s has no column name. "
                        "Add a column name, or in a CSV file put text that contains the separator (; or ,) between "
                        "double quotes."
                    )
                    % {"cell": surplus},
                )
            )
            continue  # the other cells of this row are probably in the wrong columns
        too_long = [column for column in mapping if len(cell(column)) > MAX_CELL_LENGTH]
        for column in too_long:
            errors.append(
                RowError(
                    number,
                    mapping[column][1],
                    _("The cell is longer than %(max)s characters.")
                    % {"max": number_format(MAX_CELL_LENGTH, force_grouping=True)},
                )
            )
        if too_long:
            continue
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

    # The search index work of all tips is queued as one task after the commit, not one per tip.
    with bulk_changes(), transaction.atomic():
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
