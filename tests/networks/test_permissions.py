"""Municipal editors edit only their own municipality's pages; the Programmateam moderates publication."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState

from core.factories import UserFactory
from core.models import Province
from networks import permissions
from networks.models import InclusionAgendaPage

from .admin_forms import add_agenda_url, agenda_form_data, edit_url, municipality_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def zwolle(tree):
    return tree.add("Zwolle", "GM0193")


@pytest.fixture
def deventer(tree):
    page = tree.add("Deventer", "GM0150", province=Province.OVERIJSSEL)
    tree.agenda(page, title="Lokale Inclusie Agenda Deventer")
    return page


@pytest.fixture
def editor(zwolle):
    user = UserFactory(username="redactie-zwolle", is_staff=False)
    user.groups.add(zwolle.editor_group)
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def assert_denied(response):
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert "/admin/" in response.url and "edit" not in response.url


def test_each_municipality_page_gets_its_own_editor_group_with_add_and_change_only(zwolle, deventer):
    zwolle.refresh_from_db()
    assert zwolle.editor_group.name == "Redactie gemeente Zwolle (GM0193)"
    assert deventer.editor_group != zwolle.editor_group
    codenames = set(
        GroupPagePermission.objects.filter(group=zwolle.editor_group, page=zwolle).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}


def test_the_workflow_of_the_network_section_is_approved_by_the_programme_team(tree):
    workflow = WorkflowPage.objects.get(page=tree.index).workflow
    assert workflow.name == permissions.WORKFLOW_NAME
    team = Group.objects.get(name=permissions.PROGRAMME_TEAM_GROUP)
    assert list(workflow.tasks.get().specific.groups.all()) == [team]


def test_setup_is_idempotent(tree, zwolle):
    before = (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count())
    permissions.ensure_workflow(tree.index)
    permissions.ensure_workflow()
    permissions.ensure_municipality_editors(zwolle)
    assert (Group.objects.count(), GroupPagePermission.objects.count(), WorkflowPage.objects.count()) == before


def test_an_editor_edits_the_own_municipality_page(editor_client, zwolle):
    response = editor_client.get(edit_url(zwolle))
    assert response.status_code == 200
    response = editor_client.post(edit_url(zwolle), municipality_form_data(zwolle, title="Zwolle, Overijssel"))
    assert response.status_code == 302
    zwolle.refresh_from_db()
    assert zwolle.get_latest_revision().content["title"] == "Zwolle, Overijssel"


def test_an_editor_adds_the_agenda_and_publishing_goes_to_moderation(editor_client, editor, zwolle):
    response = editor_client.post(add_agenda_url(zwolle), agenda_form_data(**{"action-publish": "publish"}))
    assert response.status_code == 302
    agenda = InclusionAgendaPage.objects.child_of(zwolle).get()
    assert not agenda.live, "a municipality's agenda never goes live without the project team"
    response = editor_client.post(edit_url(agenda), agenda_form_data(**{"action-submit": "submit"}))
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(agenda.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == permissions.WORKFLOW_NAME
    assert not agenda.permissions_for_user(editor).can_publish()


def test_an_editor_cannot_edit_or_add_for_another_municipality(editor_client, deventer):
    agenda = InclusionAgendaPage.objects.child_of(deventer).get()
    assert_denied(editor_client.get(edit_url(deventer)))
    assert_denied(editor_client.get(edit_url(agenda)))
    editor_client.post(edit_url(agenda), agenda_form_data(title="Overgenomen", **{"action-submit": "submit"}))
    editor_client.post(add_agenda_url(deventer), agenda_form_data(**{"action-submit": "submit"}))
    agenda.refresh_from_db()
    latest = agenda.get_latest_revision()
    assert agenda.title == "Lokale Inclusie Agenda Deventer"
    assert latest is None or latest.content["title"] == "Lokale Inclusie Agenda Deventer"
    assert InclusionAgendaPage.objects.child_of(deventer).count() == 1


def test_an_editor_cannot_edit_the_network_page(editor_client, tree):
    assert_denied(editor_client.get(edit_url(tree.network)))


def test_the_programme_team_publishes_directly(client, tree, zwolle):
    member = UserFactory(username="programmateam")
    member.groups.add(Group.objects.get(name=permissions.PROGRAMME_TEAM_GROUP))
    client.force_login(member)
    response = client.post(add_agenda_url(zwolle), agenda_form_data(**{"action-publish": "publish"}))
    assert response.status_code == 302
    assert InclusionAgendaPage.objects.child_of(zwolle).get().live
