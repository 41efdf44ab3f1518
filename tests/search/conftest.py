import pytest
from wagtail.models import PageViewRestriction

from core.factories import AudienceFactory, ContentPageFactory, ThemeFactory
from search import indexing
from tests.search.corpus import CORPUS

THEMES = ["Werving", "Inclusie", "Jongeren", "Ervaringsdeskundigheid", "Samenwerking", "Zichtbaarheid"]
AUDIENCES = ["Gemeenten", "Vrijwilligersorganisaties", "Lokale initiatieven", "Professionals", "Vrijwilligers"]


def build_page(parent, entry, themes, audiences, publish=True):
    body = [("paragraph", f"<p>{paragraph}</p>") for paragraph in entry["body"]]
    page = ContentPageFactory(
        parent=parent,
        slug=entry["slug"],
        title=entry["title"],
        listing_summary=entry["summary"],
        introduction="",
        body=body,
        live=publish,
    )
    page.themes.set([themes[name] for name in entry.get("themes", [])])
    page.audiences.set([audiences[name] for name in entry.get("audiences", [])])
    page.first_published_at = entry.get("date")
    page.save()
    return page


@pytest.fixture
def vocabularies(db):
    themes = {name: ThemeFactory(name=name) for name in THEMES}
    audiences = {name: AudienceFactory(name=name) for name in AUDIENCES}
    return themes, audiences


@pytest.fixture
def corpus(home_page, vocabularies):
    """The Dutch test corpus as published content pages, indexed."""
    themes, audiences = vocabularies
    pages = {entry["slug"]: build_page(home_page, entry, themes, audiences) for entry in CORPUS}
    indexing.rebuild()
    return pages


@pytest.fixture
def hidden_pages(home_page, vocabularies):
    """An unpublished draft and a login-restricted page, both about 'geheimzinnig' things."""
    themes, audiences = vocabularies
    draft = build_page(
        home_page,
        {"slug": "concept", "title": "Geheimzinnig concept", "summary": "Nog niet klaar.", "body": ["Geheimzinnig."]},
        themes,
        audiences,
        publish=False,
    )
    private = build_page(
        home_page,
        {"slug": "besloten", "title": "Geheimzinnig besloten", "summary": "Voor leden.", "body": ["Geheimzinnig."]},
        themes,
        audiences,
    )
    child = build_page(
        private,
        {"slug": "onder-besloten", "title": "Geheimzinnig kind", "summary": "Onder besloten.", "body": ["x"]},
        themes,
        audiences,
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    indexing.rebuild()
    return {"draft": draft, "private": private, "child": child}
