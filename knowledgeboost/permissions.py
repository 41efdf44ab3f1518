"""Who may do what with the Kennisboostweken, built on Wagtail's own page, model and collection permissions.

Group **Organisatoren Kennisboostweken**: the people who run the weeks.

* log in to the Wagtail admin;
* add, edit and publish pages under every Kennisboostweken index page (weeks, sessions, information pages);
* view the registrations, per session and in the list, and export them (CSV, Excel);
* inspect the outgoing e-mails (the outbox), which only the application writes;
* add and choose images and documents in every collection.

Nothing else: not the expeditions, tips or stories, not the search report, users, settings or redirects.

``ensure_organisers`` is idempotent: it runs after every migrate (skipped while the tables do not exist) and
whenever a Kennisboostweken index page is created, so each index page carries the group's page permissions.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission
from wagtail.permissions import policy_registry

from core.permissions import access_admin_permission, get_or_create_permission, page_permission

ORGANISERS_GROUP = "Organisatoren Kennisboostweken"

ORGANISER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
ORGANISER_COLLECTION_ACTIONS = ("add", "choose")


def _collection_permissions(model):
    """Add and choose on the model that Wagtail's permission policy checks (wagtailimages.Image and so on)."""
    auth_meta = policy_registry.get_by_type(model).auth_model._meta
    return [
        get_or_create_permission(
            auth_meta.app_label,
            auth_meta.model_name,
            get_permission_codename(action, auth_meta),
            f"Can {action} {auth_meta.verbose_name_raw}",
        )
        for action in ORGANISER_COLLECTION_ACTIONS
    ]


def ensure_organisers(index_page=None):
    """Create the organisers' group with its permissions, and give it the page permissions on ``index_page``
    (default: on every Kennisboostweken index page). Safe to run any number of times."""
    from events.models import OutboxEmail
    from knowledgeboost.models import KnowledgeBoostIndexPage, Registration

    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    model_permissions = [access_admin_permission()]
    for model in (Registration, OutboxEmail):
        meta = model._meta
        codename = get_permission_codename("view", meta)
        model_permissions.append(
            get_or_create_permission(meta.app_label, meta.model_name, codename, f"Can view {meta.verbose_name_raw}")
        )
    group.permissions.add(*model_permissions)

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for permission in [*_collection_permissions(get_image_model()), *_collection_permissions(get_document_model())]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    if index_page is not None:
        index_page_ids = [index_page.pk]
    else:
        index_page_ids = KnowledgeBoostIndexPage.objects.values_list("pk", flat=True)
    page_permissions = [page_permission(codename) for codename in ORGANISER_PAGE_PERMISSIONS]
    for page_id in index_page_ids:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page_id=page_id, permission=permission)
    return group
