"""Full-text indexes for SearchDocument, per database.

SQLite: an external-content FTS5 table over the analysed columns, kept in sync by triggers.
PostgreSQL: a generated tsvector column (``dutch`` configuration; facet tokens with ``simple``) and a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms, facet_terms,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER search_document_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms, facet_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.facet_terms);
    END""",
    """CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, facet_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.facet_terms);
    END""",
    """CREATE TRIGGER search_document_au AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms, facet_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms, old.facet_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms, facet_terms)
        VALUES (new.id, new.title_terms, new.body_terms, new.facet_terms);
    END""",
    # Ranking: title matches weigh ten times body matches; facet tokens do not count.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
    # Covering index: facet counts and date sorting read these columns for many matches without touching
    # the (large) document rows.
    """CREATE INDEX search_document_facets ON search_searchdocument
        (id, type_key, year, province, theme_ids, audience_ids, date)""",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_facets",
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('dutch'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('dutch'::regconfig, body_terms), 'D')
        || setweight(to_tsvector('simple'::regconfig, facet_terms), 'D')
    ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_documents_and_query_logs")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
