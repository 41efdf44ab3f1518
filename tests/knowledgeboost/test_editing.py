"""Editors create and edit the pages in the Wagtail admin; the model checks their input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.factories import UserFactory
from knowledgeboost.factories import SessionPageFactory
from knowledgeboost.models import EventFormat, KnowledgeBoostWeekPage, SessionPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="redacteur", is_staff=True, is_superuser=True))
    return client


def test_admin_forms_for_every_page_type_render(editor, index_page, week_page, session_page):
    for page in (index_page, week_page, session_page):
        response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200
    add_session = reverse("wagtailadmin_pages:add", args=["knowledgeboost", "sessionpage", week_page.pk])
    html = editor.get(add_session).content.decode()
    assert "alleen aangemelde deelnemers krijgen hem per e-mail" in html
    response = editor.get(
        reverse("wagtailadmin_pages:add", args=["knowledgeboost", "knowledgeboostweekpage", index_page.pk])
    )
    assert response.status_code == 200


def test_preview_of_session_and_week_render(week_page, session_page):
    for page in (week_page, session_page):
        response = page.make_preview_request()
        assert response.status_code == 200
        assert page.title in response.rendered_content


def test_session_validation(week_page):
    session = SessionPageFactory.build(title="Fout", slug="fout")
    session.end = session.start - datetime.timedelta(hours=1)
    session.format = EventFormat.ON_LOCATION
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "end" in error.value.message_dict
    assert "location" in error.value.message_dict
    assert week_page.get_children().type(SessionPage).count() == 0


def test_week_dates_validation(index_page):
    week = KnowledgeBoostWeekPage(
        title="Week", slug="week", start_date=datetime.date(2026, 5, 8), end_date=datetime.date(2026, 5, 4)
    )
    with pytest.raises(ValidationError) as error:
        week.full_clean()
    assert "end_date" in error.value.message_dict
