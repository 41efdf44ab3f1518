"""The outbox moves to the shared ``events`` app: copy every mail (same ids) and every link, then drop the old table.

Create, copy, delete (rather than renaming tables) keeps ``events`` free of any dependency on this app: its
own migration creates its table on any site. The links between mails and registrations move to the
registration side (``Registration.emails``). The content type of the outgoing emails moves too, so group
permissions (and admin log entries) stay attached. Works both ways, on SQLite and PostgreSQL.
"""

from django.core.management.color import no_style
from django.db import migrations, models

OLD_KINDS = ["confirmation", "waitlist", "promotion", "reminder", "cancelled", "session_cancelled"]
BATCH = 1000


def _copy_rows(source_queryset, target_model, db):
    fields = [field.attname for field in target_model._meta.concrete_fields]
    batch = []
    for row in source_queryset.order_by("pk").values(*fields).iterator(chunk_size=BATCH):
        batch.append(target_model(**row))
        if len(batch) == BATCH:
            target_model.objects.using(db).bulk_create(batch)
            batch = []
    target_model.objects.using(db).bulk_create(batch)


def _reset_sequences(schema_editor, models_):
    """After inserting explicit ids, new rows must not reuse them (PostgreSQL sequences; no-op on SQLite)."""
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), models_):
        schema_editor.execute(sql)


def _move_content_type(apps, db, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.using(db).filter(app_label=from_app, model="outboxemail").first()
    if old is None:
        return
    new = ContentType.objects.using(db).filter(app_label=to_app, model="outboxemail").first()
    if new is None:
        old.app_label = to_app
        old.save(update_fields=["app_label"])
        return
    # Both exist (the new one was made by an earlier migrate): carry the permissions over, by codename.
    for permission in Permission.objects.using(db).filter(content_type=old):
        target, _created = Permission.objects.using(db).get_or_create(
            content_type=new, codename=permission.codename, defaults={"name": permission.name}
        )
        target.group_set.add(*permission.group_set.all())
        target.user_set.add(*permission.user_set.all())
    old.delete()


def _link_models(old_outbox, registration):
    """The old and the new link table. Through _meta: in this state the old field's reverse accessor
    (related_name="emails") shadows the new ``Registration.emails`` attribute."""
    old_link = old_outbox._meta.get_field("registrations").remote_field.through
    new_link = registration._meta.get_field("emails").remote_field.through
    assert old_link._meta.db_table != new_link._meta.db_table
    return old_link, new_link


def forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("knowledgeboost", "OutboxEmail")
    New = apps.get_model("events", "OutboxEmail")
    Registration = apps.get_model("knowledgeboost", "Registration")
    OldLink, NewLink = _link_models(Old, Registration)

    _copy_rows(Old.objects.using(db).all(), New, db)
    links = OldLink.objects.using(db).order_by("pk").values_list("outboxemail_id", "registration_id")
    batch = []
    for email_id, registration_id in links.iterator(chunk_size=BATCH):
        batch.append(NewLink(outboxemail_id=email_id, registration_id=registration_id))
        if len(batch) == BATCH:
            NewLink.objects.using(db).bulk_create(batch)
            batch = []
    NewLink.objects.using(db).bulk_create(batch)
    _reset_sequences(schema_editor, [New, NewLink])
    _move_content_type(apps, db, "knowledgeboost", "events")


def backward(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("knowledgeboost", "OutboxEmail")
    New = apps.get_model("events", "OutboxEmail")
    Registration = apps.get_model("knowledgeboost", "Registration")
    OldLink, NewLink = _link_models(Old, Registration)

    # The mails of the registration flow go back; mails of other sections stay in events.
    moved = New.objects.using(db).filter(kind__in=OLD_KINDS)
    _copy_rows(moved, Old, db)
    links = NewLink.objects.using(db).order_by("pk").values_list("outboxemail_id", "registration_id")
    OldLink.objects.using(db).bulk_create(
        [OldLink(outboxemail_id=email_id, registration_id=registration_id) for email_id, registration_id in links],
        batch_size=BATCH,
    )
    _reset_sequences(schema_editor, [Old, OldLink])
    NewLink.objects.using(db).all().delete()
    moved.delete()
    _move_content_type(apps, db, "events", "knowledgeboost")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0001_outbox"),
        ("knowledgeboost", "0002_remove_cancellation_notified_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="emails",
            field=models.ManyToManyField(
                blank=True, related_name="%(app_label)s_%(class)s", to="events.outboxemail", verbose_name="emails"
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="location",
            field=models.CharField(
                blank=True,
                help_text="Address or venue for events on location or hybrid events. Shown on the site.",
                max_length=255,
                verbose_name="location",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
