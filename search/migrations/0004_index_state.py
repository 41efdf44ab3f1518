"""IndexState: one row the database itself updates on every change to search_searchdocument.

The search engine keys its caches (results, facet bitsets) on this row. Triggers rather than application
code keep it current, so bulk inserts, raw SQL and cascading deletes count too. The triggers upsert the
row, so they also work after a test run's flush emptied the table.
"""

from django.db import migrations, models

SQLITE_UPSERT = (
    "INSERT INTO search_indexstate (id, changes, token) VALUES (1, 1, random()) "
    "ON CONFLICT (id) DO UPDATE SET changes = changes + 1, token = random();"
)
SQLITE_FORWARD = [
    f"CREATE TRIGGER search_state_{name} AFTER {event} ON search_searchdocument BEGIN {SQLITE_UPSERT} END"
    for name, event in (("ai", "INSERT"), ("au", "UPDATE"), ("ad", "DELETE"))
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS search_state_{name}" for name in ("ai", "au", "ad")]
POSTGRES_FORWARD = [
    """CREATE FUNCTION search_bump_index_state() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO search_indexstate (id, changes, token)
        VALUES (1, 1, floor(random() * 9e18)::bigint)
        ON CONFLICT (id) DO UPDATE
        SET changes = search_indexstate.changes + 1, token = floor(random() * 9e18)::bigint;
        RETURN NULL;
    END
    $$""",
    # Statement-level: one update per INSERT/UPDATE/DELETE statement, not per row of a bulk insert.
    """CREATE TRIGGER search_state AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_searchdocument
    FOR EACH STATEMENT EXECUTE FUNCTION search_bump_index_state()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_state ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_bump_index_state()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_indexed_at")]

    operations = [
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("changes", models.BigIntegerField(default=0)),
                ("token", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "search index state", "verbose_name_plural": "search index states"},
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
