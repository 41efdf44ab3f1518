"""Editors add, retitle and reorder tips in the page editor; permalinks survive retitling."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.factories import UserFactory
from tips.models import Tip


def collection_form(collection, tips, initial=0):
    return nested_form_data(
        {
            "title": collection.title,
            "slug": collection.slug,
            "introduction": rich_text("<p>Inleiding</p>"),
            "occasion": "Bijeenkomst",
            "organisers": "Stimuland",
            "tips": inline_formset(tips, initial=initial),
            "related_pins": inline_formset([]),
            "action-publish": "publish",
        }
    )


@pytest.fixture
def editor_client(client, db):
    client.force_login(UserFactory(username="redactie", is_superuser=True, is_staff=True))
    return client


@pytest.mark.django_db
def test_editor_adds_and_retitles_tips_without_breaking_permalinks(editor_client, collection, vocabularies):
    themes, _ = vocabularies
    url = f"/admin/pages/{collection.pk}/edit/"
    data = collection_form(
        collection,
        [
            {
                "title": "Vraag het persoonlijk",
                "body": rich_text("<p>Werkt het best.</p>"),
                "themes": [themes["Werving"].pk],
            },
            {"title": "Begin klein", "body": rich_text("<p>Een eerste stap.</p>")},
        ],
    )
    data["tips-0-themes"] = [themes["Werving"].pk]  # nested_form_data would flatten a list
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    tips = list(Tip.objects.filter(page=collection).order_by("sort_order"))
    assert [(tip.title, tip.slug) for tip in tips] == [
        ("Vraag het persoonlijk", "vraag-het-persoonlijk"),
        ("Begin klein", "begin-klein"),
    ]
    assert [theme.name for theme in tips[0].themes.all()] == ["Werving"]

    # Retitle the first tip and move it to the end.
    data = collection_form(
        collection,
        [
            {
                "id": tips[0].pk,
                "title": "Vraag mensen altijd persoonlijk",
                "body": rich_text("<p>Werkt.</p>"),
                "ORDER": 2,
            },
            {"id": tips[1].pk, "title": "Begin klein", "body": rich_text("<p>Een eerste stap.</p>"), "ORDER": 1},
        ],
        initial=2,
    )
    assert editor_client.post(url, data).status_code == 302
    tips = list(Tip.objects.filter(page=collection).order_by("sort_order"))
    assert [(tip.title, tip.slug) for tip in tips] == [
        ("Begin klein", "begin-klein"),
        ("Vraag mensen altijd persoonlijk", "vraag-het-persoonlijk"),
    ]
    assert editor_client.get("/tips/80-tips/vraag-het-persoonlijk/").status_code == 200


@pytest.mark.django_db
def test_preview_shows_unsaved_tips(editor_client, collection):
    url = f"/admin/pages/{collection.pk}/edit/preview/"
    data = collection_form(collection, [{"title": "Nog niet opgeslagen tip", "body": rich_text("<p>Concept.</p>")}])
    assert editor_client.post(url, data).json()["is_valid"]
    html = editor_client.get(url).content.decode()
    assert "Nog niet opgeslagen tip" in html
    assert not Tip.objects.exists()
