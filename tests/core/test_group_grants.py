"""Apps that grant their models to groups made elsewhere do so after every migrate, not only in the demo."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.values_list("content_type__app_label", "codename"))


def test_the_groups_get_the_campaign_and_feedback_permissions_after_migrate():
    call_command("migrate", verbosity=0)

    team = codenames("Programmateam")
    assert {
        ("campaign", "change_localaction"),
        ("campaign", "add_campaignmaterial"),
        ("campaign_posters", "change_postertemplate"),
        ("feedback", "view_evaluation"),
        ("feedback", "view_pagevote"),
    } <= team
    assert ("feedback", "view_evaluation") in codenames("Organisatoren Kennisboostweken")
    assert ("feedback", "view_pagevote") in codenames("Editors")
    assert ("feedback", "view_evaluation") not in codenames("Editors")
