"""The organisers of the Kennisboostweken: a group set up after every migrate and on every new index page, with
Wagtail's page permissions on the section and read access to registrations and the outbox. What they may open
in the admin is checked page by page in tests/core/test_admin_smoke.py."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from core.factories import ContentPageFactory, UserFactory
from knowledgeboost.factories import KnowledgeBoostIndexPageFactory
from knowledgeboost.permissions import ORGANISERS_GROUP, ensure_organisers
from knowledgeboost.signals import set_up_organisers_after_migrate

pytestmark = pytest.mark.django_db


def permission_names(group):
    return {
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def page_permission_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def setup_counts():
    return (
        Group.objects.count(),
        Group.permissions.through.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )


def test_the_group_exists_after_migrate_with_admin_access_and_read_only_registrations_and_outbox():
    group = Group.objects.get(name=ORGANISERS_GROUP)
    assert permission_names(group) == {
        "wagtailadmin.access_admin",
        "knowledgeboost.view_registration",
        "events.view_outboxemail",
        # Granted by the feedback app: the evaluations of their sessions (Rapporten → Evaluaties).
        "feedback.view_evaluation",
    }
    collection_permissions = set(
        GroupCollectionPermission.objects.filter(group=group, collection__depth=1).values_list(
            "permission__codename", flat=True
        )
    )
    assert collection_permissions == {"add_image", "choose_image", "add_document", "choose_document"}


def test_a_new_index_page_gives_the_organisers_add_change_and_publish_below_it(home_page):
    group = Group.objects.get(name=ORGANISERS_GROUP)
    index_page = KnowledgeBoostIndexPageFactory(parent=home_page)
    assert page_permission_codenames(group, index_page) == {"add_page", "change_page", "publish_page"}

    organiser = UserFactory(is_active=True)
    organiser.groups.add(group)
    information = ContentPageFactory(parent=index_page, title="Praktische informatie")
    assert information.permissions_for_user(organiser).can_publish()
    assert index_page.permissions_for_user(organiser).can_edit()
    assert not home_page.permissions_for_user(organiser).can_edit()
    assert not home_page.permissions_for_user(organiser).can_add_subpage()


def test_the_setup_is_idempotent(home_page):
    index_page = KnowledgeBoostIndexPageFactory(parent=home_page)
    before = setup_counts()
    ensure_organisers()
    ensure_organisers(index_page)
    set_up_organisers_after_migrate(sender=None)
    assert setup_counts() == before


def test_the_setup_after_migrate_skips_a_database_without_the_tables(monkeypatch):
    Group.objects.filter(name=ORGANISERS_GROUP).delete()
    monkeypatch.setattr(connection.introspection, "table_names", lambda *args, **kwargs: [])
    set_up_organisers_after_migrate(sender=None)
    assert not Group.objects.filter(name=ORGANISERS_GROUP).exists()

    monkeypatch.undo()
    set_up_organisers_after_migrate(sender=None)
    assert Group.objects.filter(name=ORGANISERS_GROUP).exists()


def test_an_index_page_created_later_is_covered_by_the_setup_after_migrate(home_page):
    """An index page made while the signal was not connected (a raw load, for example) gets the permissions."""
    index_page = KnowledgeBoostIndexPageFactory(parent=home_page)
    GroupPagePermission.objects.filter(page=index_page).delete()
    set_up_organisers_after_migrate(sender=None)
    assert page_permission_codenames(Group.objects.get(name=ORGANISERS_GROUP), index_page) == {
        "add_page",
        "change_page",
        "publish_page",
    }
