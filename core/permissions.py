"""Permission lookups the sections share when they set up their groups after migrate.

Each creates the permission when the app's own post_migrate handler has not made it yet (the order of the
apps' handlers is not fixed), so a section can grant it right away.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType


def get_or_create_permission(app_label, model, codename, name):
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name[:255]}
    )
    return permission


def page_permission(codename):
    """A Wagtail page permission such as ``publish_page``."""
    return get_or_create_permission("wagtailcore", "page", codename, f"Can {codename.split('_')[0]} page")


def access_admin_permission():
    return get_or_create_permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
