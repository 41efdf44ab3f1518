"""Facet values in one JSON column, so that a new facet (search/facets.py) needs no column and no migration.

``facet_values`` holds every facet's values by facet name; it replaces the columns ``year``, ``province``,
``theme_ids`` and ``audience_ids``. The rows already indexed are converted on the way (the index tokens in
``facet_terms`` stay as they are), so facets work right after the migration; ``update_index`` then adds the
values of the new facets (municipalities, and the provinces of content linked to municipalities).

Raw SQL instead of AddField/RemoveField: on SQLite those rebuild the table, which drops the FTS5 triggers of 0002
and the state triggers of 0004 (see 0003). The covering index of 0002 is made again over the new column.
"""

import json

from django.db import migrations, models

OLD_COLUMNS = ("year", "province", "theme_ids", "audience_ids")

SQLITE_FORWARD_BEFORE = [
    "DROP INDEX IF EXISTS search_document_facets",
    """ALTER TABLE search_searchdocument ADD COLUMN facet_values text NOT NULL DEFAULT '{}'
        CHECK ((JSON_VALID("facet_values") OR "facet_values" IS NULL))""",
]
SQLITE_FORWARD_AFTER = [
    *(f"ALTER TABLE search_searchdocument DROP COLUMN {column}" for column in OLD_COLUMNS),
    # Facet index builds read id and facet_values of every document without touching the large rows.
    "CREATE INDEX search_document_facets ON search_searchdocument (id, date, facet_values)",
]
SQLITE_BACKWARD_BEFORE = [
    "DROP INDEX IF EXISTS search_document_facets",
    "ALTER TABLE search_searchdocument ADD COLUMN year smallint unsigned NULL CHECK (year >= 0)",
    "ALTER TABLE search_searchdocument ADD COLUMN province varchar(100) NOT NULL DEFAULT ''",
    "ALTER TABLE search_searchdocument ADD COLUMN theme_ids varchar(500) NOT NULL DEFAULT ''",
    "ALTER TABLE search_searchdocument ADD COLUMN audience_ids varchar(500) NOT NULL DEFAULT ''",
]
SQLITE_BACKWARD_AFTER = [
    "ALTER TABLE search_searchdocument DROP COLUMN facet_values",
    """CREATE INDEX search_document_facets ON search_searchdocument
        (id, type_key, year, province, theme_ids, audience_ids, date)""",
]
POSTGRES_FORWARD_BEFORE = [
    "ALTER TABLE search_searchdocument ADD COLUMN facet_values jsonb NOT NULL DEFAULT '{}'::jsonb",
    "ALTER TABLE search_searchdocument ALTER COLUMN facet_values DROP DEFAULT",
    # Facet index builds read this column of every row: keep it in the row (compressed if need be), not in TOAST.
    "ALTER TABLE search_searchdocument ALTER COLUMN facet_values SET STORAGE MAIN",
]
POSTGRES_FORWARD_AFTER = [f"ALTER TABLE search_searchdocument DROP COLUMN {column}" for column in OLD_COLUMNS]
POSTGRES_BACKWARD_BEFORE = [
    "ALTER TABLE search_searchdocument ADD COLUMN year smallint NULL CHECK (year >= 0)",
    "ALTER TABLE search_searchdocument ADD COLUMN province varchar(100) NOT NULL DEFAULT ''",
    "ALTER TABLE search_searchdocument ADD COLUMN theme_ids varchar(500) NOT NULL DEFAULT ''",
    "ALTER TABLE search_searchdocument ADD COLUMN audience_ids varchar(500) NOT NULL DEFAULT ''",
    *(
        f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET STORAGE PLAIN"
        for column in ("province", "theme_ids", "audience_ids")
    ),
]
POSTGRES_BACKWARD_AFTER = ["ALTER TABLE search_searchdocument DROP COLUMN facet_values"]
BATCH = 1000


def _wrapped_ids(raw):
    return [item for item in (raw or "").split(",") if item]


def facet_values_of(type_key, year, province, theme_ids, audience_ids):
    """The facet values of a row in the old columns."""
    values = {"type": [type_key]} if type_key else {}
    for name, found in (
        ("theme", _wrapped_ids(theme_ids)),
        ("audience", _wrapped_ids(audience_ids)),
        ("province", [province] if province else []),
        ("year", [str(year)] if year else []),
    ):
        if found:
            values[name] = found
    return values


def _update_in_batches(cursor, select, update, convert):
    cursor.execute(select)
    rows = cursor.fetchall()
    for start in range(0, len(rows), BATCH):
        cursor.executemany(update, [convert(row) for row in rows[start : start + BATCH]])


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    before, after = {
        "sqlite": (SQLITE_FORWARD_BEFORE, SQLITE_FORWARD_AFTER),
        "postgresql": (POSTGRES_FORWARD_BEFORE, POSTGRES_FORWARD_AFTER),
    }[vendor]
    _execute(schema_editor, before)
    with schema_editor.connection.cursor() as cursor:
        _update_in_batches(
            cursor,
            "SELECT id, type_key, year, province, theme_ids, audience_ids FROM search_searchdocument",
            "UPDATE search_searchdocument SET facet_values = %s WHERE id = %s",
            lambda row: (json.dumps(facet_values_of(*row[1:])), row[0]),
        )
    _execute(schema_editor, after)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    before, after = {
        "sqlite": (SQLITE_BACKWARD_BEFORE, SQLITE_BACKWARD_AFTER),
        "postgresql": (POSTGRES_BACKWARD_BEFORE, POSTGRES_BACKWARD_AFTER),
    }[vendor]
    _execute(schema_editor, before)

    def old_columns(row):
        pk, values = row
        values = json.loads(values) if isinstance(values, str) else values or {}
        years = values.get("year") or []
        wrap = lambda ids: f",{','.join(ids)}," if ids else ""  # noqa: E731
        return (
            int(years[0]) if years else None,
            (values.get("province") or [""])[0][:100],
            wrap(values.get("theme") or [])[:500],
            wrap(values.get("audience") or [])[:500],
            pk,
        )

    with schema_editor.connection.cursor() as cursor:
        _update_in_batches(
            cursor,
            "SELECT id, facet_values FROM search_searchdocument",
            "UPDATE search_searchdocument SET year = %s, province = %s, theme_ids = %s, audience_ids = %s "
            "WHERE id = %s",
            old_columns,
        )
    _execute(schema_editor, after)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_postgres_indexes_the_same_terms")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forward, backward)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="facet_values",
                    field=models.JSONField(blank=True, default=dict),
                ),
                *(migrations.RemoveField(model_name="searchdocument", name=column) for column in OLD_COLUMNS),
            ],
        )
    ]
