"""The search terms report and its block list belong to the editorial team: the Programmateam, and Wagtail's
default groups Editors and Moderators where they exist. Set up after every migrate, idempotently."""

import pytest
from django.contrib.auth.models import Group

from expeditions import permissions

pytestmark = pytest.mark.django_db

SEARCH_EDITING = {
    "search.view_querylog",
    "search.view_blockedsearchterm",
    "search.add_blockedsearchterm",
    "search.change_blockedsearchterm",
    "search.delete_blockedsearchterm",
}


def search_permissions(group):
    return {
        f"search.{codename}"
        for codename in group.permissions.filter(content_type__app_label="search").values_list("codename", flat=True)
    }


@pytest.mark.parametrize("group_name", [permissions.PROGRAMME_TEAM_GROUP, "Editors", "Moderators"])
def test_the_editorial_groups_may_read_the_report_and_keep_the_block_list(group_name):
    assert search_permissions(Group.objects.get(name=group_name)) == SEARCH_EDITING


def test_other_groups_get_no_search_permissions():
    assert search_permissions(Group.objects.get(name=permissions.LEADERS_GROUP)) == set()


def test_the_setup_is_idempotent_and_leaves_out_missing_default_groups():
    Group.objects.filter(name="Moderators").delete()
    before = (Group.objects.count(), Group.permissions.through.objects.count())
    permissions.ensure_groups()
    permissions.ensure_groups()
    assert (Group.objects.count(), Group.permissions.through.objects.count()) == before
    assert not Group.objects.filter(name="Moderators").exists()
