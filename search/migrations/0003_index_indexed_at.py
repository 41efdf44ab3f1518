"""Index indexed_at (the search cache key reads its maximum).

A plain CREATE INDEX: an AlterField would make SQLite rebuild the table and drop the FTS5 triggers and
the covering index of 0002.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "CREATE INDEX search_searchdocument_indexed_at ON search_searchdocument (indexed_at)",
                    "DROP INDEX search_searchdocument_indexed_at",
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="searchdocument",
                    name="indexed_at",
                    field=models.DateTimeField(auto_now=True, db_index=True),
                )
            ],
        )
    ]
