"""The stappen- en keuzeplan: choices in, a plan of steps out, on screen and as a PDF with real text."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from pypdf import PdfReader
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaign.models import CampaignIndexPage
from campaign.quiz.models import PlanPage, PlanStep
from core.models import Theme
from tests.campaign.campaign_fixtures import pdf_text

pytestmark = pytest.mark.django_db

CHOICES = [
    (
        "choice",
        {
            "key": "tijd",
            "question": "Hoeveel tijd heeft u?",
            "help_text": "",
            "multiple": False,
            "options": [{"key": "weinig-tijd", "label": "Weinig"}, {"key": "veel-tijd", "label": "Veel"}],
        },
    ),
    (
        "choice",
        {
            "key": "partners",
            "question": "Met wie werkt u samen?",
            "help_text": "Kies alles wat past.",
            "multiple": True,
            "options": [
                {"key": "bibliotheek", "label": "Bibliotheek"},
                {"key": "welzijn", "label": "Welzijnsorganisatie"},
            ],
        },
    ),
]


@pytest.fixture
def campaign_index(home_page):
    index = CampaignIndexPage(title="Campagne", slug="campagne")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_plan(parent, extra_steps=0):
    page = PlanPage(title="Stappen- en keuzeplan", slug="plan", choices=CHOICES)
    theme, _ = Theme.objects.get_or_create(slug="samenwerking", defaults={"name": "Samenwerking"})
    steps = [
        ("Maak de campagne van uw gemeente", "always", ""),
        ("Houd het klein", "any", "weinig-tijd"),
        ("Samen met de bibliotheek", "any", "bibliotheek, welzijn"),
        ("Een heel jaar campagne", "all", "veel-tijd, partners:welzijn"),
    ]
    steps += [(f"Extra stap {number}", "always", "") for number in range(extra_steps)]
    for number, (title, rule, options) in enumerate(steps):
        step = PlanStep(title=title, text=f"<p>Wat u doet bij {title.lower()}.</p>", rule=rule, options=options)
        step.sort_order = number
        step.themes = [theme]
        page.steps.add(step)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def plan(campaign_index):
    return make_plan(campaign_index)


def test_the_plan_page_asks_the_choices_without_a_result(client, plan):
    response = client.get(plan.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<legend>Hoeveel tijd heeft u?</legend>" in html
    assert 'type="radio" name="tijd" value="weinig-tijd" id="plan-tijd-0"' in html
    assert 'type="checkbox" name="partners" value="bibliotheek"' in html
    assert "Maak mijn plan" in html
    assert "Uw plan" not in html


def test_choices_make_a_personal_plan(client, plan):
    response = client.get(plan.url, {"plan": "1", "tijd": "weinig-tijd", "partners": ["welzijn"]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]  # every combination is its own URL: not in the shared cache
    assert "Uw plan" in html
    assert "Maak de campagne van uw gemeente" in html
    assert "Houd het klein" in html
    assert "Samen met de bibliotheek" in html
    assert "Een heel jaar campagne" not in html
    assert 'value="weinig-tijd" id="plan-tijd-0" checked' in html
    assert "Download uw plan als pdf" in html


def test_all_rules_need_every_option(client, plan):
    html = client.get(plan.url, {"plan": "1", "tijd": "veel-tijd", "partners": ["welzijn"]}).content.decode()
    assert "Een heel jaar campagne" in html
    assert "Houd het klein" not in html
    html = client.get(plan.url, {"plan": "1", "tijd": "veel-tijd"}).content.decode()
    assert "Een heel jaar campagne" not in html


@pytest.mark.parametrize(
    "query",
    [
        {"plan": "1", "tijd": "oneindig"},
        {"plan": "1", "tijd": ["weinig-tijd", "veel-tijd"]},
        {"plan": "1", "partners": "<script>alert(1)</script>"},
    ],
)
def test_unknown_choices_get_a_clear_dutch_error(client, plan, query):
    response = client.get(plan.url, query)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ging iets mis" in html
    assert "Kies een van de getoonde opties." in html or "Kies één optie." in html
    assert "<script>alert(1)</script>" not in html
    assert client.get(f"{plan.url}pdf/", query).status_code == 400


def test_the_plan_as_a_pdf_with_real_dutch_text(client, plan):
    response = client.get(f"{plan.url}pdf/", {"plan": "1", "tijd": "weinig-tijd", "partners": ["bibliotheek"]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title == "Stappen- en keuzeplan"
    assert "Uw keuzes" in text
    assert "Hoeveel tijd heeft u? Weinig" in text
    assert "1. Maak de campagne van uw gemeente" in text
    assert "Houd het klein" in text
    assert "Samen met de bibliotheek" in text
    assert "Een heel jaar campagne" not in text
    assert "Wat u doet bij houd het klein." in text
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "nl"


def test_a_plan_without_choices_has_the_steps_that_always_apply(client, plan):
    html = client.get(plan.url, {"plan": "1"}).content.decode()
    assert "Maak de campagne van uw gemeente" in html
    assert "Houd het klein" not in html


def test_query_count_does_not_grow_with_the_steps(client, campaign_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = make_plan(campaign_index)
    query = {"plan": "1", "tijd": "weinig-tijd"}
    client.get(few.url, query)  # site settings and caches filled
    with CaptureQueriesContext(connection) as first:
        client.get(few.url, query)
    few.delete()
    many = make_plan(campaign_index, extra_steps=15)
    client.get(many.url, query)
    with CaptureQueriesContext(connection) as second:
        html = client.get(many.url, query).content.decode()
    assert "Extra stap 14" in html
    assert len(second) == len(first)


def test_steps_must_name_existing_options(plan):
    steps = list(plan.steps.all())
    steps[0].rule = "any"
    steps[0].options = "weinig-tijd, gouden-bergen"
    plan.steps = steps
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    assert "gouden-bergen" in str(error.value)


def test_a_rule_on_options_needs_options(plan):
    steps = list(plan.steps.all())
    steps[0].rule = "all"
    steps[0].options = ""
    plan.steps = steps
    with pytest.raises(ValidationError):
        plan.full_clean()


class TestPageTree(WagtailPageTestCase):
    def test_the_plan_lives_under_the_campaign(self):
        self.assertCanCreateAt(CampaignIndexPage, PlanPage)


def plan_form(plan, steps):
    """The plan's edit form as the admin posts it: the two choices of CHOICES, the given steps, publish."""

    def options(items):
        return {
            "count": str(len(items)),
            **{
                str(number): {"value": {"label": label, "key": key}, "deleted": "", "order": str(number), "id": ""}
                for number, (key, label) in enumerate(items)
            },
        }

    return nested_form_data(
        {
            "title": plan.title,
            "slug": plan.slug,
            "introduction": rich_text("<p>Uw plan in vijf minuten.</p>"),
            "choices": streamfield(
                [
                    (
                        "choice",
                        {
                            "question": "Hoeveel tijd heeft u?",
                            "key": "tijd",
                            "help_text": "",
                            "options": options([("weinig-tijd", "Weinig"), ("veel-tijd", "Veel")]),
                        },
                    ),
                    (
                        "choice",
                        {
                            "question": "Met wie werkt u samen?",
                            "key": "partners",
                            "help_text": "",
                            "multiple": "on",
                            "options": options([("bibliotheek", "Bibliotheek"), ("welzijn", "Welzijn")]),
                        },
                    ),
                ]
            ),  # fmt: skip
            "steps": inline_formset(steps),
            "related_pins": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_an_editor_saves_a_step_with_a_document_and_a_page_to_download(client, plan, campaign_index):
    """Through the page editor, as editors work: a step links one of the site's documents (core.CustomDocument)
    and a page; the published plan offers both with the step, on screen and in the PDF."""
    from core.factories import UserFactory
    from core.models import CustomDocument

    document = CustomDocument.objects.create(
        title="Radiospot Mensen vragen mensen", file=ContentFile(b"RIFF", "spot.wav")
    )
    client.force_login(UserFactory(username="redacteur", is_superuser=True, is_staff=True))
    step = {"title": "Laat de campagne horen", "text": rich_text("<p>Op de lokale radio.</p>"), "rule": "any",
            "options": "weinig-tijd", "material_page": campaign_index.pk, "material_document": document.pk}  # fmt: skip
    response = client.post(f"/admin/pages/{plan.pk}/edit/", plan_form(plan, [step]))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    saved = PlanStep.objects.get(page=plan, title="Laat de campagne horen")
    assert (saved.material_document, saved.material_page.specific) == (document, campaign_index)
    html = client.get(plan.url, {"plan": "1", "tijd": "weinig-tijd"}).content.decode()
    assert f'<a href="{document.url}">{document.title}</a>' in html
    assert f'<a href="{campaign_index.url}">{campaign_index.title}</a>' in html
    pdf = client.get(plan.url + "pdf/", {"tijd": "weinig-tijd"})
    assert "Materiaal: Radiospot Mensen vragen mensen http://" in pdf_text(pdf.content)
