import pytest
from django.core.cache import cache

from core.factories import AudienceFactory, ThemeFactory
from tips.factories import TipCollectionIndexPageFactory, TipCollectionPageFactory, TipFactory


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def vocabularies(db):
    themes = {name: ThemeFactory(name=name) for name in ("Werving", "Inclusie", "Jongeren", "Samenwerking")}
    audiences = {name: AudienceFactory(name=name) for name in ("Gemeenten", "Lokale initiatieven", "Vrijwilligers")}
    return themes, audiences


@pytest.fixture
def tip_index(home_page):
    return TipCollectionIndexPageFactory(parent=home_page)


@pytest.fixture
def collection(tip_index):
    return TipCollectionPageFactory(parent=tip_index, slug="80-tips", title="80 tips voor gemeenten")


@pytest.fixture
def tips(collection, vocabularies):
    themes, audiences = vocabularies
    return [
        TipFactory(
            page=collection,
            title="Vraag mensen persoonlijk",
            themes=[themes["Werving"]],
            audiences=[audiences["Gemeenten"]],
        ),
        TipFactory(
            page=collection,
            title="Geef jongeren verantwoordelijkheid",
            themes=[themes["Jongeren"]],
            audiences=[audiences["Lokale initiatieven"]],
        ),
        TipFactory(
            page=collection,
            title="Maak meedoen toegankelijk",
            themes=[themes["Inclusie"], themes["Werving"]],
            audiences=[audiences["Gemeenten"], audiences["Lokale initiatieven"]],
        ),
    ]
