"""Form data for the agenda page in the Wagtail admin."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_agenda_url(parent):
    return reverse("wagtailadmin_pages:add", args=["networks", "inclusionagendapage", parent.pk])


def agenda_form_data(title="Lokale Inclusie Agenda Zwolle", files=None, **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": "inclusie-agenda",
            "agenda_summary": rich_text("<p>Wonen en vervoer voor iedereen.</p>"),
            "status": "adopted",
            "adopted_on": "2026-06-01",
            "period_start": "2026",
            "period_end": "2030",
            "lived_experience": rich_text("<p>Ervaringsdeskundigen schreven mee.</p>"),
            "contact_name": "Sam de Vries",
            "comments": inline_formset([]),
            "related_pins": inline_formset([]),
        }
    )
    data["life_domains"] = []
    data.update(files or {})
    data.update(actions)
    return data


def municipality_form_data(page, title=None, **actions):
    data = nested_form_data(
        {
            "title": title or page.title,
            "slug": page.slug,
            "introduction": rich_text("<p>Een nieuwe inleiding.</p>"),
            "municipality": page.municipality_id,
            "body": {"count": 0},
            "comments": inline_formset([]),
            "related_pins": inline_formset([]),
        }
    )
    data.update(actions)
    return data
