"""Publishing by leaders: each rule of the issue, proven both ways through the Wagtail admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from core.factories import ContentPageFactory
from expeditions import permissions
from expeditions.factories import ExpeditionLeaderFactory, ExpeditionLeadershipFactory, LessonPageFactory
from expeditions.models import ExpeditionAccess, ExpeditionLeadership, LessonPage

from .conftest import make_leader_user

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_lesson_url(parent):
    return reverse("wagtailadmin_pages:add", args=["expeditions", "lessonpage", parent.pk])


def lesson_form_data(title="Vraag het via de teamapp", **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": "vraag-het-via-de-teamapp",
            "listing_summary": "Een persoonlijke vraag werkt beter dan een nieuwsbrief.",
            "introduction": rich_text(""),
            "lens": "awareness",
            "target_group": "students",
            "date": "2021-06-01",
            "what_was_tried": rich_text("<p>We zetten de oproep in de teamapp.</p>"),
            "what_worked": rich_text("<p>Vier studenten meldden zich.</p>"),
            "what_did_not_work": rich_text(""),
            "advice": streamfield([]),
            "comments": inline_formset([]),
            "related_pins": inline_formset([]),
        }
    )
    data.update(actions)
    return data


def assert_denied(response):
    """Wagtail refuses with a redirect to the dashboard (or to the login without admin access), or a 403."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home") or response.url.startswith(reverse("wagtailadmin_login"))


# Groups and workflow ------------------------------------------------------------------------------


def test_groups_and_workflow_exist_after_migrate_and_index_creation(index_page):
    assert Group.objects.filter(name=permissions.LEADERS_GROUP).exists()
    team = Group.objects.get(name=permissions.PROGRAMME_TEAM_GROUP)
    workflow = WorkflowPage.objects.get(page=index_page).workflow
    assert workflow.name == permissions.WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [team]


def test_setup_functions_are_idempotent(index_page):
    before = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    permissions.ensure_groups()
    permissions.ensure_workflow(index_page)
    permissions.ensure_workflow()
    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == before


