"""The demo's test and plan: enough questions and profiles, idempotent, and editors can open and save them."""

import re

import pytest

from campaign.quiz import demo as quiz_demo
from campaign.quiz.models import PlanPage, StrengthTestPage
from core.demo import DemoBuilder
from core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_demo_has_the_test_with_eight_questions_and_four_profiles(demo):
    test = StrengthTestPage.objects.live().get()
    assert len(test.engine_questions()) >= 8
    assert [profile.key for profile in test.profiles.all()] == ["verbinder", "doener", "denker", "zorgzame"]
    assert all(profile.image and profile.themes.exists() for profile in test.profiles.all())
    test.full_clean()  # every answer names an existing profile
    plan = PlanPage.objects.live().get()
    assert len(plan.engine_questions()) == 5
    assert plan.steps.count() >= 6
    plan.full_clean()


def test_demo_is_idempotent(demo):
    builder = DemoBuilder()
    builder.home = demo.home
    quiz_demo.seed(builder)
    assert builder.created == 0
    assert StrengthTestPage.objects.count() == 1 and PlanPage.objects.count() == 1


def test_take_the_demo_test_to_a_profile(client, demo):
    test = StrengthTestPage.objects.live().get()
    html = client.post(f"/vragenlijst/{test.pk}/stap/", {"action": "start"}).content.decode()
    assert "Vraag 1 van 8" in html
    for _ in range(8):
        data = {
            name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
            for name in ("answers", "step", "furthest")
        }
        last = str(html.count('type="radio"') - 1)  # the last answer: mostly de zorgzame
        html = client.post(f"/vragenlijst/{test.pk}/stap/", {**data, "action": "next", "choice": last}).content.decode()
    assert ">De zorgzame</h2>" in html


def test_demo_plan_for_a_small_municipality(client, demo):
    plan = PlanPage.objects.live().get()
    html = client.get(plan.url, {"plan": "1", "tijd": "weinig-tijd", "doelgroepen": "jongeren"}).content.decode()
    assert "Kies één campagneweek en houd het klein" in html
    assert "Bereik jongeren waar ze al zijn" in html
    assert "Zet een campagneteam op" not in html


@pytest.mark.parametrize("model", [StrengthTestPage, PlanPage])
def test_editor_opens_and_saves_the_demo_pages(client, demo, model):
    editor = UserFactory(username="redacteur", is_superuser=True, is_staff=True)
    client.force_login(editor)
    page = model.objects.get()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    if model is StrengthTestPage:
        assert "Rekenregel" in html and "De verbinder" in html
    else:
        assert "Zo worden stappen gekozen" in html
    assert client.get(f"/admin/pages/{page.pk}/edit/preview/").status_code in (200, 405)
    assert (
        client.get(f"/admin/pages/add/campaign_quiz/{model._meta.model_name}/{page.get_parent().pk}/").status_code
        == 200
    )
    assert client.get("/admin/reports/strength-test/").status_code == 200
