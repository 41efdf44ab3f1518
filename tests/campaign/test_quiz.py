"""The strength test without JavaScript: one question per step, back, skip, the result, tampered input, the counters."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from wagtail.test.utils import WagtailPageTestCase

from campaign.models import CampaignIndexPage
from campaign.quiz.models import QuizCounter, StrengthProfile, StrengthTestPage
from core import content_registry
from core.factories import ContentPageFactory, ThemeFactory, UserFactory
from core.models import ContentPage

pytestmark = pytest.mark.django_db

QUESTIONS = [
    (
        "Wat doe je op zaterdag?",
        [("Feest organiseren", "verbinder", 2), ("Klussen", "doener", 2), ("Plannen", "denker", 2)],
    ),
    ("Waar ben je goed in?", [("Praten", "verbinder", 1), ("Timmeren", "doener", 1), ("Rekenen", "denker, doener", 1)]),
    ("Wat geeft voldoening?", [("Nieuwe vrienden", "verbinder", 1), ("Een klus af", "doener", 1)]),
]


@pytest.fixture
def campaign_index(home_page):
    index = CampaignIndexPage(title="Campagne", slug="campagne")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def theme(db):
    return ThemeFactory(name="Samenwerking", slug="samenwerking")


@pytest.fixture
def strength_test(campaign_index, theme):
    page = StrengthTestPage(
        title="Ontdek je vrijwilligerskracht!",
        slug="test",
        questions=[
            (
                "question",
                {
                    "question": text,
                    "help_text": "",
                    "answers": [{"answer": a, "profiles": p, "points": n} for a, p, n in answers],
                },
            )
            for text, answers in QUESTIONS
        ],
    )
    for number, (key, title) in enumerate(
        [("verbinder", "De verbinder"), ("doener", "De doener"), ("denker", "De denker")]
    ):
        profile = StrengthProfile(
            key=key, title=title, explanation=f"<p>Uitleg over {title.lower()}.</p>", sort_order=number
        )
        if key == "verbinder":
            profile.themes = [theme]
        page.profiles.add(profile)
    campaign_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def step_url(page):
    return f"/vragenlijst/{page.pk}/stap/"


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def submit(client, page, html, action, choice=None):
    data = {
        "action": action,
        "answers": hidden(html, "answers"),
        "step": hidden(html, "step"),
        "furthest": hidden(html, "furthest"),
    }
    if choice is not None:
        data["choice"] = choice
    return client.post(step_url(page), data)


def start(client, page):
    response = client.post(step_url(page), {"action": "start"})
    assert response.status_code == 200
    return response.content.decode()


def test_intro_page_is_cacheable_and_starts_with_a_post_without_csrf_token(client, strength_test, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert client.get(strength_test.url)["X-Page-Cache"] == "miss"
    response = client.get(strength_test.url)
    assert response["X-Page-Cache"] == "hit"
    html = response.content.decode()
    assert response.status_code == 200
    assert "De test heeft 3 vragen" in html
    assert f'action="{step_url(strength_test)}"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "public" in response["Cache-Control"]
    client.handler.enforce_csrf_checks = True  # the step view is exempt (see campaign/quiz/views.py)
    assert client.post(step_url(strength_test), {"action": "start"}).status_code == 200


def test_one_question_per_step_with_progress_and_accessible_markup(client, strength_test):
    html = start(client, strength_test)
    assert "Vraag 1 van 3" in html
    assert '<progress max="3" value="1"' in html
    assert "<fieldset" in html and '<legend><h2 id="quiz-question"' in html
    assert "Wat doe je op zaterdag?" in html
    assert html.count('type="radio"') == 3
    assert 'for="choice-0">Feest organiseren</label>' in html
    assert "Waar ben je goed in?" not in html
    assert "Vorige vraag" not in html  # nothing to go back to on the first question
    assert "no-store" in client.post(step_url(strength_test), {"action": "start"})["Cache-Control"]


def test_answer_all_questions_and_get_the_profile(client, strength_test):
    html = start(client, strength_test)
    html = submit(client, strength_test, html, "next", "0").content.decode()  # verbinder +2
    assert "Vraag 2 van 3" in html and "Waar ben je goed in?" in html
    html = submit(client, strength_test, html, "next", "2").content.decode()  # denker +1, doener +1
    assert "Vraag 3 van 3" in html and "Toon mijn uitslag" in html
    html = submit(client, strength_test, html, "next", "0").content.decode()  # verbinder +1
    assert "Jouw vrijwilligerskracht" in html
    assert '<h2 id="quiz-result" tabindex="-1" data-quiz-focus>De verbinder</h2>' in html
    assert "Uitleg over de verbinder." in html
    assert f"/vragenlijst/{strength_test.pk}/verbinder.png" in html


def test_go_back_keeps_the_answers_and_can_change_them(client, strength_test):
    html = start(client, strength_test)
    html = submit(client, strength_test, html, "next", "1").content.decode()
    html = submit(client, strength_test, html, "back").content.decode()
    assert "Vraag 1 van 3" in html
    assert 'value="1" id="choice-1" checked' in html  # the earlier answer is still chosen
    html = submit(client, strength_test, html, "next", "2").content.decode()
    assert hidden(html, "answers") == "2.-.-"


def test_skipped_questions_add_nothing_and_all_skipped_asks_for_one_answer(client, strength_test):
    html = start(client, strength_test)
    for _ in range(3):
        html = submit(client, strength_test, html, "skip").content.decode()
    assert "We kunnen je kracht nog niet bepalen" in html
    assert "Beantwoord minstens één vraag" in html
    html = submit(client, strength_test, html, "back").content.decode()
    assert "Vraag 3 van 3" in html
    html = submit(client, strength_test, html, "next", "1").content.decode()  # only question 3: doener
    assert ">De doener</h2>" in html


def test_a_tie_goes_to_the_profile_listed_first(client, strength_test):
    html = start(client, strength_test)
    html = submit(client, strength_test, html, "next", "1").content.decode()  # doener 2
    html = submit(client, strength_test, html, "skip").content.decode()
    html = submit(client, strength_test, html, "skip").content.decode()
    assert ">De doener</h2>" in html
    html = start(client, strength_test)
    html = submit(client, strength_test, html, "skip").content.decode()
    html = submit(client, strength_test, html, "next", "0").content.decode()  # verbinder 1
    html = submit(client, strength_test, html, "next", "1").content.decode()  # doener 1: tie, verbinder first
    assert ">De verbinder</h2>" in html


def test_next_without_an_answer_shows_an_error_summary_in_dutch(client, strength_test):
    html = start(client, strength_test)
    response = submit(client, strength_test, html, "next")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een antwoord, of sla deze vraag over." in html
    assert 'class="error-summary" role="alert" tabindex="-1" data-error-summary' in html
    assert "<title>Fout:" in html
    assert "Vraag 1 van 3" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("choice", "7", "Dit antwoord hoort niet bij de vraag"),
        ("choice", "<script>", "Dit antwoord hoort niet bij de vraag"),
        ("answers", "0.0", "De test is veranderd sinds je begon"),
        ("answers", "x.y.z", "Dit antwoord hoort niet bij de vraag"),
        ("answers", "9" * 1000, "We konden je antwoorden niet lezen"),
        ("step", "12", "Deze stap van de test bestaat niet"),
        ("step", "-1", "Deze stap van de test bestaat niet"),
        ("furthest", "abc", "Deze stap van de test bestaat niet"),
        ("action", "delete", "We begrepen dit verzoek niet"),
    ],
)
def test_tampered_hidden_fields_get_a_clear_dutch_message(client, strength_test, field, value, message):
    html = start(client, strength_test)
    data = {"action": "next", "answers": hidden(html, "answers"), "step": "0", "furthest": "1", "choice": "0"}
    data[field] = value
    response = client.post(step_url(strength_test), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_unknown_or_unpublished_test_is_404_and_get_goes_to_the_page(client, strength_test):
    assert client.post("/vragenlijst/999999/stap/", {"action": "start"}).status_code == 404
    response = client.get(step_url(strength_test))
    assert response.status_code == 302 and response["Location"] == strength_test.url
    strength_test.unpublish()
    assert client.post(step_url(strength_test), {"action": "start"}).status_code == 404


def test_rate_limit_answers_in_dutch(client, strength_test, settings, monkeypatch):
    monkeypatch.setattr("campaign.quiz.views.STEP_LIMIT", 2)
    for _ in range(3):
        response = client.post(step_url(strength_test), {"action": "start"})
    assert response.status_code == 429
    assert "Je gaat te snel" in response.content.decode()


def test_counts_started_steps_finished_and_profiles_without_personal_data(client, strength_test):
    html = start(client, strength_test)
    html = submit(client, strength_test, html, "next", "0").content.decode()
    html = submit(client, strength_test, html, "back").content.decode()  # going back and on counts a step once
    html = submit(client, strength_test, html, "next", "0").content.decode()
    html = submit(client, strength_test, html, "skip").content.decode()
    html = submit(client, strength_test, html, "next", "0").content.decode()
    submit(client, strength_test, html, "back")  # back from the result and ...
    start(client, strength_test)  # a second visitor stops after the first question
    figures = QuizCounter.objects.figures(strength_test)
    assert figures == {"started": 2, "step:1": 2, "step:2": 1, "step:3": 1, "finished": 1, "profile:verbinder": 1}
    # the counters hold a page, a name and a number, nothing about who answered
    assert {f.name for f in QuizCounter._meta.concrete_fields} == {"id", "page", "name", "count"}


def test_rendering_pages_writes_nothing(client, strength_test):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(strength_test.url)  # site settings are made on the first read of any page
    with CaptureQueriesContext(connection) as queries:
        client.get(strength_test.url)
        client.get(f"{strength_test.url}resultaat/verbinder/")
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert QuizCounter.objects.count() == 0


def test_counting_does_not_start_a_new_page_cache_generation(client, strength_test):
    from core.caching import current_generation

    before = current_generation()
    html = start(client, strength_test)
    submit(client, strength_test, html, "next", "0")
    assert current_generation() == before


def test_editors_see_the_figures_in_the_reports(client, strength_test):
    html = start(client, strength_test)
    submit(client, strength_test, html, "skip")
    start(client, strength_test)
    client.force_login(UserFactory(username="redactie", is_superuser=True, is_staff=True))
    response = client.get("/admin/reports/strength-test/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Begonnen: 2. Afgerond: 0 (0%)." in page
    assert "Waar mensen stoppen" in page
    assert re.search(r"<td>1</td><td>2</td><td>1</td>", page)  # question 1: reached by 2, one stopped there
    assert "De verbinder" in page


def test_visitors_cannot_see_the_figures(client, strength_test):
    assert client.get("/admin/reports/strength-test/").status_code == 302


@pytest.fixture
def registered_kind(theme, home_page):
    """A kind of content as sections register them (core/content_registry.py), with one page on the theme."""
    matching = ContentPageFactory(parent=home_page, title="Zo werk je samen met de bieb")
    matching.themes.add(theme)
    matching.save_revision().publish()
    ContentPageFactory(parent=home_page, title="Iets heel anders")
    kind = content_registry.ContentKind(key="quiz-test-kind", label=gettext_lazy("Lessons learned"), model=ContentPage)
    previous = dict(content_registry._kinds)
    content_registry._kinds.clear()
    content_registry.register(kind)
    yield kind
    content_registry._kinds.clear()
    content_registry._kinds.update(previous)


def test_the_result_shows_content_on_the_profiles_themes(client, strength_test, registered_kind):
    html = client.get(f"{strength_test.url}resultaat/verbinder/").content.decode()
    assert "Past bij jou" in html
    assert "Zo werk je samen met de bieb" in html
    assert "Iets heel anders" not in html
    assert (
        'property="og:image" content="http://testserver' in html
        or 'property="og:image" content="http://localhost' in html
    )
    other = client.get(f"{strength_test.url}resultaat/denker/").content.decode()
    assert "Zo werk je samen met de bieb" not in other  # de denker has no themes


def test_shared_result_page_and_share_image(client, strength_test):
    response = client.get(f"{strength_test.url}resultaat/doener/")
    assert response.status_code == 200
    assert "De doener" in response.content.decode()
    assert "Doe zelf de test" in response.content.decode()
    image = client.get(f"/vragenlijst/{strength_test.pk}/doener.png")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"{strength_test.url}resultaat/bestaat-niet/").status_code == 404
    assert client.get(f"/vragenlijst/{strength_test.pk}/bestaat-niet.png").status_code == 404


def test_the_share_image_is_drawn_once_per_published_version(client, strength_test, monkeypatch):
    from campaign.posters import engine

    drawn = []
    real = engine.render_text_card

    def counting(**kwargs):
        drawn.append(kwargs["title"])
        return real(**kwargs)

    monkeypatch.setattr(engine, "render_text_card", counting)
    url = f"/vragenlijst/{strength_test.pk}/doener.png"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert len(drawn) == 1
    client.get(f"/vragenlijst/{strength_test.pk}/denker.png")
    assert len(drawn) == 2  # another profile is another picture
    strength_test.title = "De nieuwe sterktetest"
    strength_test.save_revision().publish()
    assert client.get(url).status_code == 200
    assert len(drawn) == 3  # a new publication draws it again


def test_drawing_share_images_is_rate_limited_cached_ones_are_not(client, strength_test, monkeypatch):
    monkeypatch.setattr("campaign.quiz.views.SHARE_IMAGE_LIMIT", 1)
    assert client.get(f"/vragenlijst/{strength_test.pk}/doener.png").status_code == 200
    response = client.get(f"/vragenlijst/{strength_test.pk}/denker.png")
    assert response.status_code == 429
    assert "Je gaat te snel" in response.content.decode()
    assert client.get(f"/vragenlijst/{strength_test.pk}/doener.png").status_code == 200


@pytest.mark.parametrize("number", [str(2**63), "99999999999999999999"])
def test_ids_too_large_for_the_database_are_404(client, strength_test, number):
    assert client.get(f"/vragenlijst/{number}/doener.png").status_code == 404
    assert client.post(f"/vragenlijst/{number}/stap/", {"action": "start"}).status_code == 404
    assert client.get(f"/vragenlijst/{2**63 - 1}/doener.png").status_code == 404


def test_answers_must_name_existing_profiles(strength_test):
    strength_test.questions[0].value["answers"][0]["profiles"] = "verbinder, zwever"
    with pytest.raises(ValidationError) as error:
        strength_test.full_clean()
    assert "zwever" in str(error.value)


class TestPageTree(WagtailPageTestCase):
    def test_the_test_lives_under_the_campaign(self):
        self.assertCanCreateAt(CampaignIndexPage, StrengthTestPage)
        self.assertCanNotCreateAt(StrengthTestPage, StrengthTestPage)
