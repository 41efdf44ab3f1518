"""Who may do what in the inclusion networks, built on Wagtail's own page permissions.

* One group per municipality, **Redactie gemeente <naam> (<CBS-code>)**. It holds Wagtail's *add* and *change*
  page permissions on every page of that municipality (``MunicipalityPage``) and so on its agenda below it,
  never *publish*: municipal editors write and submit for moderation. They may add and choose images and
  documents in their municipality's collection (below "Netwerken").
* Group **Programmateam** (shared with the other sections): add, change, publish, lock and unlock in the
  whole network section; matches (record them, and the report of suggested matches); reading match requests
  and meeting registrations; the municipalities snippet; and the approval task of the workflow
  *Netwerkpagina's beoordelen* on the network index, so every page of a network is published by the team.

Everything here is idempotent: it runs after migrate, when a network index or municipality page is created
and from the demo content.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from core.permissions import access_admin_permission, get_or_create_permission, page_permission

PROGRAMME_TEAM_GROUP = "Programmateam"
WORKFLOW_NAME = "Netwerkpagina's beoordelen"
APPROVAL_TASK_NAME = "Goedkeuring door het Programmateam"
COLLECTION_NAME = "Netwerken"
MUNICIPAL_PAGE_PERMISSIONS = ("add_page", "change_page")
PROGRAMME_TEAM_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Model permissions of the project team: it records matches (and sees the suggested matches report), reads the
# match requests and the meeting registrations, and keeps the list of municipalities.
PROGRAMME_TEAM_MODEL_PERMISSIONS = (
    ("networks", "match", ("add", "change", "view")),
    ("networks", "matchrequest", ("view",)),
    ("networks", "networkmeetingregistration", ("view",)),
    ("core", "municipality", ("add", "change", "view")),
)


def programme_team():
    team, _created = Group.objects.get_or_create(name=PROGRAMME_TEAM_GROUP)
    team.permissions.add(access_admin_permission())
    for app_label, model, actions in PROGRAMME_TEAM_MODEL_PERMISSIONS:
        for action in actions:
            team.permissions.add(
                get_or_create_permission(app_label, model, f"{action}_{model}", f"Can {action} {model}")
            )
    return team


def ensure_workflow(index_page=None):
    """The approval workflow of the network section: the Programmateam approves what municipalities submit."""
    from networks.models import NetworkIndexPage

    team = programme_team()
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(team)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    index_page = index_page or NetworkIndexPage.objects.first()
    if index_page is not None:
        WorkflowPage.objects.get_or_create(page=index_page.page_ptr, defaults={"workflow": workflow})
        for codename in PROGRAMME_TEAM_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=team, page=index_page.page_ptr, permission=page_permission(codename)
            )
    return workflow


def editor_group_name(municipality):
    return f"Redactie gemeente {municipality.name} ({municipality.cbs_code})"[:150]


def _collection(name):
    root = Collection.get_first_root_node()
    if root is None:
        return None
    section = root.get_children().filter(name=COLLECTION_NAME).first() or root.add_child(name=COLLECTION_NAME)
    return section.get_children().filter(name=name).first() or section.add_child(name=name)


def _media_permissions():
    permissions = []
    for model in (get_image_model(), get_document_model()):
        auth_meta = policy_registry.get_by_type(model).auth_model._meta
        for action in ("add", "choose"):
            codename = get_permission_codename(action, auth_meta)
            permissions.append(
                get_or_create_permission(auth_meta.app_label, auth_meta.model_name, codename, f"Can {action}")
            )
    return permissions


def ensure_municipality_editors(page):
    """The municipality's editor group, with add and change rights on this municipality page and below."""
    from networks.models import MunicipalityPage

    municipality = page.municipality
    group, _created = Group.objects.get_or_create(name=editor_group_name(municipality))
    group.permissions.add(access_admin_permission())
    for codename in MUNICIPAL_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(group=group, page_id=page.pk, permission=page_permission(codename))
    collection = _collection(f"Gemeente {municipality.name}"[:255])
    if collection is not None:
        for permission in _media_permissions():
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    if page.editor_group_id != group.pk:
        MunicipalityPage.objects.filter(pk=page.pk).update(editor_group=group)
        page.editor_group = group
    return group
