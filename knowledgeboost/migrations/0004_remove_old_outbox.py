"""The old outbox table and its link table go, now that events holds every mail (see 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("knowledgeboost", "0003_outbox_moves_to_events"),
    ]

    operations = [
        migrations.DeleteModel(name="OutboxEmail"),
    ]
