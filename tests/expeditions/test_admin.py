"""The editor's side: every field explains itself, and the admin forms and snippet views open."""

import pytest
from django.urls import reverse

from core.factories import UserFactory
from expeditions.models import (
    ExpeditionLeader,
    ExpeditionLeadership,
    ExpeditionPage,
    ExpeditionParticipation,
    ExpeditionTargetGroup,
    LessonPage,
    Organisation,
)

pytestmark = pytest.mark.django_db

OWN_MODELS = [
    ExpeditionPage,
    LessonPage,
    Organisation,
    ExpeditionLeader,
    ExpeditionTargetGroup,
    ExpeditionParticipation,
    ExpeditionLeadership,
]
INHERITED = {"expedition", "sort_order", "id", "page_ptr"}


@pytest.mark.parametrize("model", OWN_MODELS, ids=lambda model: model.__name__)
def test_every_field_editors_fill_in_has_a_help_text(model):
    own_fields = [
        field
        for field in model._meta.get_fields(include_parents=False)
        if getattr(field, "editable", False) and field.concrete and field.name not in INHERITED
    ]
    assert own_fields
    missing = [field.name for field in own_fields if not str(field.help_text).strip()]
    assert missing == [], missing


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="beheerder", is_superuser=True, is_staff=True))
    return client


def test_admin_forms_open(admin_client, index_page, expedition, lesson):
    urls = [
        reverse("wagtailadmin_pages:add", args=["expeditions", "expeditionpage", index_page.pk]),
        reverse("wagtailadmin_pages:add", args=["expeditions", "lessonpage", expedition.pk]),
        reverse("wagtailadmin_pages:edit", args=[index_page.pk]),
        reverse("wagtailadmin_pages:edit", args=[expedition.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailsnippets_expeditions_organisation:add"),
        reverse("wagtailsnippets_expeditions_expeditionleader:add"),
        reverse("wagtailsnippets_expeditions_expeditionleader:list"),
    ]
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url


def test_preview_of_the_index_renders_the_overview(admin_client, index_page, expedition):
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[index_page.pk]))
    assert response.status_code == 200
    assert "Sportclub De Zwaluwen" in response.content.decode()
