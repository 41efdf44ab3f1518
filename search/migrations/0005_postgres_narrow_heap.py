"""PostgreSQL: keep the documents table's heap narrow.

Facet counts read the ids of every matched document through a bitmap heap scan, which visits every heap
page holding a match. With the default TOAST threshold each row kept about 1 KB inline (summary,
compressed text, tsvector parts): 100,000 documents filled 13,000 pages (103 MB). With ``toast_tuple_target``
at its minimum the large values move to the TOAST table and the heap shrinks to about a quarter, which
halves the time a common word takes. The short columns that facet counts and results read stay inline
(storage PLAIN): at that target even a 31-byte type key would otherwise move out of line, and grouping
100,000 rows by it took 600 ms instead of 20. ``VACUUM FULL`` rewrites the rows already there (it needs a
migration outside a transaction, and holds an exclusive lock on this table while it runs: seconds for
100,000 documents).
"""

from django.db import migrations

INLINE_COLUMNS = ("object_id", "type_key", "province", "theme_ids", "audience_ids")


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)")
        for column in INLINE_COLUMNS:
            schema_editor.execute(f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET STORAGE PLAIN")
        schema_editor.execute("VACUUM FULL search_searchdocument")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchdocument RESET (toast_tuple_target)")
        for column in INLINE_COLUMNS:
            schema_editor.execute(f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0004_index_state")]

    operations = [migrations.RunPython(narrow, widen)]
