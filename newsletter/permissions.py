"""After every migrate: Wagtail's Editors and Moderators groups may compose, preview, test and send issues."""

from django.contrib.auth.models import Group

from core.permissions import access_admin_permission, get_or_create_permission

GROUPS = ("Editors", "Moderators")
CODENAMES = {
    "view_issue": "Can view newsletter issue",
    "add_issue": "Can add newsletter issue",
    "change_issue": "Can change newsletter issue",
    "delete_issue": "Can delete newsletter issue",
    "send_issue": "Can send newsletter issues to the subscribers",
}


def grant_editors(sender=None, **kwargs):
    groups = list(Group.objects.filter(name__in=GROUPS))
    if not groups:
        return
    permissions = [get_or_create_permission("newsletter", "issue", code, name) for code, name in CODENAMES.items()]
    for group in groups:
        group.permissions.add(access_admin_permission(), *permissions)
