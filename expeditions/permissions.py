"""Who may do what with expeditions and lessons, built on Wagtail's own page permissions.

* Group **Expeditieleiders**: every leader with a user account. May log in to the admin and use images
  and documents in the collection "Expedities"; nothing else on its own.
* One group per expedition (``ExpeditionAccess``), whose members are exactly the leaders assigned to it.
  It holds Wagtail's *add* and *change* page permissions on that expedition page, and never *publish*:
  leaders add and edit lessons below it and submit them for moderation.
  ``ExpeditionPermissionTester`` keeps the expedition page itself out of their reach.
* Group **Programmateam**: add, change, publish and lock in the whole section, the snippets, and the
  approval task of the workflow *Expeditielessen beoordelen* on the expedition index. As the platform's
  editorial team it also reads the search terms report and keeps the block list of the public popular
  searches (hides a term); so do Wagtail's default groups *Editors* and *Moderators* where they exist.

``ensure_groups`` and ``ensure_workflow`` are idempotent: they run after every migrate, when the expedition
index is created and from the demo content. ``sync_expedition_access`` runs whenever a leader is
assigned to or removed from an expedition, or a leader's user account changes.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    PagePermissionTester,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from core.permissions import access_admin_permission, get_or_create_permission, page_permission

LEADERS_GROUP = "Expeditieleiders"
PROGRAMME_TEAM_GROUP = "Programmateam"
WORKFLOW_NAME = "Expeditielessen beoordelen"
APPROVAL_TASK_NAME = "Goedkeuring door het Programmateam"
COLLECTION_NAME = "Expedities"

LEADER_PAGE_PERMISSIONS = ("add_page", "change_page")
PROGRAMME_TEAM_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# The search report (search.view_querylog) and its block list: the report's "Verberg" action adds to it.
SEARCH_EDITING_PERMISSIONS = (
    ("querylog", "view"),
    ("blockedsearchterm", "view"),
    ("blockedsearchterm", "add"),
    ("blockedsearchterm", "change"),
    ("blockedsearchterm", "delete"),
)
WAGTAIL_EDITORIAL_GROUPS = ("Editors", "Moderators")


def _model_permissions(model_name, actions):
    return [
        get_or_create_permission("expeditions", model_name, f"{action}_{model_name}", f"Can {action} {model_name}")
        for action in actions
    ]


def search_editing_permissions():
    from django.apps import apps

    permissions = []
    for model_name, action in SEARCH_EDITING_PERMISSIONS:
        verbose_name = apps.get_model("search", model_name)._meta.verbose_name_raw
        permissions.append(
            get_or_create_permission("search", model_name, f"{action}_{model_name}", f"Can {action} {verbose_name}")
        )
    return permissions


def ensure_collection():
    root = Collection.get_first_root_node()
    if root is None:
        return None
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def ensure_groups():
    """Create the two groups with their base permissions. Safe to run any number of times."""
    leaders, _created = Group.objects.get_or_create(name=LEADERS_GROUP)
    team, _created = Group.objects.get_or_create(name=PROGRAMME_TEAM_GROUP)
    admin_access = access_admin_permission()
    leaders.permissions.add(admin_access)
    team.permissions.add(
        admin_access,
        *_model_permissions("organisation", ("add", "change", "delete")),
        *_model_permissions("expeditionleader", ("add", "change", "delete")),
    )
    search_editing = search_editing_permissions()
    for group in [team, *Group.objects.filter(name__in=WAGTAIL_EDITORIAL_GROUPS)]:
        group.permissions.add(*search_editing)
    collection = ensure_collection()
    if collection is not None:
        # Image permissions are checked on the model the image permission policy names (wagtailimages.Image).
        auth_meta = policy_registry.get_by_type(get_image_model()).auth_model._meta
        for action in ("add", "choose"):
            codename = get_permission_codename(action, auth_meta)
            perm = get_or_create_permission(auth_meta.app_label, auth_meta.model_name, codename, f"Can {action} image")
            for group in (leaders, team):
                GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=perm)
    return leaders, team


def ensure_workflow(index_page=None):
    """The approval workflow of the section: the Programmateam approves what leaders submit."""
    from expeditions.models import ExpeditionIndexPage

    _leaders, team = ensure_groups()
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(team)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})

    index_page = index_page or ExpeditionIndexPage.objects.first()
    if index_page is not None:
        WorkflowPage.objects.get_or_create(page=index_page.page_ptr, defaults={"workflow": workflow})
        for codename in PROGRAMME_TEAM_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=team, page=index_page.page_ptr, permission=page_permission(codename)
            )
    return workflow


def access_group_name(expedition):
    return f"Expeditie {expedition.pk}: {expedition.title}"[:150]


def sync_expedition_access(expedition_id, *, create=True):
    """Make the expedition's access group hold exactly the user accounts of its leaders."""
    from expeditions.models import ExpeditionAccess, ExpeditionLeader, ExpeditionPage

    access = ExpeditionAccess.objects.select_related("group").filter(expedition_id=expedition_id).first()
    if access is None:
        if not create:
            return None
        expedition = ExpeditionPage.objects.filter(pk=expedition_id).only("pk", "title").first()
        if expedition is None:
            return None
        group, _created = Group.objects.get_or_create(name=access_group_name(expedition))
        access = ExpeditionAccess.objects.create(expedition=expedition, group=group)
        for codename in LEADER_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=expedition_id, permission=page_permission(codename)
            )
    user_ids = list(
        ExpeditionLeader.objects.filter(leaderships__expedition_id=expedition_id, user__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()
    )
    access.group.user_set.set(user_ids)
    return access


def sync_leader_account(leader, previous_user_id=None):
    """A leader's account joins Expeditieleiders and the groups of their expeditions; a replaced one leaves."""
    leaders_group, _team = ensure_groups()
    if previous_user_id and previous_user_id != leader.user_id:
        from expeditions.models import ExpeditionLeader

        if not ExpeditionLeader.objects.filter(user_id=previous_user_id).exclude(pk=leader.pk).exists():
            leaders_group.user_set.remove(previous_user_id)
    if leader.user_id:
        leaders_group.user_set.add(leader.user_id)
    for expedition_id in set(leader.leaderships.values_list("expedition_id", flat=True)):
        sync_expedition_access(expedition_id)


class ExpeditionPermissionTester(PagePermissionTester):
    """Leaders may add lessons below their expedition, but not edit, delete or move the expedition itself.

    The *change* permission of an access group is meant for the lessons below the expedition; on the
    expedition page itself only its *add* permission counts.
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if not user.is_active or user.is_superuser:
            return
        access_group_ids = self.access_group_ids(user)
        self.permissions = {
            perm.permission.codename.rsplit("_", maxsplit=1)[0]
            for perm in self.permission_policy.get_cached_permissions_for_user(user)
            if self.page.path.startswith(perm.page.path)
            and (perm.group_id not in access_group_ids or perm.permission.codename == "add_page")
        }

    @staticmethod
    def access_group_ids(user):
        """The user's groups that are expedition access groups; cached on the user for the request."""
        cached = getattr(user, "_expedition_access_group_ids", None)
        if cached is None:
            from expeditions.models import ExpeditionAccess

            cached = set(ExpeditionAccess.objects.filter(group__user=user).values_list("group_id", flat=True))
            user._expedition_access_group_ids = cached
        return cached
