"""The group "Moderatoren": site-wide moderators (every forum and the reactions on content), with the Wagtail
admin (where the moderation queue is) and reading reports and the moderation log.

community.moderation.ensure_moderators_group() makes the same again after every migrate (a test flush empties it).
"""

from django.db import migrations

GROUP_NAME = "Moderatoren"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("community", "report", "view_report", "Can view report"),
    ("community", "moderationaction", "view_moderationaction", "Can view moderation action"),
]


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_notifications_follow_email_settings"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