def test_assigning_a_leader_gives_an_access_group_with_add_and_change_but_never_publish(expedition, leader):
    access = ExpeditionAccess.objects.get(expedition=expedition)
    assert list(access.group.user_set.all()) == [leader.user]
    codenames = set(
        GroupPagePermission.objects.filter(group=access.group).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_page", "change_page"}
    assert leader.user.groups.filter(name=permissions.LEADERS_GROUP).exists()


# The leader's own expedition ------------------------------------------------------------------------


def test_leader_can_edit_lessons_of_own_expedition(leader_client, lesson):
    response = leader_client.get(edit_url(lesson))
    assert response.status_code == 200
    assert "Knip de klus in stukjes" in response.content.decode()


def test_leader_can_add_a_lesson_and_submit_it_for_moderation(leader_client, expedition, leader):
    response = leader_client.get(add_lesson_url(expedition))
    assert response.status_code == 200
    # The leader is offered as author and preselected.
    assert response.context["form"].initial.get("author") == leader.pk

    response = leader_client.post(add_lesson_url(expedition), lesson_form_data(**{"action-submit": "submit"}))
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    lesson = LessonPage.objects.get(slug="vraag-het-via-de-teamapp")
    assert not lesson.live
    assert lesson.expedition_id == expedition.pk
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == permissions.WORKFLOW_NAME


def test_leader_cannot_publish_directly(leader_client, expedition, lesson):
    response = leader_client.post(add_lesson_url(expedition), lesson_form_data(**{"action-publish": "publish"}))
    assert response.status_code == 302
    created = LessonPage.objects.get(slug="vraag-het-via-de-teamapp")
    assert not created.live, "a leader's lesson must never go live without approval"

    data = lesson_form_data(title="Nieuwe titel", **{"action-publish": "publish"})
    data["slug"] = lesson.slug
    leader_client.post(edit_url(lesson), data)
    lesson.refresh_from_db()
    assert lesson.title == "Knip de klus in stukjes", "the live version is unchanged"
    assert lesson.get_latest_revision().content["title"] == "Nieuwe titel", "the edit is saved as a draft"
    assert not lesson.permissions_for_user(created.owner).can_publish()


def test_leader_cannot_edit_the_expedition_page_itself(leader_client, expedition, leader):
    assert_denied(leader_client.get(edit_url(expedition)))
    perms = expedition.permissions_for_user(leader.user)
    assert perms.can_add_subpage()
    assert not perms.can_edit()
    assert not perms.can_delete()


# Everything else ------------------------------------------------------------------------------------


def test_leader_cannot_edit_or_add_under_another_expedition(leader_client, other_expedition, other_lesson):
    assert_denied(leader_client.get(edit_url(other_lesson)))
    assert_denied(leader_client.get(add_lesson_url(other_expedition)))
    leader_client.post(add_lesson_url(other_expedition), lesson_form_data(**{"action-submit": "submit"}))
    assert not LessonPage.objects.filter(slug="vraag-het-via-de-teamapp").exists()


def test_leader_cannot_touch_other_sections(leader_client, home_page, index_page):
    content_page = ContentPageFactory(parent=home_page, title="Over ons")
    assert_denied(leader_client.get(edit_url(content_page)))
    assert_denied(leader_client.get(edit_url(index_page)))
    assert_denied(leader_client.get(edit_url(home_page)))
    add_content = reverse("wagtailadmin_pages:add", args=["core", "contentpage", home_page.pk])
    assert_denied(leader_client.get(add_content))
    # ... nor the snippets of the section.
    assert_denied(leader_client.get(reverse("wagtailsnippets_expeditions_organisation:list")))


def test_a_user_who_is_not_assigned_cannot_edit_any_lesson(client, lesson):
    stranger = ExpeditionLeaderFactory(name="Niet toegewezen", user=make_leader_user("piet"))
    client.force_login(stranger.user)
    assert_denied(client.get(edit_url(lesson)))


def test_unassigning_a_leader_takes_the_permission_away(leader_client, expedition, lesson, leader):
    assert leader_client.get(edit_url(lesson)).status_code == 200
    ExpeditionLeadership.objects.filter(expedition=expedition, leader=leader).delete()
    assert_denied(leader_client.get(edit_url(lesson)))


def test_removing_a_leader_in_the_page_editor_takes_the_permission_away(leader_client, expedition, lesson, leader):
    page = expedition.specific
    page.leaderships = []
    page.save_revision().publish()
    assert not ExpeditionAccess.objects.get(expedition=expedition).group.user_set.exists()
    assert_denied(leader_client.get(edit_url(lesson)))


def test_changing_the_leaders_account_moves_the_permission(client, expedition, lesson, leader):
    old_user = leader.user
    new_user = make_leader_user("anna-nieuw")
    leader.user = new_user
    leader.save()
    client.force_login(old_user)
    assert_denied(client.get(edit_url(lesson)))
    assert not old_user.groups.filter(name=permissions.LEADERS_GROUP).exists()
    client.force_login(new_user)
    assert client.get(edit_url(lesson)).status_code == 200


def test_co_leaders_may_edit_each_others_lessons(client, expedition, lesson, leader):
    co_leader = ExpeditionLeaderFactory(name="Sanne Visser", user=make_leader_user("sanne"))
    ExpeditionLeadershipFactory(expedition=expedition, leader=co_leader)
    client.force_login(co_leader.user)
    assert client.get(edit_url(lesson)).status_code == 200


def test_deleting_an_expedition_removes_its_access_group(expedition, leader):
    group_id = ExpeditionAccess.objects.get(expedition=expedition).group_id
    expedition.delete()
    assert not Group.objects.filter(pk=group_id).exists()


# The programme team approves ------------------------------------------------------------------------


def test_programme_team_approves_a_submitted_lesson(client, leader_client, expedition, programme_team_user):
    leader_client.post(add_lesson_url(expedition), lesson_form_data(**{"action-submit": "submit"}))
    lesson = LessonPage.objects.get(slug="vraag-het-via-de-teamapp")
    state = lesson.current_workflow_state
    task_state = state.current_task_state

    # A leader cannot approve their own lesson.
    leader_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    lesson.refresh_from_db()
    assert not lesson.live

    client.force_login(programme_team_user)
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]),
        {"comment": "Mooie les!"},
    )
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_programme_team_may_publish_in_the_section_but_leaders_may_not(expedition, programme_team_user, leader):
    lesson = LessonPageFactory(parent=expedition)
    assert lesson.permissions_for_user(programme_team_user).can_publish()
    assert expedition.permissions_for_user(programme_team_user).can_edit()
    assert not lesson.permissions_for_user(leader.user).can_publish()


def test_the_access_group_is_renamed_with_the_expedition(expedition, leader):
    expedition.title = "De Zwaluwen, tweede ronde"
    expedition.save_revision().publish()
    group = ExpeditionAccess.objects.get(expedition=expedition).group
    assert group.name == f"Expeditie {expedition.pk}: De Zwaluwen, tweede ronde"


def test_a_leader_finds_their_way_in_the_admin(leader_client, expedition, lesson):
    assert leader_client.get(reverse("wagtailadmin_home")).status_code == 200
    response = leader_client.get(reverse("wagtailadmin_explore", args=[expedition.pk]))
    assert response.status_code == 200
    assert "Knip de klus in stukjes" in response.content.decode()
    # Images for lessons: the collection "Expedities" lets leaders upload and choose them.
    assert leader_client.get(reverse("wagtailimages:add")).status_code == 200
    assert leader_client.get(reverse("wagtailimages_chooser:choose")).status_code == 200


def test_submitting_notifies_the_programme_team_by_email(leader_client, expedition, programme_team_user, mailoutbox):
    programme_team_user.email = "team@example.org"
    programme_team_user.save()
    leader_client.post(add_lesson_url(expedition), lesson_form_data(**{"action-submit": "submit"}))
    recipients = {address for message in mailoutbox for address in message.to}
    assert "team@example.org" in recipients


def test_deleting_a_leader_takes_the_permission_away(client, lesson, leader):
    user = leader.user
    leader.delete()
    client.force_login(user)
    assert_denied(client.get(edit_url(lesson)))
    assert not user.groups.exists()


def test_only_the_expeditions_own_leaders_are_offered_as_author(leader_client, expedition, leader):
    ExpeditionLeaderFactory(name="Leider elders")
    response = leader_client.get(add_lesson_url(expedition))
    offered = list(response.context["form"].fields["author"].queryset)
    assert offered == [leader]
