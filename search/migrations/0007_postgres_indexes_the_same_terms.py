"""PostgreSQL indexes the analysed terms as they are, like SQLite: the ``simple`` configuration, not ``dutch``.

Until now PostgreSQL stored folded words and let its ``dutch`` configuration stem them, while SQLite stored the
stems of ``search.dutch``. The two stemmers differ (plurals in -ies, consonant changes, stop words that are
also stems), so the same query found different documents on each. Now both store the same terms and
PostgreSQL neither stems them again nor drops any.

The generated column has to be dropped and added again (PostgreSQL 15 cannot change its expression). The rows
already indexed are converted on the way, so searching works right after the migration; ``update_index``
(or ``rebuild_search_documents``) then re-analyses every document with the current compound list.
"""

from django.db import migrations

from search import dutch

VECTOR = """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{config}'::regconfig, title_terms), 'A')
    || setweight(to_tsvector('{config}'::regconfig, body_terms), 'D')
    || setweight(to_tsvector('simple'::regconfig, facet_terms), 'D')
) STORED"""
DROP = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
CREATE_INDEX = "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)"


def _convert(apps, convert):
    SearchDocument = apps.get_model("search", "SearchDocument")
    batch = []
    for document in SearchDocument.objects.only("id", "title_terms", "body_terms").iterator(chunk_size=1000):
        document.title_terms = " ".join(convert(term) for term in document.title_terms.split())
        document.body_terms = " ".join(convert(term) for term in document.body_terms.split())
        batch.append(document)
        if len(batch) == 1000:
            SearchDocument.objects.bulk_update(batch, ["title_terms", "body_terms"])
            batch = []
    if batch:
        SearchDocument.objects.bulk_update(batch, ["title_terms", "body_terms"])


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)
        _convert(apps, dutch.stem)  # folded words → the stems SQLite stores
        schema_editor.execute(VECTOR.format(config="simple"))
        schema_editor.execute(CREATE_INDEX)
    else:
        _convert(apps, dutch.singular_consonant)  # stems already; brieven's "briev" is now "brief"


def backward(apps, schema_editor):
    # The terms stay stems: run update_index after going back to have folded words again.
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)
        schema_editor.execute(VECTOR.format(config="dutch"))
        schema_editor.execute(CREATE_INDEX)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_popular_search_visitors_and_block_list")]

    operations = [migrations.RunPython(forward, backward)]
