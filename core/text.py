"""Clean text that comes from outside (query strings, form fields, spreadsheet cells) before it reaches the database.

PostgreSQL refuses a NUL character in any text value (the driver raises, the request would end in a 500), and no
other control character or lone surrogate belongs in a search query, a name or a tip either.
"""

import re

# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; lone UTF-16 surrogates
# (only reachable from Python, e.g. a JSON body with "\ud800" or bytes decoded with surrogateescape).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value):
    """`value` as a string without control characters (tab and line breaks are kept) and lone surrogates."""
    if value is None:
        return ""
    return CONTROL_CHARACTERS.sub("", str(value))


def has_control_characters(value):
    """True when `value` holds a character that clean_text() removes."""
    return bool(CONTROL_CHARACTERS.search(str(value or "")))


def is_plain_number(value, max_digits=18):
    """True when `value` is 1 to `max_digits` ASCII digits: what ``int()`` reads and a 64-bit database column holds.

    ``str.isdigit()`` alone also accepts superscripts and other digits ("¹", "²") that ``int()`` refuses, and
    an id longer than 18 digits would not fit the column.
    """
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= max_digits
