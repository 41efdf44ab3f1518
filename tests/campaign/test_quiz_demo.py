"""The demo's test and plan: enough questions and profiles, idempotent, editors can open them
(tests/campaign/test_plan.py saves a plan through the editor), and what they show with the demo content (materials,
tips, lessons, stories and upcoming sessions on the right themes)."""

import re

import pytest
from django.utils import timezone

from campaign.quiz import demo as quiz_demo
from campaign.quiz.models import PlanPage, StrengthTestPage
from core.demo import DemoBuilder
from core.factories import UserFactory
from tests.campaign.campaign_fixtures import pdf_text

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
def test_editor_opens_the_demo_pages_their_preview_and_add_views(client, demo, model):
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


def test_the_demo_plan_links_its_materials_and_what_fits_on_screen_and_in_the_pdf(client, demo):
    from campaign.models import MaterialsPage
    from campaign.posters.models import PosterMakerPage

    plan = PlanPage.objects.live().get()
    choices = {"plan": "1", "tijd": "weinig-tijd", "budget": "klein-budget", "doelgroepen": "jongeren"}
    html = client.get(plan.url, choices).content.decode()
    pdf = client.get(plan.url + "pdf/", choices)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)

    # Each step's material: the poster maker, the materials library and the radio spot to download.
    radio = plan.steps.get(title="Laat de campagne horen op de lokale radio").material_document
    assert radio is not None and radio.title == "Radiospot Mensen vragen mensen"
    for page in (PosterMakerPage.objects.live().get(), MaterialsPage.objects.live().get()):
        assert f'<a href="{page.url}">{page.title}</a>' in html
        assert f"Materiaal: {page.title} http://" in text
    assert f'<a href="{radio.url}">{radio.title}</a>' in html
    assert f"Materiaal: {radio.title} http://" in text

    # What fits the steps' themes: tips, sessions (upcoming only), lessons, stories, on screen and in the PDF.
    steps = plan.build_plan(client.get(plan.url, choices).wsgi_request.GET)[3]
    related = plan.related_to(steps)
    assert {"tips", "sessions", "lessons", "stories"} <= {kind.key for kind, _items in related}
    assert "Tips, materialen en sessies die passen" in html and "Tips, materialen en sessies die passen" in text
    for kind, items in related:
        assert f'<h3 id="plan-kind-{kind.key}">{kind.label}</h3>' in html
        assert str(kind.label) in text
        for item in items:
            assert f'<a href="{item.url}">{item.title}</a>' in html
            assert " ".join(item.title.split()) in text
            if kind.key == "sessions":
                assert item.start > timezone.now()


@pytest.mark.parametrize("key", ["verbinder", "doener", "denker", "zorgzame"])
def test_each_demo_profile_shows_its_picture_and_tips_lessons_stories_and_upcoming_sessions(client, demo, key):
    test = StrengthTestPage.objects.live().get()
    profile = test.profiles.get(key=key)
    response = client.get(test.url + f"resultaat/{key}/")
    html = response.content.decode()
    assert response.status_code == 200 and f">{profile.title}</h2>" in html
    assert 'class="quiz__image"' in html and f'alt="{profile.image.alt_text}"' in html
    groups = test.result_context(profile)["related_groups"]
    kinds = {kind.key for kind, _items in groups}
    assert {"tips", "lessons", "stories"} <= kinds, kinds
    theme_ids = {theme.pk for theme in profile.themes.all()}
    for kind, items in groups:
        assert f'<h3 id="quiz-kind-{kind.key}">{kind.label}</h3>' in html
        for item in items:
            assert f'<a href="{item.url}">{item.title}</a>' in html
            assert theme_ids & set(item.themes.values_list("pk", flat=True))
            if kind.key == "sessions":
                assert item.start > timezone.now()
