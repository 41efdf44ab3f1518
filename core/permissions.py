"""Permission lookups the sections share when they set up their groups after migrate, and the admin's policy for
records that only the application writes.

Each lookup creates the permission when the app's own post_migrate handler has not made it yet (the order of the
apps' handlers is not fixed), so a section can grant it right away.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Editors look at (and delete) records that the application writes (mails in the outbox, requests sent from a
    public form), never add or change them, whatever their model permissions say."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "lock", "unlock"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


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


def grant_to_groups(group_names, permissions):
    """Give each existing group in ``group_names`` the admin and the ``(app_label, model, codename)`` permissions.

    For apps that grant their own models to the groups another app creates (by name, without importing it), from
    a ``post_migrate`` handler that runs after every migrate. Groups that do not exist are left alone.
    """
    from django.contrib.auth.models import Group

    groups = list(Group.objects.filter(name__in=group_names))
    if not groups:
        return
    granted = [
        get_or_create_permission(app_label, model, codename, f"Can {codename.split('_')[0]} {model}")
        for app_label, model, codename in permissions
    ]
    for group in groups:
        group.permissions.add(access_admin_permission(), *granted)
