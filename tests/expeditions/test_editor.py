"""Editors at work on the demo lessons: open a lesson with an author, save a draft, follow the moderation e-mail.

Every demo lesson has an author; opening one in the editor used to fail with a 500 (a distinct and a non-distinct
queryset combined for the author choices).
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db.models import F
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from core.factories import UserFactory
from expeditions import permissions
from expeditions.models import ExpeditionLeader, LessonPage


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def lesson(demo):
    """A demo lesson whose author leads its expedition."""
    lesson = (
        LessonPage.objects.filter(author__leaderships__expedition=F("expedition"))
        .select_related("author", "expedition")
        .first()
    )
    assert lesson is not None, "the demo has a lesson written by a leader of its expedition"
    return lesson


@pytest.fixture
def leader_user(lesson):
    """The lesson's author gets a user account, as an administrator would give them: linking it to the
    ExpeditionLeader snippet puts it in the leaders' group and in the access group of the expedition."""
    user = UserFactory(username="leider", email="leider@example.org", is_active=True)
    leader = ExpeditionLeader.objects.get(pk=lesson.author_id)
    leader.user = user
    leader.save()
    return user


@pytest.fixture
def reviewer(demo):
    user = UserFactory(username="programmateam", email="programmateam@example.org", is_active=True)
    user.groups.add(Group.objects.get(name=permissions.PROGRAMME_TEAM_GROUP))
    return user


@pytest.fixture
def superuser(demo):
    return UserFactory(username="beheerder", is_superuser=True, is_staff=True, is_active=True)


def assert_editor_opens(client, user, lesson):
    client.force_login(user)
    response = client.get(edit_url(lesson))
    assert response.status_code == 200, user.username
    field = response.context["form"]["author"]
    assert str(field.value()) == str(lesson.author_id), "the author is selected"
    assert lesson.author.name in response.content.decode()


@pytest.mark.parametrize("role", ["superuser", "leader_user", "reviewer"])
def test_a_demo_lesson_with_an_author_opens_in_the_editor(client, lesson, role, request):
    assert_editor_opens(client, request.getfixturevalue(role), lesson)


def draft_data(response, lesson, title):
    """What the editor's form posts for "Bewaar concept": the rendered form, plus the advice StreamField
    (which the browser builds with JavaScript) as it is stored."""
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(
        nested_form_data(
            {"advice": streamfield([(block.block_type, rich_text(block.value.source)) for block in lesson.advice])}
        )
    )
    data["title"] = title
    for action in [key for key in data if key.startswith("action-")]:
        del data[action]
    return data


def test_the_leaders_first_draft_is_saved(client, lesson, leader_user):
    client.force_login(leader_user)
    response = client.get(edit_url(lesson))
    assert response.status_code == 200

    response = client.post(edit_url(lesson), draft_data(response, lesson, "Een nieuwe titel, nog in concept"))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert response.url == edit_url(lesson)
    lesson.refresh_from_db()
    assert lesson.has_unpublished_changes
    draft = lesson.get_latest_revision()
    assert draft.user == leader_user
    assert draft.content["title"] == "Een nieuwe titel, nog in concept"
    assert draft.content["author"] == lesson.author_id, "the author is kept"
    assert lesson.title != "Een nieuwe titel, nog in concept", "the live lesson is unchanged"
    assert client.get(edit_url(lesson)).status_code == 200


def test_the_reviewer_follows_the_edit_link_of_the_moderation_email(client, lesson, leader_user, reviewer, mailoutbox):
    client.force_login(leader_user)
    response = client.get(edit_url(lesson))
    data = draft_data(response, lesson, "Ter beoordeling")
    data["action-submit"] = "submit"
    response = client.post(edit_url(lesson), data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    messages = [message for message in mailoutbox if reviewer.email in message.to]
    assert messages, "the programme team is asked to review"
    links = re.findall(r"https?://testserver(/admin/pages/\d+/edit/)", messages[0].body)
    assert edit_url(lesson) in links

    client.force_login(reviewer)
    response = client.get(edit_url(lesson))
    assert response.status_code == 200
    assert "Ter beoordeling" in response.content.decode()


def test_an_author_who_no_longer_leads_the_expedition_stays_on_offer(client, lesson, superuser):
    """Saving the lesson must not silently drop its author; leaders of other expeditions are not offered."""
    lesson.expedition.leaderships.filter(leader_id=lesson.author_id).delete()
    client.force_login(superuser)
    response = client.get(edit_url(lesson))
    assert response.status_code == 200
    offered = set(response.context["form"].fields["author"].queryset)
    current = set(ExpeditionLeader.objects.filter(leaderships__expedition=lesson.expedition))
    assert offered == current | {lesson.author}
    assert ExpeditionLeader.objects.exclude(pk__in=[leader.pk for leader in offered]).exists()
